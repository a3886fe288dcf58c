package dev.nightly.flatpak.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.flatpak.FlatpakInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsJsonWithCommentsAndBranch() throws IOException {
        Manifest manifest = Manifest.read(write("org.kde.kube.json", """
                /* Kube nightly */
                {"app-id": "org.kde.kube", "branch": "nightly", "modules": []}
                """));
        assertThat(manifest.appId()).isEqualTo("org.kde.kube");
        assertThat(manifest.branch()).contains("nightly");
    }

    @Test
    void readsYamlTopLevelKeysOnly() throws IOException {
        Manifest manifest = Manifest.read(write("org.kde.kube.yml", """
                id: "org.kde.kube" # the app
                runtime: org.kde.Platform
                modules:
                  - name: kube
                    branch: v1.0
                """));
        assertThat(manifest.appId()).isEqualTo("org.kde.kube");
        assertThat(manifest.branch()).isEmpty();
    }

    @Test
    void rejectsAnInvalidApplicationId() throws IOException {
        Path file = write("x.json", "{\"app-id\": \"kube\", \"modules\": []}");
        assertThatThrownBy(() -> Manifest.read(file)).isInstanceOf(FlatpakInputException.class)
                .hasMessage("manifest " + file + ": app-id 'kube' is not a valid application id (like org.example.App)");
    }

    @Test
    void rejectsAManifestWithoutModules() throws IOException {
        Path file = write("x.yaml", "app-id: org.kde.kube\n");
        assertThatThrownBy(() -> Manifest.read(file)).isInstanceOf(FlatpakInputException.class)
                .hasMessage("manifest " + file + " has no modules list");
    }
}
