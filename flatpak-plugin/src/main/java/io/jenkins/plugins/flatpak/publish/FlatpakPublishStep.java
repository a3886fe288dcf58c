package io.jenkins.plugins.flatpak.publish;

import dev.nightly.flatpak.destination.Destinations;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.flatpak.action.FlatpakBuildAction;
import io.jenkins.plugins.flatpak.action.Publication;
import io.jenkins.plugins.flatpak.credentials.SecretMaterial;
import io.jenkins.plugins.flatpak.credentials.StepCredentials;
import io.jenkins.plugins.flatpak.steps.AgentStepRunner;
import io.jenkins.plugins.flatpak.steps.FlatpakSteps;
import io.jenkins.plugins.flatpak.steps.SigningStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jenkins.util.BuildListenerAdapter;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code flatpakPublish}: publishes the refs of a build repository into a web root (a directory of
 * the agent, or {@code [user@]host:/path} over rsync and SSH) with signed summary, static deltas,
 * pruning, .flatpakref and .flatpakrepo files and optional bundles; the options are those of
 * {@code nightly flatpak publish}. One publish at a time per destination, across jobs. Returns the
 * published commits and URLs.
 *
 * <pre>
 * flatpakPublish repo: 'repo', dest: 'deploy@web.example.org:/srv/flatpak/kube',
 *                url: 'https://flatpak.example.org/kube', keep: 20, bundle: true,
 *                gpgCredentialsId: 'flatpak-signing-key', sshCredentialsId: 'web-deploy'
 * </pre>
 */
public class FlatpakPublishStep extends SigningStep {
    static final int DEFAULT_KEEP = 20;
    static final String DEFAULT_REMOTE_NAME = "nightly";

    private final String repo;
    private final String dest;
    private final String url;
    private int keep = DEFAULT_KEEP;
    private int maxAgeDays;
    private String title;
    private String comment;
    private String homepage;
    private String remoteName = DEFAULT_REMOTE_NAME;
    private String defaultBranch;
    private String runtimeRepo;
    private boolean staticDeltas = true;
    private boolean bundle;
    private boolean archiveBundle = true;
    private boolean verify = true;
    private String workDir;
    private String sshCredentialsId;
    private String rsh;
    private String sshKnownHosts;

    /**
     * @param repo the build repository, relative to the workspace
     * @param dest web root: a directory of the agent or {@code [user@]host:/path}
     * @param url  public URL of the web root
     */
    @DataBoundConstructor
    public FlatpakPublishStep(String repo, String dest, String url) {
        this.repo = Util.fixEmptyAndTrim(repo);
        this.dest = Util.fixEmptyAndTrim(dest);
        this.url = Util.fixEmptyAndTrim(url);
    }

    public String getRepo() {
        return repo;
    }

    public String getDest() {
        return dest;
    }

    public String getUrl() {
        return url;
    }

    public int getKeep() {
        return keep;
    }

    /** Commits kept per ref (at least 1). */
    @DataBoundSetter
    public void setKeep(int keep) {
        this.keep = keep;
    }

    public int getMaxAgeDays() {
        return maxAgeDays;
    }

    /** Also drop commits older than this many days (0: no age limit); a ref's head always stays. */
    @DataBoundSetter
    public void setMaxAgeDays(int maxAgeDays) {
        this.maxAgeDays = maxAgeDays;
    }

    public String getTitle() {
        return title;
    }

    @DataBoundSetter
    public void setTitle(String title) {
        this.title = Util.fixEmptyAndTrim(title);
    }

    public String getComment() {
        return comment;
    }

    @DataBoundSetter
    public void setComment(String comment) {
        this.comment = Util.fixEmptyAndTrim(comment);
    }

    public String getHomepage() {
        return homepage;
    }

    @DataBoundSetter
    public void setHomepage(String homepage) {
        this.homepage = Util.fixEmptyAndTrim(homepage);
    }

    public String getRemoteName() {
        return remoteName;
    }

    @DataBoundSetter
    public void setRemoteName(String remoteName) {
        String value = Util.fixEmptyAndTrim(remoteName);
        this.remoteName = value == null ? DEFAULT_REMOTE_NAME : value;
    }

    public String getDefaultBranch() {
        return defaultBranch;
    }

    @DataBoundSetter
    public void setDefaultBranch(String defaultBranch) {
        this.defaultBranch = Util.fixEmptyAndTrim(defaultBranch);
    }

    public String getRuntimeRepo() {
        return runtimeRepo;
    }

    @DataBoundSetter
    public void setRuntimeRepo(String runtimeRepo) {
        this.runtimeRepo = Util.fixEmptyAndTrim(runtimeRepo);
    }

    public boolean isStaticDeltas() {
        return staticDeltas;
    }

    @DataBoundSetter
    public void setStaticDeltas(boolean staticDeltas) {
        this.staticDeltas = staticDeltas;
    }

