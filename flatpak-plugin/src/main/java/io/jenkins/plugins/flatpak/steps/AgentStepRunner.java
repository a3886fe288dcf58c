package io.jenkins.plugins.flatpak.steps;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.LauncherDecorator;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import io.jenkins.plugins.flatpak.agent.ToolProbe;
import io.jenkins.plugins.flatpak.credentials.SecretMaterial;
import io.jenkins.plugins.flatpak.credentials.StepCredentials;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * What both steps do before the engine runs: take the build, workspace, launcher, log and environment
 * from the step context, refuse agents that cannot run Flatpak, find the programs on the agent and
 * read the credentials. Runs in a background thread ({@link SynchronousNonBlockingStepExecution}), so
 * a long build or a wait for the publish lock never blocks the Pipeline.
 *
 * @param <T> the step's return value
 */
public abstract class AgentStepRunner<T> extends SynchronousNonBlockingStepExecution<T> {
    private static final long serialVersionUID = 1L;

    protected AgentStepRunner(StepContext context) {
        super(context);
    }

    protected Run<?, ?> build() throws IOException, InterruptedException {
        return getContext().get(Run.class);
    }

    protected FilePath workspace() throws IOException, InterruptedException {
        return getContext().get(FilePath.class);
    }

    protected TaskListener listener() throws IOException, InterruptedException {
        return getContext().get(TaskListener.class);
    }

    protected EnvVars environment() throws IOException, InterruptedException {
        return getContext().get(EnvVars.class);
    }

    /** The agent, as messages name it. */
    protected static String describeNode(FilePath workspace) {
        Computer computer = workspace.toComputer();
        if (computer == null) {
            return "the agent";
        }
        return computer.getName().isEmpty() ? "the built-in node" : "agent '" + computer.getName() + "'";
    }

    /** The agent's name as locks key it: "" for the built-in node. */
    protected static String nodeName(FilePath workspace) {
        Computer computer = workspace.toComputer();
        return computer == null ? "?" : computer.getName();
    }

    /**
     * Checks that the agent is a Unix machine with every program on the step's PATH.
     *
     * @return program name to absolute path
     * @throws AbortException naming the agent, the missing programs and the PATH searched
     */
    protected Map<String, String> requireTools(String step, List<String> programs) throws IOException, InterruptedException {
        refuseDecoratedLauncher(step);
        FilePath workspace = workspace();
        Launcher launcher = getContext().get(Launcher.class);
        if (!launcher.isUnix()) {
            throw new AbortException(step + " needs a Linux agent with flatpak; " + describeNode(workspace)
                    + " is not a Unix machine");
        }
        ToolProbe.Found found = workspace.act(new ToolProbe(programs, environment().get("PATH")));
        if (!found.missing().isEmpty()) {
            throw new AbortException(step + ": " + String.join(", ", found.missing())
                    + (found.missing().size() == 1 ? " is" : " are") + " not installed on " + describeNode(workspace)
                    + " (searched PATH=" + found.searchedPath() + "). Install "
                    + String.join(" and ", debianPackages(found.missing()))
                    + " there, or run the step on an agent that has them (agent { label '...' }).");
        }
        return found.located();
    }

    /**
     * The engine runs its programs on the agent's own machine (next to the files it reads with
     * {@code java.nio.file}), not through the step's launcher. Inside {@code container('...')} or
     * {@code docker.image(...).inside} the launcher is decorated to run elsewhere; the step would build
     * in the wrong place, so it refuses to run there.
     */
    private void refuseDecoratedLauncher(String step) throws IOException, InterruptedException {
        if (getContext().get(LauncherDecorator.class) != null) {
            throw new AbortException(step + " runs on the agent itself and cannot run inside container(), "
                    + "docker.image().inside or withDockerContainer; call it directly inside node (or agent), on an "
                    + "agent whose own system has flatpak installed");
        }
    }

    private static List<String> debianPackages(List<String> programs) {
        List<String> packages = new ArrayList<>();
        for (String program : programs) {
            String pkg = switch (program) {
                case "gpg", "gpgconf", "gpg-connect-agent" -> "gnupg";
                case "ssh" -> "openssh-client";
                default -> program;
            };
            if (!packages.contains(pkg)) {
                packages.add(pkg);
            }
        }
        return packages;
    }

    /** The programs signing needs. */
    protected static List<String> gpgPrograms(SigningStep step) {
        if (!step.signs()) {
            return List.of();
        }
        List<String> programs = new ArrayList<>(List.of("gpg", "gpgconf"));
        if (step.getGpgPassphraseCredentialsId() != null) {
            programs.add("gpg-connect-agent");
        }
        return programs;
    }

    /** Reads the step's GPG credentials, if it names any. */
    protected SecretMaterial gpgSecrets(SigningStep step, SecretMaterial material) throws IOException, InterruptedException {
        if (step.getGpgCredentialsId() == null) {
            if (step.getGpgPassphraseCredentialsId() != null) {
                throw new AbortException("gpgPassphraseCredentialsId needs gpgCredentialsId: the passphrase belongs "
                        + "to a key file from the credentials");
            }
            return material;
        }
        return StepCredentials.withGpg(material, build(), step.getGpgCredentialsId(),
                step.getGpgPassphraseCredentialsId());
    }

    /** Where the private secrets directory goes on the agent: the workspace's {@code @tmp} sibling. */
    protected static String secretParent(FilePath workspace) {
        FilePath tmp = WorkspaceList.tempDir(workspace);
        return (tmp != null ? tmp : workspace).getRemote();
    }
}
