package io.jenkins.plugins.flatpak.agent;

import dev.nightly.flatpak.FlatpakFailureException;
import dev.nightly.flatpak.FlatpakInputException;
import dev.nightly.flatpak.process.CommandRunner;
import dev.nightly.flatpak.process.Tools;
import hudson.AbortException;
import hudson.Launcher;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.util.StreamTaskListener;
import io.jenkins.plugins.flatpak.credentials.SecretMaterial;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs one engine operation on the agent that holds the workspace. The engine works on files with
 * {@code java.nio.file} and runs programs through its command port, so both must happen on the machine
 * where the files are: the task travels there ({@code FilePath.act}), writes the step's secrets into a
 * private directory, implements the port with that machine's {@link Launcher} and streams everything
 * into the build log, with secret values masked. Engine errors become {@link AbortException}s: one
 * line in the log, no stack trace, and (by the engine's contract) no secret in the message.
 *
 * @param <T> the serializable result sent back to the controller
 */
public abstract class AgentTask<T> extends MasterToSlaveFileCallable<T> {
    private static final long serialVersionUID = 1L;

    private final TaskListener listener;
    private final HashMap<String, String> environment;
    private final HashMap<String, String> tools;
    private final SecretMaterial secrets;
    private final String secretParent;

    /**
     * @param listener     the build log
     * @param environment  the step's environment
     * @param tools        absolute paths of the programs, as {@link ToolProbe} found them
     * @param secrets      secret values to write into files for the engine
     * @param secretParent directory on the agent under which the private secrets directory is made
     *                     (the workspace's {@code @tmp} sibling)
     */
    protected AgentTask(TaskListener listener, Map<String, String> environment, Map<String, String> tools,
                        SecretMaterial secrets, String secretParent) {
        this.listener = listener;
        this.environment = new HashMap<>(environment);
        this.tools = new HashMap<>(tools);
        this.secrets = secrets;
        this.secretParent = secretParent;
    }

    @Override
    public final T invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        Path ws = workspace.toPath().toAbsolutePath();
        try (MaskingOutputStream masked = new MaskingOutputStream(listener.getLogger(), secrets.maskedValues());
             PrintStream log = new PrintStream(masked, true, StandardCharsets.UTF_8);
             SecretFiles files = SecretFiles.write(Path.of(secretParent), secrets)) {
            Map<String, String> env = new HashMap<>(environment);
            env.putAll(files.environment());
            Launcher launcher = new Launcher.LocalLauncher(new StreamTaskListener(log));
            CommandRunner runner = new LauncherCommandRunner(launcher, env);
            return run(ws, runner, log, files, tools());
        } catch (FlatpakInputException | FlatpakFailureException | UncheckedIOException e) {
            throw new AbortException(e.getMessage());
        }
    }

    private Tools tools() {
        Tools defaults = Tools.defaults();
        return new Tools(
                tools.getOrDefault(defaults.flatpak(), defaults.flatpak()),
                tools.getOrDefault(defaults.flatpakBuilder(), defaults.flatpakBuilder()),
                tools.getOrDefault(defaults.ostree(), defaults.ostree()),
                tools.getOrDefault(defaults.gpg(), defaults.gpg()),
                tools.getOrDefault(defaults.gpgconf(), defaults.gpgconf()),
                tools.getOrDefault(defaults.gpgConnectAgent(), defaults.gpgConnectAgent()),
                tools.getOrDefault(defaults.rsync(), defaults.rsync()));
    }

    /**
     * The operation, on the agent.
     *
     * @param workspace absolute workspace path; relative step paths resolve against it
     * @param runner    the command port
     * @param log       the build log (masked)
     * @param secrets   the secret files of this step
     * @param tools     the programs to run
     */
    protected abstract T run(Path workspace, CommandRunner runner, PrintStream log, SecretFiles secrets, Tools tools)
            throws IOException, InterruptedException;
}
