package io.jenkins.plugins.hawd.demo;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.hawd.build.BenchmarkBuildAction;
import io.jenkins.plugins.hawd.trend.BenchmarkJobAction;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import java.net.URL;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** What hpi:run does: the demo job is seeded, its queued nights run in the sandbox and record a trend. */
@WithJenkins
class DemoJobTest {
    @BeforeAll
    static void enableDemo() {
        System.setProperty(DemoJob.ENABLED, "true");
        System.setProperty(DemoJob.NIGHTS, "3");
    }

    @AfterAll
    static void disableDemo() {
        System.clearProperty(DemoJob.ENABLED);
        System.clearProperty(DemoJob.NIGHTS);
    }

    @Test
    void seedsTheDemoJobWithItsFirstNights(JenkinsRule r) throws Exception {
        WorkflowJob demo = r.jenkins.getItemByFullName(DemoJob.NAME, WorkflowJob.class);
        assertThat(demo).isNotNull();
        r.waitUntilNoActivity();
        assertThat(demo.getBuilds()).hasSize(3);
        for (WorkflowRun build : demo.getBuilds()) {
            r.assertBuildStatus(Result.SUCCESS, build);
            assertThat(build.getAction(BenchmarkBuildAction.class)).isNotNull();
        }
        r.assertLogContains("Benchmarks: build 3:", demo.getBuildByNumber(3));
        assertThat(demo.getAction(BenchmarkJobAction.class).isTrendVisible()).isTrue();

        // One click: "Build Now" is a plain POST to build, which a parameterized job would answer with 400.
        JenkinsRule.WebClient web = r.createWebClient();
        WebRequest build = new WebRequest(new URL(r.getURL(), demo.getUrl() + "build?delay=0sec"), HttpMethod.POST);
        web.getOptions().setRedirectEnabled(false);
        web.setThrowExceptionOnFailingStatusCode(false);
        assertThat(web.getPage(web.addCrumb(build)).getWebResponse().getStatusCode()).isIn(201, 302);
        r.waitUntilNoActivity();
        r.assertBuildStatus(Result.SUCCESS, demo.getBuildByNumber(4));
        assertThat(demo.getBuildByNumber(4).getAction(BenchmarkBuildAction.class)).isNotNull();
    }
}
