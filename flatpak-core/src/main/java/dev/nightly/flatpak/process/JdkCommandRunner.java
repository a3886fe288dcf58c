package dev.nightly.flatpak.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;

/** Runs commands as local processes of this JVM; logs each command line (secrets masked) first. */
public final class JdkCommandRunner implements CommandRunner {
    private final PrintStream log;
    private final Map<String, String> environment;

    /** @param log where the command lines go, e.g. {@code System.err} or a build log */
    public JdkCommandRunner(PrintStream log) {
        this(log, Map.of());
    }

    /**
     * @param log         where the command lines go
     * @param environment variables set for every command (before the command's own), e.g. an isolated
     *                    HOME and XDG directories
     */
    public JdkCommandRunner(PrintStream log, Map<String, String> environment) {
        this.log = Objects.requireNonNull(log, "log");
        this.environment = Map.copyOf(environment);
    }

    @Override
    public int run(Command command, OutputStream stdout, OutputStream stderr) throws IOException, InterruptedException {
        log.println("$ " + command.toDisplayString());
        log.flush();
        ProcessBuilder builder = new ProcessBuilder(command.arguments())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        builder.environment().putAll(command.environment());
        command.workingDirectory().ifPresent(dir -> builder.directory(dir.toFile()));
        Process process = builder.start();
        Thread out = pump(process.getInputStream(), stdout, "stdout");
        Thread err = pump(process.getErrorStream(), stderr, "stderr");
        try {
            int exit = process.waitFor();
            out.join();
            err.join();
            return exit;
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw e;
        }
    }

    private static Thread pump(InputStream from, OutputStream to, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (from) {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                    synchronized (to) {
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "command-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
