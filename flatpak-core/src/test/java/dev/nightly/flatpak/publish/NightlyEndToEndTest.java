package dev.nightly.flatpak.publish;

import dev.nightly.flatpak.testkit.RequiresTools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.flatpak.SharedWorld;
import dev.nightly.flatpak.TestLog;
import dev.nightly.flatpak.build.BuildOptions;
import dev.nightly.flatpak.build.BuildResult;
import dev.nightly.flatpak.build.FlatpakBuild;
import dev.nightly.flatpak.gpg.GpgSigning;
import dev.nightly.flatpak.process.Command;
import dev.nightly.flatpak.process.CommandExecutor;
import dev.nightly.flatpak.process.JdkCommandRunner;
import dev.nightly.flatpak.process.Tools;
import dev.nightly.flatpak.repo.OstreeRepo;
import dev.nightly.flatpak.testkit.FlatpakTestEnvironment;
import dev.nightly.flatpak.testkit.StaticWebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole nightly pipeline for real: flatpak-builder on a tiny runtime made of host binaries, signed
 * publishing with pruning into a web root served over HTTP, and a separate flatpak client that adds the
 * remote from the .flatpakrepo (GPG-verified), installs the app and runs it.
 */
@RequiresTools({"flatpak", "flatpak-builder", "ostree", "gpg"})
@ExtendWith(SharedWorld.class)
class NightlyEndToEndTest {
    private static final String RUNTIME = SharedWorld.RUNTIME;
    private static final String SDK = SharedWorld.SDK;
    private static final String APP = "org.nightly.test.Hello";

    private static FlatpakTestEnvironment env;
    private static String key;
    private static Path runtimeRepo;
    private static final TestLog LOG = new TestLog();

    @BeforeAll
    static void useSharedWorld() {
        env = SharedWorld.world().env();
        key = SharedWorld.world().key();
        runtimeRepo = SharedWorld.world().runtimeRepo();
    }

    private static JdkCommandRunner runner() {
        return env.runner(LOG.stream());
    }

    private static BuildResult build(Path dir, String appId, String message, Path repo) {
        Path manifest = FlatpakTestEnvironment.writeHelloApp(dir, appId, RUNTIME, SDK, message);
        return new FlatpakBuild(runner(), LOG.stream()).build(BuildOptions.builder(manifest, repo)
                .branch("nightly").subject(message).signing(GpgSigning.key(key, env.gnupgHome())).build());
    }

    private static PublishResult publish(Path repo, Path dest, String url, Pruning pruning, boolean bundle) {
        return new FlatpakPublisher(runner(), LOG.stream()).publish(PublishOptions.builder(repo, dest.toString(), url)
                .pruning(pruning).title("Nightly Test").signing(GpgSigning.key(key, env.gnupgHome()))
                .bundle(bundle).build());
    }

    @Test
    void publishesTwoNightliesThatAClientInstallsAndRuns() throws Exception {
        Path work = env.root().resolve("e2e-client");
        Path dest = work.resolve("www");
        Files.createDirectories(dest);
        try (StaticWebServer server = StaticWebServer.serve(dest)) {
            BuildResult first = build(work.resolve("src"), APP, "Hello nightly 1", work.resolve("build-repo"));
            assertThat(first.ref().toString()).startsWith("app/" + APP + "/").endsWith("/nightly");
            PublishResult one = publish(work.resolve("build-repo"), dest, server.url(), Pruning.keep(1), true);

            BuildResult second = build(work.resolve("src"), APP, "Hello nightly 2", work.resolve("build-repo"));
            assertThat(second.commit()).isNotEqualTo(first.commit());
            PublishResult two = publish(work.resolve("build-repo"), dest, server.url(), Pruning.keep(1), true);

            String ref = second.ref().toString();
            assertThat(two.verified()).isTrue();
            assertThat(two.commits().get(ref)).isNotEqualTo(one.commits().get(ref));
            OstreeRepo published = new OstreeRepo(dest.resolve("repo"), new CommandExecutor(runner(), LOG.stream()),
                    Tools.defaults());
            assertThat(published.commit(ref)).isEqualTo(two.commits().get(ref));
            assertThat(published.history(ref)).as("--keep 1").containsExactly(two.commits().get(ref));
            assertThat(dest.resolve("repo/summary.sig")).isNotEmptyFile();

            String keyBase64 = Base64.getEncoder().encodeToString(Files.readAllBytes(env.exportKey(key)));
            assertThat(Files.readString(dest.resolve(APP + ".flatpakref"))).contains("[Flatpak Ref]\n",
                    "Name=" + APP + "\n", "Branch=nightly\n", "Url=" + server.url() + "/repo/\n",
                    "GPGKey=" + keyBase64 + "\n", "Title=Nightly Test\n");
            assertThat(Files.readString(dest.resolve("nightly.flatpakrepo"))).contains("[Flatpak Repo]\n",
                    "Url=" + server.url() + "/repo/\n", "GPGKey=" + keyBase64 + "\n");
            assertThat(dest.resolve(APP + ".flatpak")).isNotEmptyFile();
            assertThat(two.files()).containsExactlyInAnyOrder("nightly.flatpakrepo", APP + ".flatpakref", APP + ".flatpak");

            try (FlatpakTestEnvironment client = FlatpakTestEnvironment.create()) {
                client.installRuntimeFrom(runtimeRepo, env.exportKey(key), RUNTIME);
                CommandExecutor flatpak = new CommandExecutor(client.runner(LOG.stream()), LOG.stream());
                flatpak.run(Command.of("flatpak").args("--user", "remote-add", "--from", "nightly",
                        server.url() + "/nightly.flatpakrepo").build());
                assertThat(Files.readString(Path.of(client.environment().get("XDG_DATA_HOME"), "flatpak/repo/config")))
                        .contains("[remote \"nightly\"]").contains("gpg-verify=true").contains("gpg-verify-summary=true");
                flatpak.run(Command.of("flatpak").args("--user", "install", "-y", "--noninteractive", "nightly", APP).build());
                String output = flatpak.capture(Command.of("flatpak").args("--user", "run", APP).build());
                assertThat(output.strip()).isEqualTo("Hello nightly 2");
            }
        }
    }

