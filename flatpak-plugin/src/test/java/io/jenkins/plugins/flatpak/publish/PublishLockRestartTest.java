package io.jenkins.plugins.flatpak.publish;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * {@code flatpakPublishLock} across a real controller restart (the same JENKINS_HOME, a new Jenkins):
 * the holder keeps the destination, the waiter waits on without an executor and gets it when the
 * holder's body ends. The holder's body ends when the test creates a file, not after some time.
 */
class PublishLockRestartTest {
    private static final String DEST = "deploy@files.example.invalid:/srv/flatpak/nightly";

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @TempDir
    Path tmp;

    @Test
    void theHoldAndTheWaitSurviveARestartAndTheWaitHoldsNoExecutor() throws Throwable {
        Path release = tmp.resolve("release-the-holder");
        sessions.then(r -> {
            WorkflowJob holder = r.createProject(WorkflowJob.class, "holder");
            holder.setDefinition(new CpsFlowDefinition("""
                    flatpakPublishLock('%s') {
                      echo 'HOLDER-HAS-IT'
                      node { waitUntil { fileExists('%s') } }
                      echo 'HOLDER-DONE'
                    }
                    """.formatted(DEST, release), true));
            WorkflowJob waiter = r.createProject(WorkflowJob.class, "waiter");
            // The same web root: another user name and a trailing slash do not make it another destination.
            waiter.setDefinition(new CpsFlowDefinition("""
                    flatpakPublishLock('other@files.example.invalid:/srv/flatpak/nightly/') {
                      echo 'WAITER-HAS-IT'
                    }
                    """, true));
            WorkflowRun first = holder.scheduleBuild2(0).waitForStart();
            r.waitForMessage("HOLDER-HAS-IT", first);
            WorkflowRun second = waiter.scheduleBuild2(0).waitForStart();
            r.waitForMessage("flatpakPublishLock: waiting for holder #1 to finish publishing to "
                    + "files.example.invalid:/srv/flatpak/nightly", second);

            assertThat(r.jenkins.toComputer().countBusy()).as("only the holder's node block uses an executor")
                    .isEqualTo(1);
            assertThat(new File(r.jenkins.getRootDir(), PublishLocks.FILE)).content().contains("holder#1");
        });
        sessions.then(r -> {
            WorkflowRun first = r.jenkins.getItemByFullName("holder", WorkflowJob.class).getBuildByNumber(1);
            WorkflowRun second = r.jenkins.getItemByFullName("waiter", WorkflowJob.class).getBuildByNumber(1);
            r.waitForMessage("flatpakPublishLock: still holding files.example.invalid:/srv/flatpak/nightly after the "
                    + "restart", first);
            r.waitForMessage("flatpakPublishLock: queued again for files.example.invalid:/srv/flatpak/nightly after "
                    + "the restart", second);
            assertThat(second.isBuilding()).isTrue();
            assertThat(JenkinsRule.getLog(second)).doesNotContain("WAITER-HAS-IT");

            Files.createFile(release);

            r.assertBuildStatusSuccess(r.waitForCompletion(first));
            r.assertBuildStatusSuccess(r.waitForCompletion(second));
            r.assertLogContains("WAITER-HAS-IT", second);
            assertThat(second.getResult()).isEqualTo(Result.SUCCESS);
            assertThat(PublishLocks.isHeld(PublishLocks.key(DEST, true, null, null))).isFalse();
        });
    }
}
