package dev.nightly.flatpak.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.flatpak.FlatpakFailureException;
import dev.nightly.flatpak.SharedWorld;
import dev.nightly.flatpak.TestLog;
import dev.nightly.flatpak.build.BuildResult;
import dev.nightly.flatpak.destination.SummaryLayout;
import dev.nightly.flatpak.files.FileTrees;
import dev.nightly.flatpak.gpg.GpgSigning;
import dev.nightly.flatpak.pause.PausePoints;
import dev.nightly.flatpak.process.Command;
import dev.nightly.flatpak.process.CommandExecutor;
import dev.nightly.flatpak.process.JdkCommandRunner;
import dev.nightly.flatpak.process.Tools;
import dev.nightly.flatpak.testkit.FlatpakTestEnvironment;
import dev.nightly.flatpak.testkit.RequiresTools;
import dev.nightly.flatpak.testkit.StaticWebServer;
import dev.nightly.flatpak.verify.PublishVerifier;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The summary switch, forced: the publisher is held at every step of its sync while real clients read
 * the web root over HTTP - {@code ostree} (summary + summary.sig, GPG-verified) and {@code flatpak
 * remote-ls} (summary.idx and its digest-named signature). Each must see the old repository or the new
 * one, validly signed, at every step; never a mix.
 */
@RequiresTools({"flatpak", "flatpak-builder", "ostree", "gpg"})
@ExtendWith(SharedWorld.class)
class SummarySwitchTest {
    private static final String APP = "org.nightly.test.Switch";
    private static final TestLog LOG = new TestLog();

    private static FlatpakTestEnvironment env;
    private static String key;

    @BeforeAll
    static void useSharedWorld() {
        env = SharedWorld.world().env();
        key = SharedWorld.world().key();
    }

    private static JdkCommandRunner runner() {
        return env.runner(LOG.stream());
    }

    private static BuildResult build(Path work, String message) {
        return SharedWorld.buildHello(work, APP, message, LOG.stream());
    }

    private static PublishResult publish(Path work, Path dest, String url) {
        return new FlatpakPublisher(runner(), LOG.stream()).publish(PublishOptions.builder(work.resolve("build-repo"),
                dest.toString(), url).pruning(Pruning.keep(2)).title("Switch").signing(GpgSigning.key(key, env.gnupgHome()))
                .verify(false).build());
    }

    /** What the clients saw while the publisher was held at one step. */
    record Seen(String step, String ostree, String flatpak) {
    }

