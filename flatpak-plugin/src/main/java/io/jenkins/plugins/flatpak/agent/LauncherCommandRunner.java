package io.jenkins.plugins.flatpak.agent;

import dev.nightly.flatpak.process.Command;
import dev.nightly.flatpak.process.CommandRunner;
import hudson.Launcher;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's command port implemented with a Jenkins {@link Launcher}: every program the engine runs
 * goes through {@code launcher.launch()}, so Jenkins prints the command line into the build log with
 * the secret arguments replaced by asterisks ({@link Launcher.ProcStarter#masks(boolean...)}), kills the
 * process when the build is aborted and streams the output into the given streams while it runs.
 *
 * <p>The runner lives on the agent (inside {@link AgentTask}), next to the files the engine reads and
 * writes with {@code java.nio.file}; its launcher is that agent's local launcher.
 */
public final class LauncherCommandRunner implements CommandRunner {
    private final Launcher launcher;
    private final Map<String, String> environment;

    /**
     * @param launcher    launcher of the machine the files are on
     * @param environment the step's environment (PATH, HOME, withEnv values...), under the command's own
     */
    public LauncherCommandRunner(Launcher launcher, Map<String, String> environment) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.environment = Map.copyOf(environment);
    }

    @Override
    public int run(Command command, OutputStream stdout, OutputStream stderr) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(command.environment());
        Launcher.ProcStarter starter = launcher.launch()
                .cmds(command.arguments())
                .masks(command.masks())
                .envs(env)
                .stdout(stdout)
                .stderr(stderr);
        command.workingDirectory().ifPresent(dir -> starter.pwd(new File(dir.toString())));
        return starter.join();
    }
}
