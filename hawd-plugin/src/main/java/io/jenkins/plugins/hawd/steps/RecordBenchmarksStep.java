package io.jenkins.plugins.hawd.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.hawd.recording.BenchmarkRecording;
import io.jenkins.plugins.hawd.recording.RecordingRequest;
import io.jenkins.plugins.hawd.recording.ResultMarker;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code recordBenchmarks results: 'build/bench/*.json', definitions: 'hawd_defs'}: records benchmark
 * results of this build, checks them and returns a summary map
 * ({@code result}, {@code series}, {@code flagged}, {@code flaggedSeries}, ...).
 */
public class RecordBenchmarksStep extends Step implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String results;
    private String definitions;
    private String parameters;
    private String format;
    private boolean failIfEmpty;
    private String checksFile;
    private boolean defaultChecks = true;
    private List<BenchmarkCheck> checks = new ArrayList<>();

    @DataBoundConstructor
    public RecordBenchmarksStep(String results) {
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

    RecordingRequest toRequest() {
        return new RecordingRequest(results, definitions, parameters, format, failIfEmpty, checksFile, defaultChecks,
                List.copyOf(checks));
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, toRequest());
    }

    /** Runs off the CPS thread: it reads files on the agent and writes the job's history. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
                justification = "never used after a restart: SynchronousNonBlockingStepExecution.onResume fails the step")
        private final transient RecordingRequest request;

        Execution(StepContext context, RecordingRequest request) {
            super(context);
            this.request = request;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            FilePath workspace = context.get(FilePath.class);
            TaskListener listener = context.get(TaskListener.class);
            EnvVars env = context.get(EnvVars.class);
            FlowNode node = context.get(FlowNode.class);
            return BenchmarkRecording.record(run, workspace, env, listener, request, ResultMarker.of(run, node));
        }
    }

    @Extension
    public static class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "recordBenchmarks";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Record benchmark results (HAWD and more)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, TaskListener.class, EnvVars.class);
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
