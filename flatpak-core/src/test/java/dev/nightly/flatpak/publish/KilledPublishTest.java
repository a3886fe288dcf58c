package dev.nightly.flatpak.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.flatpak.SharedWorld;
import dev.nightly.flatpak.TestLog;
import dev.nightly.flatpak.build.BuildResult;
import dev.nightly.flatpak.files.TempDirs;
import dev.nightly.flatpak.pause.PausePoints;
import dev.nightly.flatpak.process.Command;
import dev.nightly.flatpak.process.CommandExecutor;
import dev.nightly.flatpak.process.Tools;
import dev.nightly.flatpak.repo.OstreeRepo;
import dev.nightly.flatpak.testkit.FlatpakTestEnvironment;
import dev.nightly.flatpak.testkit.RequiresTools;
import dev.nightly.flatpak.verify.PublishVerifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real publishing process killed with SIGKILL at a known step of its sync: the published repository
 * is the old one or the new one and verifies with a real ostree client, and the next publish removes
 * the staging copy the killed one left in the temp dir.
 */
@RequiresTools({"flatpak", "flatpak-builder", "ostree", "gpg"})
@ExtendWith(SharedWorld.class)
class KilledPublishTest {
    private static final String APP = "org.nightly.test.Killed";
    private static final TestLog LOG = new TestLog();

    private static FlatpakTestEnvironment env;
    private static String key;

    @BeforeAll
    static void useSharedWorld() {
        env = SharedWorld.world().env();
        key = SharedWorld.world().key();
    }

    private static BuildResult build(Path work, String message) {
        return SharedWorld.buildHello(work, APP, message, LOG.stream());
    }

    /** {@code java PublishProcessMain ...} in the test world, with its own temp dir. */
    private static Process startPublish(Path work, Path dest, String pauseAt) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + work.resolve("tmp"), "-cp", System.getProperty("java.class.path"),
                PublishProcessMain.class.getName(), work.resolve("build-repo").toString(), dest.toString(),
                dest.toUri().toString(), key, env.gnupgHome().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env.environment());
        builder.environment().remove(PausePoints.ENVIRONMENT);
        if (pauseAt != null) {
            builder.environment().put(PausePoints.ENVIRONMENT, pauseAt);
        }
        return builder.start();
    }

    private static List<Path> leftovers(Path tmp) throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(FlatpakPublisher.STAGING_PREFIX)).toList();
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"before summary switch", "before summary index"})
    void aPublishKilledAtAStepLeavesAVerifiableRepositoryAndTheNextPublishRemovesItsLeftovers(String step) throws Exception {
        Path work = env.root().resolve("killed-" + step.replace(' ', '-'));
        Path dest = work.resolve("www");
        Files.createDirectories(work.resolve("tmp"));
        byte[] publicKey = Files.readAllBytes(env.exportKey(key));
        PublishVerifier client = new PublishVerifier(new CommandExecutor(env.runner(LOG.stream()), LOG.stream()), Tools.defaults());
        String ref = build(work, "killed 1").ref().toString();
        Process first = startPublish(work, dest, null);
        String firstOutput = new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(first.waitFor()).as(firstOutput).isZero();
        OstreeRepo published = new OstreeRepo(dest.resolve("repo"), new CommandExecutor(env.runner(LOG.stream()), LOG.stream()),
                Tools.defaults());
        String old = published.commit(ref);
        build(work, "killed 2");

        Process killed = startPublish(work, dest, step);
        List<String> output = new ArrayList<>();
        CompletableFuture<Void> paused = CompletableFuture.runAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(killed.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                    if (line.equals("paused at " + step + " (" + PausePoints.ENVIRONMENT + ")")) {
                        return;
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        paused.get(3, TimeUnit.MINUTES);
        killed.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
        assertThat(killed.waitFor(1, TimeUnit.MINUTES)).isTrue();
        LOG.stream().println("killed at " + step + " after: " + String.join("\n", output));

        // The ostree client reads summary + summary.sig; killed before the index switch, flatpak still reads the old index.
        String seen = step.equals("before summary switch") ? old : published.commit(ref);
        if (step.equals("before summary index")) {
            assertThat(seen).as("the switch was made before the kill").isNotEqualTo(old);
        }
        client.verify(dest.resolve("repo").toUri().toString(), Map.of(ref, seen), publicKey);
        try (FlatpakTestEnvironment flatpakClient = FlatpakTestEnvironment.create()) {
            CommandExecutor flatpak = new CommandExecutor(flatpakClient.runner(LOG.stream()), LOG.stream());
            flatpak.run(Command.of("flatpak").args("--user", "remote-add", "--gpg-import=" + env.exportKey(key), "nightly",
                    dest.resolve("repo").toUri().toString()).build());
            String listing = flatpak.capture(Command.of("flatpak").args("--user", "remote-ls", "nightly", "--columns=ref,commit")
                    .build());
            assertThat(listing).as("flatpak reads the old index, validly signed").contains(ref).contains(old.substring(0, 12));
        }
        List<Path> left = leftovers(work.resolve("tmp"));
        assertThat(left).hasSize(1);
        assertThat(Files.getPosixFilePermissions(left.get(0))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(left.get(0).resolve(TempDirs.LOCK_FILE)).exists();
        LOG.stream().println("a killed publish left " + size(left.get(0)) / 1024 + " KiB in " + left.get(0));

        Process next = startPublish(work, dest, null);
        String nextOutput = new String(next.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(next.waitFor()).as(nextOutput).isZero();
        assertThat(nextOutput).contains("removed 1 temporary directory left by killed publishes: [" + left.get(0) + "]");
        assertThat(leftovers(work.resolve("tmp"))).isEmpty();
        String now = published.commit(ref);
        assertThat(now).isNotEqualTo(old);
        client.verify(dest.resolve("repo").toUri().toString(), Map.of(ref, now), publicKey);
    }
}