    public boolean isBundle() {
        return bundle;
    }

    @DataBoundSetter
    public void setBundle(boolean bundle) {
        this.bundle = bundle;
    }

    public boolean isArchiveBundle() {
        return archiveBundle;
    }

    /**
     * Whether the bundles of a local destination are also archived as build artifacts (into
     * JENKINS_HOME, every build); off, the build page links them by URL only.
     */
    @DataBoundSetter
    public void setArchiveBundle(boolean archiveBundle) {
        this.archiveBundle = archiveBundle;
    }

    public boolean isVerify() {
        return verify;
    }

    @DataBoundSetter
    public void setVerify(boolean verify) {
        this.verify = verify;
    }

    public String getWorkDir() {
        return workDir;
    }

    @DataBoundSetter
    public void setWorkDir(String workDir) {
        this.workDir = Util.fixEmptyAndTrim(workDir);
    }

    public String getSshCredentialsId() {
        return sshCredentialsId;
    }

    /** Id of an "SSH Username with private key" credential for rsync destinations. */
    @DataBoundSetter
    public void setSshCredentialsId(String sshCredentialsId) {
        this.sshCredentialsId = Util.fixEmptyAndTrim(sshCredentialsId);
    }

    public String getRsh() {
        return rsh;
    }

    /** Remote shell for rsync instead of the one made from {@link #getSshCredentialsId()}. */
    @DataBoundSetter
    public void setRsh(String rsh) {
        this.rsh = Util.fixEmptyAndTrim(rsh);
    }

    public String getSshKnownHosts() {
        return sshKnownHosts;
    }

    /**
     * The destination's host keys as {@code known_hosts} lines, checked instead of the agent's
     * known_hosts files (with {@link #getSshCredentialsId()}).
     */
    @DataBoundSetter
    public void setSshKnownHosts(String sshKnownHosts) {
        this.sshKnownHosts = Util.fixEmptyAndTrim(sshKnownHosts);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /**
     * Takes the destination's lock, publishes on the agent, records the publication and archives
     * bundles of a local destination.
     */
    static final class Execution extends AgentStepRunner<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final transient FlatpakPublishStep step;

        Execution(FlatpakPublishStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            if (step.repo == null || step.dest == null || step.url == null) {
                throw new AbortException("flatpakPublish: repo, dest and url are required");
            }
            if (!PublishedRepo.isWebUrl(step.url)) {
                throw new AbortException("flatpakPublish: url must be an absolute http:// or https:// URL (the "
                        + "public address of the web root), not '" + step.url + "'");
            }
            if (step.keep < 1) {
                throw new AbortException("flatpakPublish: keep must be at least 1, not " + step.keep);
            }
            if (step.maxAgeDays < 0) {
                throw new AbortException("flatpakPublish: maxAgeDays must not be negative");
            }
            boolean remote = Destinations.isRemote(step.dest);
            if (!remote && (step.sshCredentialsId != null || step.rsh != null)) {
                throw new AbortException("flatpakPublish: sshCredentialsId and rsh are for rsync destinations "
                        + "([user@]host:/path); '" + step.dest + "' is a local directory");
            }
            if (step.sshKnownHosts != null && (step.sshCredentialsId == null || step.rsh != null)) {
                throw new AbortException("flatpakPublish: sshKnownHosts is for the ssh made from sshCredentialsId; "
                        + (step.rsh != null ? "with rsh, put the options into rsh" : "name the SSH credentials too"));
            }
            List<String> programs = new ArrayList<>(List.of("flatpak", "ostree"));
            if (remote) {
                programs.add("rsync");
                if (step.rsh == null) {
                    programs.add("ssh");
                }
            }
            programs.addAll(gpgPrograms(step));
            Map<String, String> tools = requireTools("flatpakPublish", programs);
            SecretMaterial secrets = gpgSecrets(step, SecretMaterial.none());
            if (step.sshCredentialsId != null) {
                secrets = StepCredentials.withSsh(secrets, build(), step.sshCredentialsId)
                        .withSshKnownHosts(step.sshKnownHosts);
            }
            FilePath workspace = workspace();
            TaskListener listener = listener();
            Run<?, ?> run = build();
            PublishSettings settings = new PublishSettings(step.repo, step.dest, step.url, step.keep,
                    step.maxAgeDays, step.title, step.comment, step.homepage, step.remoteName, step.defaultBranch,
                    step.runtimeRepo, step.staticDeltas, step.bundle, step.verify, step.workDir, step.rsh,
                    step.getGpgKey(), step.getGpgHomedir());
            String key = PublishLocks.key(step.dest, remote, nodeName(workspace), workspace.getRemote());
            PublishTask task = new PublishTask(settings, listener, environment(), tools, secrets, secretParent(workspace));
            PublishedRepo answer;
            HeldDestinations held = getContext().get(HeldDestinations.class);
            if (held != null && held.contains(key)) {
                listener.getLogger().println("flatpakPublish: the enclosing flatpakPublishLock holds " + step.dest);
                answer = workspace.act(task);
            } else {
                try (PublishLocks.Lease lease = PublishLocks.acquire(key, run.getFullDisplayName(), listener.getLogger())) {
                    answer = workspace.act(task);
                }
            }
            PublishedRepo published = answer.checkedAgainst(step.url, listener.getLogger());
            List<String> archived = step.archiveBundle ? archiveBundles(published, workspace, run, listener) : List.of();
            FlatpakBuildAction.record(run, publication(published, archived));
            return published.toStepResult();
        }

        /** Bundles of a local web root become build artifacts; remote ones are linked by URL. */
        private List<String> archiveBundles(PublishedRepo published, FilePath workspace, Run<?, ?> run,
                                            TaskListener listener) throws Exception {
            if (published.localWebRoot() == null || published.bundles().isEmpty()) {
                return List.of();
            }
            FilePath webRoot = new FilePath(workspace.getChannel(), published.localWebRoot());
            Map<String, String> artifacts = new LinkedHashMap<>();
            for (String bundle : published.bundles()) {
                artifacts.put(bundle, bundle);
            }
            Launcher launcher = getContext().get(Launcher.class);
            run.pickArtifactManager().archive(webRoot, launcher, BuildListenerAdapter.wrap(listener), artifacts);
            return new ArrayList<>(artifacts.keySet());
        }

        /**
         * The build page's record of a publish.
         *
         * @param published the agent's answer after {@link PublishedRepo#checkedAgainst}: its URLs are the
         *                  controller's own and its file names safe to link
         */
        static Publication publication(PublishedRepo published, List<String> archived) {
            Map<String, String> flatpakrefs = new LinkedHashMap<>();
            for (String file : published.flatpakrefs()) {
                flatpakrefs.put(file.substring(0, file.length() - ".flatpakref".length()), published.urlOf(file));
            }
            Map<String, String> bundleUrls = new LinkedHashMap<>();
            for (String file : published.bundles()) {
                bundleUrls.put(file, published.urlOf(file));
            }
            return new Publication(published.destination(), published.repoUrl(), System.currentTimeMillis(),
                    published.commits(), flatpakrefs, bundleUrls, archived, published.verified());
        }
    }