    @Test
    void concurrentPublishesToOneDestinationKeepBothCommits() throws Exception {
        Path work = env.root().resolve("e2e-concurrent");
        // The build repository may live in folders that do not exist yet, with a space in their name
        // (a fresh Jenkins workspace under JenkinsRule's "j h..." folder).
        Path repoA = work.resolve("not made yet/with space/repo-a");
        BuildResult a = build(work.resolve("a"), "org.nightly.test.A", "A", repoA);
        BuildResult b = build(work.resolve("b"), "org.nightly.test.B", "B", work.resolve("repo-b"));
        Path dest = work.resolve("www");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<PublishResult> publishA = CompletableFuture.supplyAsync(
                    () -> publish(repoA, dest, "http://127.0.0.1:9/", Pruning.keep(5), false), pool);
            CompletableFuture<PublishResult> publishB = CompletableFuture.supplyAsync(
                    () -> publish(work.resolve("repo-b"), dest, "http://127.0.0.1:9/", Pruning.keep(5), false), pool);
            publishA.get();
            publishB.get();
        } finally {
            pool.shutdownNow();
        }
        OstreeRepo published = new OstreeRepo(dest.resolve("repo"), new CommandExecutor(runner(), LOG.stream()),
                Tools.defaults());
        assertThat(published.refs()).contains(a.ref().toString(), b.ref().toString());
        new dev.nightly.flatpak.verify.PublishVerifier(new CommandExecutor(runner(), LOG.stream()), Tools.defaults())
                .verify(dest.resolve("repo").toUri().toString(), Map.of(a.ref().toString(), published.commit(a.ref().toString()),
                        b.ref().toString(), published.commit(b.ref().toString())), Files.readAllBytes(env.exportKey(key)));
        assertThat(dest).isDirectoryContaining("glob:**/org.nightly.test.A.flatpakref")
                .isDirectoryContaining("glob:**/org.nightly.test.B.flatpakref");
    }

    @Test
    void prunesCommitsOlderThanTheMaximumAgeButKeepsTheHead() {
        Path work = env.root().resolve("e2e-age");
        Path dest = work.resolve("www");
        build(work.resolve("src"), APP, "age 1", work.resolve("repo"));
        publish(work.resolve("repo"), dest, "http://127.0.0.1:9/", Pruning.keep(10), false);
        BuildResult second = build(work.resolve("src"), APP, "age 2", work.resolve("repo"));
        PublishResult two = publish(work.resolve("repo"), dest, "http://127.0.0.1:9/", Pruning.keep(10), false);
        String ref = second.ref().toString();
        OstreeRepo published = new OstreeRepo(dest.resolve("repo"), new CommandExecutor(runner(), LOG.stream()),
                Tools.defaults());
        assertThat(published.history(ref)).hasSize(2);

        build(work.resolve("src"), APP, "age 3", work.resolve("repo"));
        PublishResult three = publish(work.resolve("repo"), dest, "http://127.0.0.1:9/",
                Pruning.keep(10).olderThan(Duration.ZERO), false);
        assertThat(published.history(ref)).containsExactly(three.commits().get(ref));
        assertThat(two.commits().get(ref)).isNotEqualTo(three.commits().get(ref));
        assertThat(List.of(LOG.text())).isNotEmpty();
    }
}
