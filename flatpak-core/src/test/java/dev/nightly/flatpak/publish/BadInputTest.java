package dev.nightly.flatpak.publish;

import dev.nightly.flatpak.testkit.RequiresTools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.flatpak.FlatpakInputException;
import dev.nightly.flatpak.SharedWorld;
import dev.nightly.flatpak.TestLog;
import dev.nightly.flatpak.build.BuildOptions;
import dev.nightly.flatpak.build.FlatpakBuild;
import dev.nightly.flatpak.gpg.GpgSigning;
import dev.nightly.flatpak.process.Tools;
import dev.nightly.flatpak.testkit.FlatpakTestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One test per bad input of the issue: each gets a one-line message that says what to fix, and a
 * destination that was published before is left exactly as it was.
 */
@RequiresTools({"flatpak", "flatpak-builder", "ostree", "gpg"})
@ExtendWith(SharedWorld.class)
class BadInputTest {
    private static final String RUNTIME = SharedWorld.RUNTIME;
    private static final String SDK = SharedWorld.SDK;
    private static final String APP = "org.nightly.bad.Hello";

    private static FlatpakTestEnvironment env;
    private static String key;
    private static Path buildRepo;
    private static Path dest;
    private static Path work;
    private static final TestLog LOG = new TestLog();

    @BeforeAll
    static void publishOnce() {
        env = SharedWorld.world().env();
        key = SharedWorld.world().key();
        work = env.root().resolve("bad-input");
        Path manifest = FlatpakTestEnvironment.writeHelloApp(work.resolve("src"), APP, RUNTIME, SDK, "hi");
        buildRepo = work.resolve("build-repo");
        new FlatpakBuild(env.runner(LOG.stream()), LOG.stream()).build(BuildOptions.builder(manifest, buildRepo)
                .branch("nightly").signing(GpgSigning.key(key, env.gnupgHome())).build());
        dest = work.resolve("www");
        publisher(Tools.defaults()).publish(options().build());
    }

    private static FlatpakPublisher publisher(Tools tools) {
        return new FlatpakPublisher(env.runner(LOG.stream()), LOG.stream(), tools, Clock.systemUTC());
    }

    private static FlatpakBuild builder(Tools tools) {
        return new FlatpakBuild(env.runner(LOG.stream()), LOG.stream(), tools, Clock.systemUTC());
    }

    private static PublishOptions.Builder options() {
        return PublishOptions.builder(buildRepo, dest.toString(), "http://127.0.0.1:9/").keep(2)
                .signing(GpgSigning.key(key, env.gnupgHome()));
    }

