package dev.nightly.cli.flatpak;

import dev.nightly.flatpak.testkit.RequiresTools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.flatpak.testkit.FlatpakTestEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar nightly.jar flatpak build|publish} as other tools call it: real processes on a tiny
 * runtime from host binaries, exit codes and messages as documented.
 */
@RequiresTools({"flatpak", "flatpak-builder", "ostree", "gpg"})
class FlatpakCommandIT {
    private static final String RUNTIME = "org.nightly.cli.Platform";
    private static final String SDK = "org.nightly.cli.Sdk";
    private static final String APP = "org.nightly.cli.Hello";

    private static FlatpakTestEnvironment env;
    private static String key;
    private static Path built;

    /** Builds apps A and B once, through the CLI, for the tests that only publish. */
    @BeforeAll
    static void setUp() throws Exception {
        env = FlatpakTestEnvironment.create();
        key = env.generateKey("CLI Test");
        env.installTinyRuntime(RUNTIME, SDK, key);
        built = env.root().resolve("built");
        assertThat(build(built, "org.nightly.cli.A", "a").exit()).isZero();
        assertThat(build(built, "org.nightly.cli.B", "b").exit()).isZero();
    }

    @AfterAll
    static void cleanUp() {
        env.close();
    }

    record Result(int exit, String out, String err) {
    }

