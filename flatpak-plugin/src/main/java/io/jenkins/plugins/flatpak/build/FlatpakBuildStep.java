package io.jenkins.plugins.flatpak.build;

import dev.nightly.flatpak.build.FuseMode;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.flatpak.action.BuiltRef;
import io.jenkins.plugins.flatpak.action.FlatpakBuildAction;
import io.jenkins.plugins.flatpak.credentials.SecretMaterial;
import io.jenkins.plugins.flatpak.credentials.StepCredentials;
import io.jenkins.plugins.flatpak.steps.AgentStepRunner;
import io.jenkins.plugins.flatpak.steps.FlatpakSteps;
import io.jenkins.plugins.flatpak.steps.SigningStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code flatpakBuild}: flatpak-builder on a manifest of the workspace, on the agent the Pipeline is
 * on, exporting into an OSTree repository; the options are those of {@code nightly flatpak build}.
 * Returns the exported ref and commit.
 *
 * <pre>
 * def app = flatpakBuild manifest: 'org.kde.kube.json', repo: 'repo', branch: 'nightly',
 *                        gpgCredentialsId: 'flatpak-signing-key'
 * echo "built ${app.ref} at ${app.commit}"
 * </pre>
 */
public class FlatpakBuildStep extends SigningStep {
    private final String manifest;
    private final String repo;
    private String branch;
    private String stateDir;
    private String buildDir;
    private String subject;
    private String body;
    private String installDepsFrom;
    private boolean ccache;
    private String rofilesFuse = "auto";
    private String extraArguments;

    /**
     * @param manifest flatpak-builder manifest (JSON or YAML), relative to the workspace
     * @param repo     OSTree repository to export to, relative to the workspace; created if missing
     */
    @DataBoundConstructor
    public FlatpakBuildStep(String manifest, String repo) {
        this.manifest = Util.fixEmptyAndTrim(manifest);
        this.repo = Util.fixEmptyAndTrim(repo);
    }

    public String getManifest() {
        return manifest;
    }

    public String getRepo() {
        return repo;
    }

    public String getBranch() {
        return branch;
    }

    @DataBoundSetter
    public void setBranch(String branch) {
        this.branch = Util.fixEmptyAndTrim(branch);
    }

    public String getStateDir() {
        return stateDir;
    }

    @DataBoundSetter
    public void setStateDir(String stateDir) {
        this.stateDir = Util.fixEmptyAndTrim(stateDir);
    }

    public String getBuildDir() {
        return buildDir;
    }

    @DataBoundSetter
    public void setBuildDir(String buildDir) {
        this.buildDir = Util.fixEmptyAndTrim(buildDir);
    }

    public String getSubject() {
        return subject;
    }

    @DataBoundSetter
    public void setSubject(String subject) {
        this.subject = Util.fixEmptyAndTrim(subject);
    }

    public String getBody() {
        return body;
    }

    @DataBoundSetter
    public void setBody(String body) {
        this.body = Util.fixEmpty(body);
    }

    public String getInstallDepsFrom() {
        return installDepsFrom;
    }

    @DataBoundSetter
    public void setInstallDepsFrom(String installDepsFrom) {
        this.installDepsFrom = Util.fixEmptyAndTrim(installDepsFrom);
    }

    public boolean isCcache() {
        return ccache;
    }

    @DataBoundSetter
    public void setCcache(boolean ccache) {
        this.ccache = ccache;
    }

    public String getRofilesFuse() {
        return rofilesFuse;
    }

    /**
     * {@code auto} (default), {@code enabled} or {@code disabled}: whether flatpak-builder may use
     * rofiles-fuse, like the command line's {@code --rofiles-fuse}.
     */
    @DataBoundSetter
    public void setRofilesFuse(String rofilesFuse) {
        String value = Util.fixEmptyAndTrim(rofilesFuse);
        this.rofilesFuse = value == null ? "auto" : value.toLowerCase(Locale.ROOT);
    }

    public String getExtraArguments() {
        return extraArguments;
    }

    /** Further flatpak-builder options, one per line. */
    @DataBoundSetter
    public void setExtraArguments(String extraArguments) {
        this.extraArguments = Util.fixEmptyAndTrim(extraArguments);
    }

    List<String> extraArgumentList() {
        if (extraArguments == null) {
            return List.of();
        }
        return Arrays.stream(extraArguments.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    FuseMode fuseMode() throws AbortException {
        try {
            return FuseMode.valueOf(rofilesFuse.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AbortException("flatpakBuild: rofilesFuse must be auto, enabled or disabled, not '"
                    + rofilesFuse + "'");
        }
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /** Runs the build on the agent and records the exported ref on the build page. */
    static final class Execution extends AgentStepRunner<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final transient FlatpakBuildStep step;

        Execution(FlatpakBuildStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            if (step.manifest == null || step.repo == null) {
                throw new AbortException("flatpakBuild: both manifest and repo are required");
            }
            List<String> programs = new ArrayList<>(List.of("flatpak-builder", "flatpak"));
            programs.addAll(gpgPrograms(step));
            Map<String, String> tools = requireTools("flatpakBuild", programs);
            SecretMaterial secrets = gpgSecrets(step, SecretMaterial.none());
            FilePath workspace = workspace();
            BuildSettings settings = new BuildSettings(step.manifest, step.repo, step.stateDir,
                    step.buildDir, step.branch, step.subject, step.body, step.installDepsFrom, step.ccache,
                    step.fuseMode(), new ArrayList<>(step.extraArgumentList()), step.getGpgKey(), step.getGpgHomedir());
            BuiltApp built = workspace.act(new BuildTask(settings, listener(), environment(), tools, secrets,
                    secretParent(workspace)));
            Run<?, ?> run = build();
            FlatpakBuildAction.record(run, new BuiltRef(built.ref(), built.commit(), built.repo()));
            listener().getLogger().println("flatpakBuild: exported " + built.ref() + " at " + built.commit());
            return built.toStepResult();
        }
    }

    /** The step's name, its context, and the Snippet Generator's lists and checks. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "flatpakBuild";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Build a Flatpak application with flatpak-builder";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return FlatpakSteps.REQUIRED_CONTEXT;
        }

        public ListBoxModel doFillRofilesFuseItems() {
            return FlatpakSteps.fuseItems();
        }

        public FormValidation doCheckGpgCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return StepCredentials.checkFileCredentials(item, value);
        }

        public FormValidation doCheckGpgPassphraseCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return StepCredentials.checkStringCredentials(item, value);
        }

        public ListBoxModel doFillGpgCredentialsIdItems(@AncestorInPath Item item,
                                                        @QueryParameter String gpgCredentialsId) {
            return StepCredentials.fillFileCredentials(item, gpgCredentialsId);
        }

        public ListBoxModel doFillGpgPassphraseCredentialsIdItems(@AncestorInPath Item item,
                                                                  @QueryParameter String gpgPassphraseCredentialsId) {
            return StepCredentials.fillStringCredentials(item, gpgPassphraseCredentialsId);
        }

        public FormValidation doCheckManifest(@QueryParameter String value) {
            return FlatpakSteps.checkRequiredPath(value, "the flatpak-builder manifest");
        }

        public FormValidation doCheckRepo(@QueryParameter String value) {
            return FlatpakSteps.checkRequiredPath(value, "the repository to export to");
        }
    }
}
