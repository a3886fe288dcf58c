package dev.nightly.flatpak.destination;

import dev.nightly.flatpak.testkit.RequiresTools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.flatpak.SharedWorld;
import dev.nightly.flatpak.TestLog;
import dev.nightly.flatpak.build.BuildOptions;
import dev.nightly.flatpak.build.BuildResult;
import dev.nightly.flatpak.build.FlatpakBuild;
import dev.nightly.flatpak.gpg.GpgSigning;
import dev.nightly.flatpak.process.CommandExecutor;
import dev.nightly.flatpak.process.Tools;
import dev.nightly.flatpak.publish.FlatpakPublisher;
import dev.nightly.flatpak.publish.PublishOptions;
import dev.nightly.flatpak.publish.PublishResult;
import dev.nightly.flatpak.repo.OstreeRepo;
import dev.nightly.flatpak.testkit.FlatpakTestEnvironment;
import dev.nightly.flatpak.testkit.StaticWebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Publishing to {@code host:/path} with real rsync in remote mode. The remote shell is a two-line
 * stand-in for ssh that runs the remote rsync server locally (ssh would run the same command on the
 * host); everything else - rsync's protocol, the phase order, deletions, verification over HTTP - is
 * what runs in production.
 */
@RequiresTools({"flatpak", "flatpak-builder", "ostree", "gpg", "rsync"})
@ExtendWith(SharedWorld.class)
class RsyncPublishTest {
    private static final String RUNTIME = SharedWorld.RUNTIME;
    private static final String SDK = SharedWorld.SDK;
    private static final String APP = "org.nightly.rs.Hello";

    private static FlatpakTestEnvironment env;
    private static String key;
    private static Path rsh;
    private static Path work;
    private static final TestLog LOG = new TestLog();

    @BeforeAll
    static void setUp() throws Exception {
        env = SharedWorld.world().env();
        key = SharedWorld.world().key();
        work = Files.createDirectories(env.root().resolve("rsync"));
        rsh = work.resolve("local-rsh");
        // ssh HOST COMMAND... runs COMMAND on HOST; here HOST is this machine
        Files.writeString(rsh, "#!/bin/sh\nshift\nexec \"$@\"\n");
        Files.setPosixFilePermissions(rsh, PosixFilePermissions.fromString("rwx------"));
    }

    private static BuildResult build(String message) {
        Path manifest = FlatpakTestEnvironment.writeHelloApp(work.resolve("src"), APP, RUNTIME, SDK, message);
        return new FlatpakBuild(env.runner(LOG.stream()), LOG.stream()).build(BuildOptions.builder(manifest,
                work.resolve("repo")).branch("nightly").signing(GpgSigning.key(key, env.gnupgHome())).build());
    }

    @Test
    void publishesOverRsyncInTheSafeOrderAndDeletesPrunedObjectsLast() throws Exception {
        Path remote = work.resolve("remote-www");
        Files.createDirectories(remote);
        try (StaticWebServer server = StaticWebServer.serve(remote)) {
            PublishOptions.Builder options = PublishOptions.builder(work.resolve("repo"), "localhost:" + remote,
                    server.url()).keep(1).rsh(rsh.toString()).workDir(work.resolve("staging"))
                    .signing(GpgSigning.key(key, env.gnupgHome())).title("Rsync Nightly");
            build("rsync 1");
            PublishResult first = new FlatpakPublisher(env.runner(LOG.stream()), LOG.stream()).publish(options.build());
            BuildResult second = build("rsync 2");
            int logStart = LOG.text().length();
            PublishResult two = new FlatpakPublisher(env.runner(LOG.stream()), LOG.stream()).publish(options.build());
            String ref = second.ref().toString();

            assertThat(two.verified()).isTrue();
            assertThat(first.commits().get(ref)).isNotEqualTo(two.commits().get(ref));
            OstreeRepo published = new OstreeRepo(remote.resolve("repo"),
                    new CommandExecutor(env.runner(LOG.stream()), LOG.stream()), Tools.defaults());
            assertThat(published.history(ref)).containsExactly(two.commits().get(ref));
            String commitObject = first.commits().get(ref);
            assertThat(remote.resolve("repo/objects/" + commitObject.substring(0, 2) + "/" + commitObject.substring(2)
                    + ".commit")).as("pruned commit deleted").doesNotExist();
            assertThat(remote.resolve(APP + ".flatpakref")).content().contains("Url=" + server.url() + "/repo/");

            List<String> rsyncLines = LOG.text().substring(logStart).lines()
                    .filter(l -> l.startsWith("$ rsync -e " + rsh + " -rlpt")).toList();
            assertThat(rsyncLines).hasSize(9);
            assertThat(rsyncLines.get(0)).contains("--delete").endsWith("localhost:" + remote + "/repo/ "
                    + work.resolve("staging/repo") + "/");
            assertThat(rsyncLines.get(1)).contains("/./repo/objects").doesNotContain("/./repo/refs");
            assertThat(rsyncLines.get(2)).contains("/./repo/refs").doesNotContain("summary");
            assertThat(rsyncLines.get(3)).contains("/./repo/summaries", "/./repo/signed-summary/").doesNotContain("current");
            assertThat(rsyncLines.get(4)).contains("/./repo/summary.sig /", "/./repo/summary ");
            assertThat(rsyncLines.get(5)).contains("/./repo/signed-summary/current ");
            assertThat(rsyncLines.get(6)).contains("/./repo/summary.idx");
            assertThat(rsyncLines.get(7)).contains("/./" + APP + ".flatpakref", "/./nightly.flatpakrepo");
            assertThat(rsyncLines.get(8)).contains("--delete").endsWith("localhost:" + remote + "/repo/");
            // One pair on the remote, switched by one link; the pair of the first publish was deleted last.
            Path current = remote.resolve("repo/signed-summary").resolve(Files.readSymbolicLink(remote.resolve("repo/signed-summary/current")));
            assertThat(Files.readSymbolicLink(remote.resolve("repo/summary"))).hasToString("signed-summary/current/summary");
            assertThat(remote.resolve("repo/summary.sig")).hasSameBinaryContentAs(current.resolve("summary.sig"));
            try (var pairs = Files.list(remote.resolve("repo/signed-summary"))) {
                assertThat(pairs.toList()).hasSize(2);
            }
        }
    }
}