    @Test
    void atEveryStepOfThePublishClientsSeeTheOldOrTheNewRepositoryValidlySigned() throws Exception {
        Path work = env.root().resolve("summary-switch");
        Path dest = work.resolve("www");
        Files.createDirectories(dest);
        byte[] publicKey = Files.readAllBytes(env.exportKey(key));
        try (StaticWebServer server = StaticWebServer.serve(dest);
             FlatpakTestEnvironment client = FlatpakTestEnvironment.create()) {
            String repoUrl = server.url() + "/repo/";
            String ref = build(work, "switch 1").ref().toString();
            String first = publish(work, dest, server.url()).commits().get(ref);
            CommandExecutor flatpak = new CommandExecutor(client.runner(LOG.stream()), LOG.stream());
            flatpak.run(Command.of("flatpak").args("--user", "remote-add", "--gpg-import=" + env.exportKey(key), "nightly",
                    repoUrl).build());
            Clients clients = new Clients(repoUrl, ref, publicKey, flatpak, work);
            assertThat(clients.ostree()).isEqualTo(first);
            assertThat(first).startsWith(clients.flatpak());

            // As an older version left it: summary and summary.sig as plain files. The next publish migrates.
            Path repo = dest.resolve("repo");
            for (String name : List.of("summary", "summary.sig")) {
                Path plain = repo.resolve(name + ".plain");
                Files.copy(repo.resolve(name), plain);
                Files.move(plain, repo.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            FileTrees.delete(repo.resolve(SummaryLayout.DIR));

            build(work, "switch 2");
            List<Seen> migration = publishHeld(work, dest, server.url(), clients, ref, first);
            assertSwitchesOnce(migration);
            assertThat(migration).extracting(Seen::step).contains("before summary migration");
            assertThat(repo.resolve("summary")).isSymbolicLink();

            String second = clients.ostree();
            build(work, "switch 3");
            List<Seen> regular = publishHeld(work, dest, server.url(), clients, ref, second);
            assertSwitchesOnce(regular);
            assertThat(regular).extracting(Seen::step).doesNotContain("before summary migration");
            try (var pairs = Files.list(repo.resolve(SummaryLayout.DIR))) {
                assertThat(pairs.toList()).as("current and the pair it points at").hasSize(2);
            }
        }
    }

    /**
     * Publishes, held at every pause point while the clients read; returns what they saw, with the old and
     * the new published commit named "old" and "new" (anything else would be a failure).
     */
    private List<Seen> publishHeld(Path work, Path dest, String url, Clients clients, String ref, String oldCommit)
            throws Exception {
        List<String[]> raw = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        PublishResult result;
        try (AutoCloseable hook = PausePoints.install(step -> {
            try {
                raw.add(new String[] {step, clients.ostree(), clients.flatpak()});
                if (step.equals("before summary switch")) {
                    clients.mismatchedPairIsRefused(dest);
                }
            } catch (Throwable e) {
                failures.add(new AssertionError("at step '" + step + "': " + e.getMessage(), e));
            }
        })) {
            result = publish(work, dest, url);
        }
        assertThat(failures).isEmpty();
        raw.add(new String[] {"after", clients.ostree(), clients.flatpak()});
        String newCommit = result.commits().get(ref);
        List<Seen> seen = raw.stream().map(r -> new Seen(r[0], name(r[1], oldCommit, newCommit),
                name(r[2], oldCommit, newCommit))).toList();
        LOG.stream().println("clients saw: " + seen);
        return seen;
    }

    private static String name(String commit, String oldCommit, String newCommit) {
        return oldCommit.startsWith(commit) ? "old" : newCommit.startsWith(commit) ? "new" : commit;
    }

    /** Each client sees the old commit up to some step and the new one from then on, switching once. */
    private static void assertSwitchesOnce(List<Seen> seen) {
        for (java.util.function.Function<Seen, String> view : List.<java.util.function.Function<Seen, String>>of(Seen::ostree,
                Seen::flatpak)) {
            List<String> views = seen.stream().map(view).toList();
            int switched = views.indexOf("new");
            assertThat(switched).as("the new commit is seen at last: %s", seen).isPositive();
            assertThat(views.subList(0, switched)).as("%s", seen).containsOnly("old");
            assertThat(views.subList(switched, views.size())).as("%s", seen).containsOnly("new");
        }
        List<String> steps = seen.stream().map(Seen::step).toList();
        assertThat(seen.get(steps.indexOf("before summary switch")).ostree()).isEqualTo("old");
        assertThat(seen.get(steps.indexOf("before summary index")).ostree()).isEqualTo("new");
        assertThat(seen.get(steps.indexOf("before summary index")).flatpak()).isEqualTo("old");
        assertThat(seen.get(steps.indexOf("before ref files and bundles")).flatpak()).isEqualTo("new");
    }

    /** Real clients of the web root. */
    private record Clients(String repoUrl, String ref, byte[] publicKey, CommandExecutor flatpakClient, Path work) {
        /**
         * The commit an ostree client finds for the ref, through a throw-away repository whose remote
         * verifies the summary's signature (and the commit's); fails when the summary does not verify.
         */
        String ostree() throws Exception {
            Path dir = Files.createTempDirectory(work, "ostree-client");
            try {
                CommandExecutor ostree = new CommandExecutor(runner(), LOG.stream());
                Path repo = dir.resolve("repo");
                Files.write(dir.resolve("key.gpg"), publicKey);
                ostree.run(Command.of("ostree").args("init", "--repo=" + repo, "--mode=archive").build());
                ostree.run(Command.of("ostree").args("remote", "add", "--repo=" + repo, "--set=gpg-verify=true",
                        "--set=gpg-verify-summary=true", "--gpg-import=" + dir.resolve("key.gpg"), "published", repoUrl).build());
                ostree.run(Command.of("ostree").args("pull", "--repo=" + repo, "--commit-metadata-only", "published", ref).build());
                return ostree.capture(Command.of("ostree").args("rev-parse", "--repo=" + repo, "published:" + ref).build()).strip();
            } finally {
                FileTrees.delete(dir);
            }
        }

        /** The first 12 digits of the commit flatpak lists for the ref (summary.idx, verified with the remote's key). */
        String flatpak() {
            String listing = flatpakClient.capture(Command.of("flatpak").args("--user", "remote-ls", "nightly",
                    "--columns=ref,commit").build());
            return listing.lines().filter(line -> line.startsWith(ref)).map(line -> line.substring(ref.length()).strip())
                    .findFirst().orElseThrow(() -> new AssertionError("flatpak does not list " + ref + ": " + listing));
        }

        /**
         * The old way's state between its two renames, a new summary with the old signature, built beside
         * the web root from the files there: the ostree client must refuse it, or the check above proves nothing.
         */
        void mismatchedPairIsRefused(Path dest) throws Exception {
            Path repo = dest.resolve("repo");
            Path current = repo.resolve(SummaryLayout.DIR).resolve(Files.readSymbolicLink(repo.resolve(SummaryLayout.CURRENT)));
            Path newPair = null;
            try (var pairs = Files.list(repo.resolve(SummaryLayout.DIR))) {
                for (Path pair : pairs.toList()) {
                    if (!Files.isSymbolicLink(pair) && !pair.equals(current)) {
                        newPair = pair;
                    }
                }
            }
            assertThat(newPair).as("the new pair is in place before the switch").isNotNull();
            Path mixed = dest.getParent().resolve("mixed");
            FileTrees.delete(mixed);
            Files.createDirectories(mixed);
            try (var entries = Files.list(repo)) {
                for (Path entry : entries.toList()) {
                    Files.createSymbolicLink(mixed.resolve(entry.getFileName()), entry.toRealPath());
                }
            }
            for (String name : List.of("summary", "summary.sig")) {
                Files.delete(mixed.resolve(name));
            }
            Files.copy(newPair.resolve("summary"), mixed.resolve("summary"));
            Files.copy(current.resolve("summary.sig"), mixed.resolve("summary.sig"), LinkOption.NOFOLLOW_LINKS);
            PublishVerifier verifier = new PublishVerifier(new CommandExecutor(runner(), LOG.stream()), Tools.defaults());
            assertThatThrownBy(() -> verifier.verify(mixed.toUri().toString(), Map.of(), publicKey))
                    .isInstanceOf(FlatpakFailureException.class).hasMessageContaining("not validly signed");
            FileTrees.delete(mixed);
        }
    }
}
