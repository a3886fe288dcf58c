package io.jenkins.plugins.hawd.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pattern and folder resolution inside a workspace, on real files and symbolic links (no Jenkins needed). */
class WorkspaceFilesTest {
    @TempDir
    Path temp;

    @Test
    void matchesSortedFilesInsideTheWorkspace() throws Exception {
        Path workspace = Files.createDirectories(temp.resolve("ws"));
        Files.createDirectories(workspace.resolve("out/b"));
        Files.writeString(workspace.resolve("out/b/2.json"), "{}");
        Files.writeString(workspace.resolve("out/1.json"), "{}");
        Files.writeString(workspace.resolve("out/skip.txt"), "");
        WorkspaceFiles files = new WorkspaceFiles(workspace.toFile());

        assertThat(files.match("out/**/*.json")).extracting(p -> files.root().relativize(p).toString().replace('\\', '/'))
                .containsExactly("out/1.json", "out/b/2.json");
        assertThat(files.match("nothing/*.json")).isEmpty();
        assertThat(files.folder("definitions", "out/b")).isEqualTo(workspace.toRealPath().resolve("out/b"));
    }

    @Test
    void refusesAbsolutePathsDotsAndLinksOutOfTheWorkspace() throws Exception {
        Path workspace = Files.createDirectories(temp.resolve("ws"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.json"), "{}");
        Files.createSymbolicLink(workspace.resolve("linked"), outside);
        Files.createSymbolicLink(workspace.resolve("secret.json"), outside.resolve("secret.json"));
        WorkspaceFiles files = new WorkspaceFiles(workspace.toFile());

        assertThatThrownBy(() -> files.match("../outside/*.json")).isInstanceOf(AbortException.class)
                .hasMessageContaining("no '..'");
        assertThatThrownBy(() -> files.match("out/*.json, /etc/*.json")).isInstanceOf(AbortException.class)
                .hasMessageContaining("not an absolute path");
        assertThatThrownBy(() -> files.match("C:\\results\\*.json")).isInstanceOf(AbortException.class);
        assertThatThrownBy(() -> files.folder("definitions", "linked")).isInstanceOf(AbortException.class)
                .hasMessageContaining("outside the workspace");
        assertThatThrownBy(() -> files.file("checks file", "secret.json")).isInstanceOf(AbortException.class)
                .hasMessageContaining("outside the workspace");
        // A scan neither follows the linked folder nor returns the linked file: either it is not matched,
        // or it is refused, but never read.
        try {
            assertThat(files.match("**/*.json")).isEmpty();
        }
        catch (AbortException refused) {
            assertThat(refused).hasMessageContaining("outside the workspace");
        }
    }
}
