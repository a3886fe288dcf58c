package dev.nightly.flatpak.process;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The port through which the engine runs every external program. The command line interface
 * implements it with the JDK's processes ({@link JdkCommandRunner}); the Jenkins plugin with the
 * agent's {@code Launcher} ({@code launcher.launch().cmds(c.arguments()).envs(c.environment())
 * .pwd(dir).masks(c.masks()).stdout(out).stderr(err).join()}).
 *
 * <p>Implementations log the command line before running it, with {@link Command#toDisplayString()}
 * (secrets masked), stream the program's output to the given streams while it runs, give it no
 * standard input, and return its exit code. They do not close the streams.
 */
@FunctionalInterface
public interface CommandRunner {
    /**
     * Runs a command to completion.
     *
     * @return the exit code
     * @throws IOException if the program cannot be started (for instance it is not installed)
     * @throws InterruptedException if the caller was interrupted; the process has been killed then
     */
    int run(Command command, OutputStream stdout, OutputStream stderr) throws IOException, InterruptedException;
}