    private static Process start(Map<String, String> extraEnv, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("nightly.jar", "target/nightly.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env.environment());
        builder.environment().putAll(extraEnv);
        return builder.start();
    }

    private static Result finish(Process process) throws Exception {
        var out = process.getInputStream();
        var err = process.getErrorStream();
        byte[][] streams = new byte[2][];
        Thread errReader = new Thread(() -> {
            try {
                streams[1] = err.readAllBytes();
            } catch (IOException e) {
                streams[1] = new byte[0];
            }
        });
        errReader.start();
        streams[0] = out.readAllBytes();
        assertThat(process.waitFor(240, TimeUnit.SECONDS)).isTrue();
        errReader.join();
        Result result = new Result(process.exitValue(), new String(streams[0], StandardCharsets.UTF_8),
                new String(streams[1], StandardCharsets.UTF_8));
        System.out.println(result.err());
        return result;
    }

    private static Result nightly(String... args) throws Exception {
        return finish(start(Map.of(), args));
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private static Result build(Path work, String appId, String message) throws Exception {
        Path manifest = FlatpakTestEnvironment.writeHelloApp(work.resolve("src-" + appId), appId, RUNTIME, SDK, message);
        return nightly("flatpak", "build", "--manifest", manifest.toString(), "--repo", work.resolve("repo-" + appId).toString(),
                "--branch", "nightly", "--state-dir", work.resolve("state-" + appId).toString(), "--gpg-key", key,
                "--gpg-homedir", env.gnupgHome().toString(), "--subject", message);
    }

    private static String[] publishArgs(Path repo, Path dest, String... more) {
        List<String> args = new ArrayList<>(List.of("flatpak", "publish", "--repo", repo.toString(), "--dest", dest.toString(),
                "--url", "https://nightly.example.org/flatpak", "--keep", "1", "--gpg-key", key, "--gpg-homedir",
                env.gnupgHome().toString(), "--title", "CLI Nightly"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static List<String> ostree(String... args) throws Exception {
        Process process = new ProcessBuilder(List.of(args)).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void buildsAndPublishesTwoNightliesKeepingOne() throws Exception {
        Path work = env.root().resolve("two");
        Path dest = work.resolve("www");

        Result build1 = build(work, APP, "cli nightly 1");
        assertThat(build1.exit()).as(build1.err()).isZero();
        assertThat(build1.out()).startsWith("built app/" + APP + "/").contains("/nightly ");
        Result publish1 = nightly(publishArgs(work.resolve("repo-" + APP), dest));
        assertThat(publish1.exit()).as(publish1.err()).isZero();

        Result build2 = build(work, APP, "cli nightly 2");
        assertThat(build2.exit()).isZero();
        Result publish2 = nightly(publishArgs(work.resolve("repo-" + APP), dest));
        assertThat(publish2.exit()).as(publish2.err()).isZero();
        assertThat(publish2.out()).contains("published app/" + APP + "/")
                .contains("repository https://nightly.example.org/flatpak/repo/ (verified)");

        String ref = ostree("ostree", "refs", "--repo=" + dest.resolve("repo")).stream()
                .filter(r -> r.startsWith("app/")).findFirst().orElseThrow();
        List<String> commits = ostree("ostree", "log", "--repo=" + dest.resolve("repo"), ref).stream()
                .filter(l -> l.startsWith("commit ")).toList();
        assertThat(commits).hasSize(1);
        assertThat(publish2.out()).contains(commits.get(0).substring("commit ".length()));
        assertThat(dest.resolve(APP + ".flatpakref")).content().contains("Url=https://nightly.example.org/flatpak/repo/");
        assertThat(dest.resolve("nightly.flatpakrepo")).content().contains("Title=CLI Nightly");
        assertThat(publish2.err()).contains("$ flatpak build-update-repo '--title=CLI Nightly' --generate-static-deltas"
                + " --prune --prune-depth=0 --gpg-sign=" + key);
    }

    @Test
    void twoPublishProcessesToOneDestinationTakeTurnsAndBothAppsSurvive() throws Exception {
        Path dest = env.root().resolve("concurrent-www");

        Process a = start(Map.of(), publishArgs(built.resolve("repo-org.nightly.cli.A"), dest));
        Process b = start(Map.of(), publishArgs(built.resolve("repo-org.nightly.cli.B"), dest));
        Result resultA = finish(a);
        Result resultB = finish(b);

        assertThat(resultA.exit()).as(resultA.err()).isZero();
        assertThat(resultB.exit()).as(resultB.err()).isZero();
        assertThat(ostree("ostree", "refs", "--repo=" + dest.resolve("repo")))
                .contains("app/org.nightly.cli.A/x86_64/nightly", "app/org.nightly.cli.B/x86_64/nightly");
        assertThat(dest).isDirectoryContaining("glob:**/org.nightly.cli.A.flatpakref")
                .isDirectoryContaining("glob:**/org.nightly.cli.B.flatpakref");
    }

    @Test
    void missingManifestExitsWithTwo() throws Exception {
        Path manifest = env.root().resolve("missing/org.example.App.json");
        Result result = nightly("flatpak", "build", "--manifest", manifest.toString(), "--repo",
                env.root().resolve("missing/repo").toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(lastLine(result.err())).isEqualTo("nightly: manifest " + manifest + " does not exist");
    }

    @Test
    void invalidManifestExitsWithTwo() throws Exception {
        Path manifest = env.root().resolve("invalid/org.example.App.json");
        Files.createDirectories(manifest.getParent());
        Files.writeString(manifest, "{ \"app-id\": \"org.example.App\", ");
        Result result = nightly("flatpak", "build", "--manifest", manifest.toString(), "--repo",
                env.root().resolve("invalid/repo").toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(lastLine(result.err())).startsWith("nightly: manifest " + manifest + " is not valid JSON at line 1");
    }

    @Test
    void unknownKeyExitsWithTwo() throws Exception {
        Path manifest = FlatpakTestEnvironment.writeHelloApp(env.root().resolve("unknown-key"), APP, RUNTIME, SDK, "x");
        Result result = nightly("flatpak", "build", "--manifest", manifest.toString(), "--repo",
                env.root().resolve("unknown-key/repo").toString(), "--gpg-key", "NoSuchKey", "--gpg-homedir",
                env.gnupgHome().toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(lastLine(result.err())).isEqualTo("nightly: unknown GPG key NoSuchKey: no such secret key in GPG homedir "
                + env.gnupgHome());
    }

    @Test
    void flatpakBuilderNotInstalledExitsWithTwo() throws Exception {
        Path manifest = FlatpakTestEnvironment.writeHelloApp(env.root().resolve("no-tools"), APP, RUNTIME, SDK, "x");
        Path emptyBin = Files.createDirectories(env.root().resolve("empty-bin"));
        Result result = finish(start(Map.of("PATH", emptyBin.toString()), "flatpak", "build", "--manifest",
                manifest.toString(), "--repo", env.root().resolve("no-tools/repo").toString()));
        assertThat(result.exit()).isEqualTo(2);
        assertThat(lastLine(result.err())).isEqualTo("nightly: flatpak-builder is not installed (or not on the PATH):"
                + " install it, e.g. the Debian package flatpak-builder");
    }

    @Test
    void destinationNotWritableExitsWithTwoAndLeavesItAlone() throws Exception {
        Path file = env.root().resolve("www-file");
        Files.writeString(file, "a file, not a directory");
        Result result = nightly(publishArgs(built.resolve("repo-org.nightly.cli.A"), file));
        assertThat(result.exit()).isEqualTo(2);
        assertThat(lastLine(result.err())).isEqualTo("nightly: destination " + file + " is not writable: " + file
                + " is not a directory");
        assertThat(file).hasContent("a file, not a directory");
    }

    @Test
    void badOptionsExitWithTwo() throws Exception {
        Path repo = env.root().resolve("no-repo");
        Result keep = nightly("flatpak", "publish", "--repo", repo.toString(), "--dest", "/tmp/x", "--url", "https://x.org",
                "--keep", "0");
        assertThat(keep.exit()).isEqualTo(2);
        assertThat(lastLine(keep.err())).isEqualTo("nightly: --keep must be at least 1 (commits to keep per ref), not 0");
        Result age = nightly("flatpak", "publish", "--repo", repo.toString(), "--dest", "/tmp/x", "--url", "https://x.org",
                "--max-age", "yesterday");
        assertThat(age.exit()).isEqualTo(2);
        assertThat(age.err()).contains("'yesterday' is not an age like 30d, 12h, 90m, 2w or P30D");
        Result missing = nightly("flatpak", "publish", "--repo", repo.toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required options: '--dest=DIR', '--url=PUBLIC_URL'");
    }
}
