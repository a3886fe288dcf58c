package io.jenkins.plugins.flatpak.action;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The job page's "Latest nightly Flatpak": what it costs a job that never published, and what it shows. */
@WithJenkins
class LatestNightlyTest {
    @Test
    void aJobThatNeverPublishedGetsNothingAndNoOldBuildIsLoadedForIt(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "plain");
        job.setDefinition(new CpsFlowDefinition("echo 'no flatpak here'", true));
        for (int i = 0; i < 12; i++) {
            r.buildAndAssertSuccess(job);
        }
        job.getLazyBuildMixIn()._getRuns().purgeCache();
        assertThat(job.getLazyBuildMixIn()._getRuns().getLoadedBuilds()).isEmpty();

        assertThat(job.getAllActions()).noneMatch(LatestNightlyAction.class::isInstance);

        // The job's actions are asked for on every page and api call. Jenkins itself reads the last
        // successful build for them; nothing older is read for the nightly.
        assertThat(job.getLazyBuildMixIn()._getRuns().getLoadedBuilds().keySet()).containsOnly(12);
        assertThat(r.createWebClient().withJavaScriptEnabled(false).getPage(job).asNormalizedText())
                .doesNotContain("Latest nightly Flatpak");
    }

    @Test
    void aFailedBuildAfterTheNightlyLeavesTheNightlyShown(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "nightly");
        job.setDefinition(new CpsFlowDefinition("echo 'published'", true));
        WorkflowRun nightly = r.buildAndAssertSuccess(job);
        String url = "https://nightly.example.org/kube";
        FlatpakBuildAction.record(nightly, new Publication("/srv/www/kube", url + "/repo/", 1L,
                Map.of("app/org.example.Kube/x86_64/nightly", "cd".repeat(32)),
                Map.of("org.example.Kube", url + "/org.example.Kube.flatpakref"), Map.of(), List.of(), true));
        job.setDefinition(new CpsFlowDefinition("error 'the tests broke'", true));
        r.buildAndAssertStatus(Result.FAILURE, job);

        LatestNightlyAction latest = job.getAction(LatestNightlyAction.class);
        assertThat(latest).isNotNull();
        assertThat(latest.getBuild()).isSameAs(nightly);
        assertThat(r.createWebClient().withJavaScriptEnabled(false).getPage(job).asNormalizedText())
                .contains("Latest nightly Flatpak", "cdcdcdcdcdcd",
                        "flatpak install --user --from " + url + "/org.example.Kube.flatpakref");
    }
}
