package io.jenkins.plugins.hawd.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Publisher;
import hudson.tasks.Recorder;
import hudson.util.FormValidation;
import io.jenkins.plugins.hawd.recording.BenchmarkRecording;
import io.jenkins.plugins.hawd.recording.RecordingRequest;
import io.jenkins.plugins.hawd.recording.ResultMarker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * The freestyle post-build action "Record benchmark results": the same parameters and the same
 * {@link BenchmarkRecording} as the Pipeline step {@link RecordBenchmarksStep}.
 */
public class BenchmarkRecorder extends Recorder implements SimpleBuildStep {
    private final String results;
    private String definitions;
    private String parameters;
    private String format;
    private boolean failIfEmpty;
    private String checksFile;
    private boolean defaultChecks = true;
    private List<BenchmarkCheck> checks = new ArrayList<>();

    @DataBoundConstructor
    public BenchmarkRecorder(String results) {
        this.results = Util.fixEmptyAndTrim(results);
    }

    public String getResults() {
        return results;
    }

    @CheckForNull
    public String getDefinitions() {
        return definitions;
    }

    @DataBoundSetter
    public void setDefinitions(String definitions) {
        this.definitions = Util.fixEmptyAndTrim(definitions);
    }

    @CheckForNull
    public String getParameters() {
        return parameters;
    }

    @DataBoundSetter
    public void setParameters(String parameters) {
        this.parameters = Util.fixEmptyAndTrim(parameters);
    }

    @CheckForNull
    public String getFormat() {
        return format;
    }

    @DataBoundSetter
    public void setFormat(String format) {
        this.format = Util.fixEmptyAndTrim(format);
    }

    public boolean isFailIfEmpty() {
        return failIfEmpty;
    }

    @DataBoundSetter
    public void setFailIfEmpty(boolean failIfEmpty) {
        this.failIfEmpty = failIfEmpty;
    }

    @CheckForNull
    public String getChecksFile() {
        return checksFile;
    }

    @DataBoundSetter
    public void setChecksFile(String checksFile) {
        this.checksFile = Util.fixEmptyAndTrim(checksFile);
    }

    public boolean isDefaultChecks() {
        return defaultChecks;
    }

    @DataBoundSetter
    public void setDefaultChecks(boolean defaultChecks) {
        this.defaultChecks = defaultChecks;
    }

    public List<BenchmarkCheck> getChecks() {
        return checks;
    }

    @DataBoundSetter
    public void setChecks(List<BenchmarkCheck> checks) {
        this.checks = checks == null ? new ArrayList<>() : new ArrayList<>(checks);
    }

    /** Builds that ran before this one must have finished: checks compare with their values. */
    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.BUILD;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
            @NonNull Launcher launcher, @NonNull TaskListener listener) throws InterruptedException, IOException {
        RecordingRequest request = new RecordingRequest(results, definitions, parameters, format, failIfEmpty,
                checksFile, defaultChecks, List.copyOf(checks));
        BenchmarkRecording.record(run, workspace, env, listener, request, ResultMarker.of(run));
    }

    /*
     * No @Symbol: "recordBenchmarks" is the Pipeline step's name. With the same symbol here, the Snippet
     * Generator listed two identical "recordBenchmarks" entries, and this one generated
     * step([$class: 'BenchmarkRecorder', ...]). Pipelines use the step; freestyle jobs pick this by its name.
     */
    @Extension
    public static class DescriptorImpl extends BuildStepDescriptor<Publisher> {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Record benchmark results (HAWD and more)";
        }

        @Override
        @SuppressWarnings("rawtypes")
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        public FormValidation doCheckResults(@QueryParameter String value) {
            return Forms.checkPattern(value, true);
        }

        public FormValidation doCheckDefinitions(@QueryParameter String value) {
            return Forms.checkPattern(value, false);
        }

        public FormValidation doCheckChecksFile(@QueryParameter String value) {
            return Forms.checkPattern(value, false);
        }

        public FormValidation doCheckParameters(@QueryParameter String value) {
            return Forms.checkParameters(value);
        }
    }
}