    /** The step's name, its context, and the Snippet Generator's lists and checks. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "flatpakPublish";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Publish a Flatpak repository (signed, pruned, with .flatpakref files)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return FlatpakSteps.REQUIRED_CONTEXT;
        }

        public FormValidation doCheckGpgCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return StepCredentials.checkFileCredentials(item, value);
        }

        public FormValidation doCheckGpgPassphraseCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return StepCredentials.checkStringCredentials(item, value);
        }

        public FormValidation doCheckSshCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return StepCredentials.checkSshCredentials(item, value);
        }

        public ListBoxModel doFillGpgCredentialsIdItems(@AncestorInPath Item item,
                                                        @QueryParameter String gpgCredentialsId) {
            return StepCredentials.fillFileCredentials(item, gpgCredentialsId);
        }

        public ListBoxModel doFillGpgPassphraseCredentialsIdItems(@AncestorInPath Item item,
                                                                  @QueryParameter String gpgPassphraseCredentialsId) {
            return StepCredentials.fillStringCredentials(item, gpgPassphraseCredentialsId);
        }

        public ListBoxModel doFillSshCredentialsIdItems(@AncestorInPath Item item,
                                                        @QueryParameter String sshCredentialsId) {
            return StepCredentials.fillSshCredentials(item, sshCredentialsId);
        }

        public FormValidation doCheckRepo(@QueryParameter String value) {
            return FlatpakSteps.checkRequiredPath(value, "the build repository");
        }

        public FormValidation doCheckDest(@QueryParameter String value) {
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.error("Required: a directory of the agent or [user@]host:/path for rsync");
            }
            return Destinations.isRemote(value.trim())
                    ? FormValidation.ok("rsync destination: choose SSH credentials below (Advanced)")
                    : FormValidation.ok();
        }

        public FormValidation doCheckUrl(@QueryParameter String value) {
            String url = Util.fixEmptyAndTrim(value);
            if (url == null) {
                return FormValidation.error("Required: the public URL of the web root");
            }
            if (!PublishedRepo.isWebUrl(url)) {
                return FormValidation.error("Must be an absolute http:// or https:// URL");
            }
            return FormValidation.ok();
        }

        public FormValidation doCheckKeep(@QueryParameter String value) {
            return FormValidation.validatePositiveInteger(value);
        }

        public FormValidation doCheckMaxAgeDays(@QueryParameter String value) {
            return FormValidation.validateNonNegativeInteger(value);
        }
    }
}
