package dev.nightly.flatpak.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequiresToolsConditionTest {
    @TempDir
    Path dir;

    @Test
    void findsOnlyExecutableProgramsOnThePath() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createFile(bin.resolve("flatpak"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createFile(bin.resolve("ostree"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        String path = dir.resolve("empty") + File.pathSeparator + bin;

        assertThat(RequiresToolsCondition.missing(List.of("flatpak", "ostree", "gpg"), path)).containsExactly("ostree", "gpg");
        assertThat(RequiresToolsCondition.missing(List.of("flatpak"), path)).isEmpty();
        assertThat(RequiresToolsCondition.missing(List.of("flatpak"), null)).containsExactly("flatpak");
    }
}
