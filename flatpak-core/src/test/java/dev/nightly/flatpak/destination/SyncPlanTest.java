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

    @Test
    void ordersObjectsThenRefsThenSummariesThenRefFiles() throws IOException {
        stage("repo/config", "repo/objects/ab/cd.commit", "repo/deltas/x/superblock", "repo/refs/heads/app/a/x/n",
                "repo/summary", "repo/summary.sig", "repo/summaries/abc.gz", "a.flatpakref", "nightly.flatpakrepo");

        SyncPlan plan = SyncPlan.forWebRoot(staging);

        assertThat(plan.phases()).extracting(SyncPlan.Phase::name)
                .containsExactly("objects and deltas", "refs", "summary", "ref files and bundles");
        assertThat(plan.phases().get(0).paths()).containsExactly("repo/config", "repo/objects", "repo/deltas");
        assertThat(plan.phases().get(0).immutable()).isTrue();
        assertThat(plan.phases().get(1).paths()).containsExactly("repo/refs");
        assertThat(plan.phases().get(2).paths()).containsExactly("repo/summaries", "repo/summary", "repo/summary.sig");
        assertThat(plan.phases().get(3).paths()).containsExactly("a.flatpakref", "nightly.flatpakrepo");
        assertThat(plan.deleteUnder()).isEqualTo("repo");
    }

    @Test
    void rsyncCommandsFollowThePlanWithDeletionsLast() throws IOException {
        stage("repo/config", "repo/objects/ab/cd.commit", "repo/refs/heads/x", "repo/summary", "repo/summary.sig", "a.flatpakref");
        RsyncDestination destination = new RsyncDestination("deploy@web.example.org:/srv/flatpak/", "ssh -i /k/id -o BatchMode=yes",
                staging.resolve("locks"), new CommandExecutor(new JdkCommandRunner(new TestLog().stream()), System.out),
                Tools.defaults());

        List<Command> commands = destination.commands(staging, SyncPlan.forWebRoot(staging));

        assertThat(commands).extracting(Command::arguments).containsExactly(
                List.of("rsync", "-e", "ssh -i /k/id -o BatchMode=yes", "-rlptR", staging + "/./repo/config",
                        staging + "/./repo/objects", "deploy@web.example.org:/srv/flatpak/"),
                List.of("rsync", "-e", "ssh -i /k/id -o BatchMode=yes", "-rlptR", staging + "/./repo/refs",
                        "deploy@web.example.org:/srv/flatpak/"),
                List.of("rsync", "-e", "ssh -i /k/id -o BatchMode=yes", "-rlptR", "--delay-updates",
                        staging + "/./repo/summary", staging + "/./repo/summary.sig", "deploy@web.example.org:/srv/flatpak/"),
                List.of("rsync", "-e", "ssh -i /k/id -o BatchMode=yes", "-rlptR", staging + "/./a.flatpakref",
                        "deploy@web.example.org:/srv/flatpak/"),
                List.of("rsync", "-e", "ssh -i /k/id -o BatchMode=yes", "-rlpt", "--delete", "--exclude=/.lock",
                        "--exclude=/state", "--exclude=/tmp", staging.resolve("repo") + "/",
                        "deploy@web.example.org:/srv/flatpak/repo/"));
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

        new LocalDestination(dest, log.stream()).sync(staging, SyncPlan.forWebRoot(staging));

        assertThat(dest.resolve("repo/objects/ab/new.commit")).hasContent("repo/objects/ab/new.commit");
        assertThat(dest.resolve("repo/objects/ab/old.commit")).doesNotExist();
        assertThat(dest.resolve("repo/summary")).hasContent("repo/summary");
        assertThat(dest.resolve("repo/tmp/keep")).exists();
        assertThat(dest.resolve("index.html")).hasContent("user's page");
        assertThat(dest.resolve("app.flatpakref")).exists();
        assertThat(log.text().lines().toList()).hasSize(5).last().asString().startsWith("sync deletions: 1 file(s)");
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