    /** Every file of the destination with its content, to prove it unchanged. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(file).toString(), java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    private static void assertOneLine(Throwable e) {
        assertThat(e.getMessage()).doesNotContain("\n");
    }

    @Test
    void missingManifest() {
        Path manifest = work.resolve("nowhere/org.example.App.json");
        Path repo = work.resolve("missing-manifest-repo");
        assertThatThrownBy(() -> builder(Tools.defaults()).build(BuildOptions.builder(manifest, repo).build()))
                .isInstanceOf(FlatpakInputException.class)
                .hasMessage("manifest " + manifest + " does not exist")
                .satisfies(BadInputTest::assertOneLine);
        assertThat(repo).doesNotExist();
    }

    @Test
    void invalidJsonManifest() throws IOException {
        Path manifest = work.resolve("broken/org.example.App.json");
        Files.createDirectories(manifest.getParent());
        Files.writeString(manifest, "{\n  \"app-id\": \"org.example.App\",\n  \"modules\": [\n}\n");
        assertThatThrownBy(() -> builder(Tools.defaults()).build(
                BuildOptions.builder(manifest, work.resolve("r")).build()))
                .isInstanceOf(FlatpakInputException.class)
                .hasMessageStartingWith("manifest " + manifest + " is not valid JSON at line 4, column")
                .satisfies(BadInputTest::assertOneLine);
    }

    @Test
    void manifestWithoutAppId() throws IOException {
        Path manifest = work.resolve("noid/org.example.App.yml");
        Files.createDirectories(manifest.getParent());
        Files.writeString(manifest, "runtime: org.example.Platform\nmodules:\n  - name: x\n");
        assertThatThrownBy(() -> builder(Tools.defaults()).build(
                BuildOptions.builder(manifest, work.resolve("r")).build()))
                .isInstanceOf(FlatpakInputException.class)
                .hasMessage("manifest " + manifest + " has no app-id");
    }

    @Test
    void unknownKeyForBuild() {
        Path manifest = FlatpakTestEnvironment.writeHelloApp(work.resolve("unknown-key"), APP, RUNTIME, SDK, "x");
        Path repo = work.resolve("unknown-key-repo");
        assertThatThrownBy(() -> builder(Tools.defaults()).build(BuildOptions.builder(manifest, repo)
                .signing(GpgSigning.key("0xDEADBEEFDEADBEEF", env.gnupgHome())).build()))
                .isInstanceOf(FlatpakInputException.class)
                .hasMessage("unknown GPG key 0xDEADBEEFDEADBEEF: no such secret key in GPG homedir " + env.gnupgHome());
        assertThat(repo).doesNotExist();
    }

    @Test
    void unknownKeyForPublishLeavesDestinationUntouched() throws IOException {
        Map<String, String> before = snapshot(dest);
        assertThatThrownBy(() -> publisher(Tools.defaults()).publish(options()
                .signing(GpgSigning.key("NoSuchKey", env.gnupgHome())).build()))
                .isInstanceOf(FlatpakInputException.class)
                .hasMessageStartingWith("unknown GPG key NoSuchKey");
        assertThat(snapshot(dest)).isEqualTo(before);
    }

    @Test
    void flatpakBuilderNotInstalled() {
        Path manifest = FlatpakTestEnvironment.writeHelloApp(work.resolve("no-builder"), APP, RUNTIME, SDK, "x");
        Tools missing = Tools.defaults().withFlatpakBuilder("/nonexistent/bin/flatpak-builder");
        assertThatThrownBy(() -> builder(missing).build(BuildOptions.builder(manifest, work.resolve("nb")).build()))
                .isInstanceOf(FlatpakInputException.class)
                .hasMessage("/nonexistent/bin/flatpak-builder is not installed (or not on the PATH): install it,"
                        + " e.g. the Debian package flatpak-builder");
    }

    @Test
    void flatpakNotInstalledLeavesDestinationUntouched() throws IOException {
        Map<String, String> before = snapshot(dest);
        assertThatThrownBy(() -> publisher(Tools.defaults().withFlatpak("/nonexistent/bin/flatpak")).publish(options().build()))
                .isInstanceOf(FlatpakInputException.class)
                .hasMessage("/nonexistent/bin/flatpak is not installed (or not on the PATH): install it,"
                        + " e.g. the Debian package flatpak");
        assertThat(snapshot(dest)).isEqualTo(before);
    }

    @Test
    void destinationIsAFile() throws IOException {
        Path file = work.resolve("a-file");
        Files.writeString(file, "not a directory");
        assertThatThrownBy(() -> publisher(Tools.defaults()).publish(
                PublishOptions.builder(buildRepo, file.toString(), "http://127.0.0.1:9/")
                        .signing(GpgSigning.key(key, env.gnupgHome())).build()))
                .isInstanceOf(FlatpakInputException.class)
                .hasMessage("destination " + file + " is not writable: " + file + " is not a directory");
        assertThat(file).hasContent("not a directory");
    }

    @Test
    void destinationCannotBeCreated() {
        // root may write anywhere, but not into /proc
        Path dir = Path.of("/proc/nightly-test-destination");
        assertThatThrownBy(() -> publisher(Tools.defaults()).publish(
                PublishOptions.builder(buildRepo, dir.toString(), "http://127.0.0.1:9/")
                        .signing(GpgSigning.key(key, env.gnupgHome())).build()))
                .isInstanceOf(FlatpakInputException.class)
                .hasMessageStartingWith("destination " + dir + " is not writable")
                .satisfies(BadInputTest::assertOneLine);
        assertThat(dir).doesNotExist();
    }

    @Test
    void repositoryIsNotAnOstreeRepository() throws IOException {
        Path notRepo = work.resolve("not-a-repo");
        Files.createDirectories(notRepo);
        assertThatThrownBy(() -> publisher(Tools.defaults()).publish(
                PublishOptions.builder(notRepo, dest.toString(), "http://127.0.0.1:9/").build()))
                .isInstanceOf(FlatpakInputException.class)
                .hasMessage("repository " + notRepo + " is not an OSTree repository (no config/objects)");
    }

    @Test
    void invalidUrlAndKeep() throws IOException {
        Map<String, String> before = snapshot(dest);
        assertThatThrownBy(() -> publisher(Tools.defaults()).publish(
                PublishOptions.builder(buildRepo, dest.toString(), "example.org/flatpak").build()))
                .isInstanceOf(FlatpakInputException.class)
                .hasMessage("public URL 'example.org/flatpak' must be an absolute http://, https:// or file:// URL");
        assertThatThrownBy(() -> options().keep(0))
                .isInstanceOf(FlatpakInputException.class)
                .hasMessage("--keep must be at least 1 (commits to keep per ref), not 0");
        assertThat(snapshot(dest)).isEqualTo(before);
    }
}
