package io.jenkins.plugins.hawd.changes;

import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.hawd.HawdSamples;
import io.jenkins.plugins.hawd.steps.BenchmarkRecorder;
import java.io.IOException;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestBuilder;

/** Jobs whose history has a change point, for the tests of the Benchmark Changes page. */
public final class ChangesJobs {
    /** The build the step comes with. */
    public static final int STEP_BUILD = 12;
    public static final int NIGHTS = 18;
    public static final String STEPPED = "mail_query/queryTime{rows=5000}";
    public static final String BROWSER = "https://scm.example.org/nightly";

    private ChangesJobs() {
    }

    /**
     * A freestyle job with {@value #NIGHTS} recorded builds and a commit per build ({@link CommitsScm}, linked
     * through {@link #BROWSER}): queryTime at 5000 rows steps from about 300 to about 390 ms at build
     * {@value #STEP_BUILD}; at 1000 rows it stays at about 120 ms.
     */
    public static FreeStyleProject jobWithAStep(JenkinsRule r, String name) throws Exception {
        FreeStyleProject project = r.createFreeStyleProject(name);
        project.setScm(new CommitsScm(BROWSER));
        project.getBuildersList().add(new NightWriter());
        BenchmarkRecorder recorder = new BenchmarkRecorder("out/*.json");
        recorder.setDefinitions("hawd_defs");
        project.getPublishersList().add(recorder);
        for (int night = 1; night <= NIGHTS; night++) {
            // The regression check flags the step (UNSTABLE): the result does not matter here.
            FreeStyleBuild build = project.scheduleBuild2(0).get();
            if (!build.getResult().isBetterOrEqualTo(Result.UNSTABLE)) {
                throw new AssertionError("build " + build.getNumber() + " failed: " + JenkinsRule.getLog(build));
            }
        }
        return project;
    }

    /** Writes the night of the build's number into the workspace, as a benchmark run would. */
    static final class NightWriter extends TestBuilder {
        @Override
        public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
                throws InterruptedException, IOException {
            int n = build.getNumber();
            // A little deterministic noise, about 1%.
            int small = 120 + (n * 7) % 3 - 1;
            int large = (n >= STEP_BUILD ? 390 : 300) + (n * 5) % 7 - 3;
            build.getWorkspace().child("hawd_defs/mail_query").write(HawdSamples.DEFINITION, "UTF-8");
            build.getWorkspace().child("out/mail_query.json").write(HawdSamples.night(n, small, large), "UTF-8");
            return true;
        }
    }
}
