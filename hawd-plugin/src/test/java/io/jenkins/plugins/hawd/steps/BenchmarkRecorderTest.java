package io.jenkins.plugins.hawd.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.hawd.HawdSamples;
import io.jenkins.plugins.hawd.build.BenchmarkBuildAction;
import io.jenkins.plugins.hawd.trend.BenchmarkJobAction;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestBuilder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The freestyle post-build action: same recording, build result from the quality gate, config round trip. */
@WithJenkins
class BenchmarkRecorderTest {
    /** Writes the night of the build's number into the workspace, as a benchmark run would. */
    private static final class NightWriter extends TestBuilder {
        private final int[][] nights;

        NightWriter(int[][] nights) {
            this.nights = nights;
        }

        @Override
        public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
                throws InterruptedException, java.io.IOException {
            int[] night = nights[build.getNumber() - 1];
            build.getWorkspace().child("hawd_defs/mail_query").write(HawdSamples.DEFINITION, "UTF-8");
            build.getWorkspace().child("out/mail_query.json")
                    .write(HawdSamples.night(build.getNumber(), night[0], night[1]), "UTF-8");
            return true;
        }
    }

    @Test
    void recordsAndSetsTheBuildResult(JenkinsRule r) throws Exception {
        FreeStyleProject project = r.createFreeStyleProject("freestyle-benchmarks");
        project.getBuildersList().add(new NightWriter(new int[][] {{120, 300}, {121, 301}, {119, 299}, {120, 390}, {240, 300}}));
        BenchmarkRecorder recorder = new BenchmarkRecorder("out/*.json");
        recorder.setDefinitions("hawd_defs");
        BenchmarkCheck failing = new BenchmarkCheck();
        failing.setMeasure("queryTime");
        failing.setParameters("rows=1000");
        failing.setTolerance(20.0);
        failing.setBaseline("median");
        failing.setLevel("failure");
        recorder.setChecks(List.of(failing));
        project.getPublishersList().add(recorder);

        r.buildAndAssertSuccess(project);
        r.buildAndAssertSuccess(project);
        r.buildAndAssertSuccess(project);
        // 5000 rows +30% (built-in regression check: UNSTABLE), still inside the bounds.
        FreeStyleBuild fourth = r.buildAndAssertStatus(Result.UNSTABLE, project);
        assertThat(fourth.getAction(BenchmarkBuildAction.class).getFlagged()).isEqualTo(1);
        // 1000 rows doubled: the step's rule for that series says FAILURE.
        FreeStyleBuild fifth = r.buildAndAssertStatus(Result.FAILURE, project);
        assertThat(fifth.getAction(BenchmarkBuildAction.class).getFailures()).isEqualTo(1);
        r.assertLogContains("REGRESSED FAILURE mail_query/queryTime{rows=1000}", fifth);
        assertThat(project.getAction(BenchmarkJobAction.class)).isNotNull();

        // The configuration survives the form (fields, nested checks, help and fill methods).
        r.configRoundtrip(project);
        BenchmarkRecorder after = project.getPublishersList().get(BenchmarkRecorder.class);
        assertThat(after.getResults()).isEqualTo("out/*.json");
        assertThat(after.getDefinitions()).isEqualTo("hawd_defs");
        assertThat(after.getChecks()).hasSize(1);
        assertThat(after.getChecks().get(0).getLevel()).isEqualTo("failure");
        assertThat(after.getChecks().get(0).getParameters()).isEqualTo("rows=1000");
        assertThat(after.getChecks().get(0).getTolerance()).isEqualTo(20.0);
    }
}
