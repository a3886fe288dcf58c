package dev.nightly.flatpak.destination;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.flatpak.TestLog;
import dev.nightly.flatpak.process.Command;
import dev.nightly.flatpak.process.CommandExecutor;
import dev.nightly.flatpak.process.JdkCommandRunner;
import dev.nightly.flatpak.process.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncPlanTest {
    @TempDir
    Path staging;

    private void stage(String... files) throws IOException {
        for (String file : files) {
            Path path = staging.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, file);
        }
    }

    /** The staged web root after build-update-repo and {@link SummaryLayout#apply}. */
    private void stageLaidOut(SummaryLayout.OldPair old, String... files) throws IOException {
        stage(files);
        SummaryLayout.apply(staging, old);
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void ordersObjectsThenRefsThenNewSummariesThenTheSwitchesThenRefFiles() throws Exception {
        stageLaidOut(null, "repo/config", "repo/objects/ab/cd.commit", "repo/deltas/x/superblock", "repo/refs/heads/app/a/x/n",
                "repo/summary", "repo/summary.sig", "repo/summary.idx", "repo/summaries/abc.gz", "repo/summaries/abc.idx.sig",
                "a.flatpakref", "nightly.flatpakrepo");
        String pair = "repo/signed-summary/" + sha256("repo/summary");

        SyncPlan plan = SyncPlan.forWebRoot(staging);

        assertThat(plan.phases()).extracting(SyncPlan.Phase::name).containsExactly("objects and deltas", "refs",
                "new summaries", "summary links", "summary switch", "summary index", "ref files and bundles");
        assertThat(plan.phases().get(0).paths()).containsExactly("repo/config", "repo/objects", "repo/deltas");
        assertThat(plan.phases().get(0).immutable()).isTrue();
        assertThat(plan.phases().get(1).paths()).containsExactly("repo/refs");
        assertThat(plan.phases().get(2).paths()).containsExactly("repo/summaries", pair);
        assertThat(plan.phases().get(3).paths()).containsExactly("repo/summary.sig", "repo/summary");
        assertThat(plan.phases().get(4).paths()).containsExactly("repo/signed-summary/current");
        assertThat(plan.phases().get(5).paths()).containsExactly("repo/summary.idx");
        assertThat(plan.phases().get(6).paths()).containsExactly("a.flatpakref", "nightly.flatpakrepo");
        assertThat(plan.deleteUnder()).isEqualTo("repo");
        assertThat(Files.readSymbolicLink(staging.resolve("repo/summary"))).hasToString("signed-summary/current/summary");
        assertThat(Files.readSymbolicLink(staging.resolve("repo/summary.sig"))).hasToString("signed-summary/current/summary.sig");
        assertThat(staging.resolve("repo/summary.sig")).hasContent("repo/summary.sig");
    }

    @Test
    void aPlainPairIsMigratedThroughTheOldPairFirst() throws Exception {
        SummaryLayout.OldPair old = new SummaryLayout.OldPair("old summary".getBytes(), "old sig".getBytes());
        stageLaidOut(old, "repo/config", "repo/summary", "repo/summary.sig");

        SyncPlan plan = SyncPlan.forWebRoot(staging);

        assertThat(plan.phases()).extracting(SyncPlan.Phase::name).containsExactly("objects and deltas", "refs",
                "new summaries", "summary migration", "summary links", "summary switch", "summary index", "ref files and bundles");
        assertThat(plan.phases().get(2).paths()).containsExactlyInAnyOrder("repo/signed-summary/" + sha256("old summary"),
                "repo/signed-summary/" + sha256("repo/summary"));
        assertThat(plan.phases().get(3).source()).isEqualTo(SummaryLayout.MIGRATION);
        assertThat(Files.readSymbolicLink(staging.resolve(SummaryLayout.MIGRATION).resolve("repo/signed-summary/current")))
                .hasToString(sha256("old summary"));
        assertThat(Files.readSymbolicLink(staging.resolve("repo/signed-summary/current"))).hasToString(sha256("repo/summary"));
    }

    @Test
    void rsyncCommandsFollowThePlanWithDeletionsLast() throws Exception {
        stageLaidOut(null, "repo/config", "repo/objects/ab/cd.commit", "repo/refs/heads/x", "repo/summary", "repo/summary.sig",
                "a.flatpakref");
        RsyncDestination destination = new RsyncDestination("deploy@web.example.org:/srv/flatpak/", "ssh -i /k/id -o BatchMode=yes",
                staging.resolve("locks"), new CommandExecutor(new JdkCommandRunner(new TestLog().stream()), System.out),
                Tools.defaults());

        List<Command> commands = destination.commands(staging, SyncPlan.forWebRoot(staging));

        List<String> rsync = List.of("rsync", "-e", "ssh -i /k/id -o BatchMode=yes");
        String target = "deploy@web.example.org:/srv/flatpak/";
        assertThat(commands).extracting(Command::arguments).containsExactly(
                concat(rsync, "-rlptR", staging + "/./repo/config", staging + "/./repo/objects", target),
                concat(rsync, "-rlptR", staging + "/./repo/refs", target),
                concat(rsync, "-rlptR", staging + "/./repo/signed-summary/" + sha256("repo/summary"), target),
                concat(rsync, "-rlptR", staging + "/./repo/summary.sig", staging + "/./repo/summary", target),
                concat(rsync, "-rlptR", staging + "/./repo/signed-summary/current", target),
                concat(rsync, "-rlptR", staging + "/./a.flatpakref", target),
                concat(rsync, "-rlpt", "--delete", "--exclude=/.lock", "--exclude=/state", "--exclude=/tmp",
                        staging.resolve("repo") + "/", target + "repo/"));
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    @Test
    void localSyncReplacesChangedFilesAndDeletesOnlyInsideTheRepository() throws IOException {
        stage("repo/config", "repo/objects/ab/new.commit", "repo/summary", "app.flatpakref");
        Path dest = staging.resolveSibling(staging.getFileName() + "-dest");
        Files.createDirectories(dest.resolve("repo/objects/ab"));
        Files.writeString(dest.resolve("repo/objects/ab/old.commit"), "pruned");
        Files.writeString(dest.resolve("repo/summary"), "old summary");
        Files.createDirectories(dest.resolve("repo/tmp"));
        Files.writeString(dest.resolve("repo/tmp/keep"), "local");
        Files.writeString(dest.resolve("index.html"), "user's page");
        TestLog log = new TestLog();

        SummaryLayout.apply(staging, new SummaryLayout.OldPair("old summary".getBytes(), null));

        new LocalDestination(dest, log.stream()).sync(staging, SyncPlan.forWebRoot(staging));

        assertThat(dest.resolve("repo/objects/ab/new.commit")).hasContent("repo/objects/ab/new.commit");
        assertThat(dest.resolve("repo/objects/ab/old.commit")).doesNotExist();
        assertThat(dest.resolve("repo/summary")).isSymbolicLink().hasContent("repo/summary");
        assertThat(dest.resolve("repo/tmp/keep")).exists();
        assertThat(dest.resolve("index.html")).hasContent("user's page");
        assertThat(dest.resolve("app.flatpakref")).exists();
        assertThat(log.text().lines().toList()).hasSize(9).last().asString().startsWith("sync deletions: 1 file(s)");
    }

    @Test
    void remoteDestinationsAreRecognised() {
        assertThat(Destinations.isRemote("web:/srv/flatpak")).isTrue();
        assertThat(Destinations.isRemote("deploy@web.example.org:flatpak")).isTrue();
        assertThat(Destinations.isRemote("/srv/www/flatpak")).isFalse();
        assertThat(Destinations.isRemote("./out:1")).isFalse();
        assertThat(Destinations.isRemote("out")).isFalse();
    }
}
