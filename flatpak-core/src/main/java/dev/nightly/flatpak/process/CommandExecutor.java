package dev.nightly.flatpak.process;

import dev.nightly.flatpak.FlatpakFailureException;
import dev.nightly.flatpak.FlatpakInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Runs commands through a {@link CommandRunner} and turns their outcome into the engine's terms:
 * a program that cannot be started is bad input ("is it installed?"), a non-zero exit is a
 * {@link FlatpakFailureException} that carries the masked command line and the last line the program
 * wrote to standard error. Output that is not captured goes to the log.
 */
public final class CommandExecutor {
    private final CommandRunner runner;
    private final PrintStream log;

    public CommandExecutor(CommandRunner runner, PrintStream log) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.log = Objects.requireNonNull(log, "log");
    }

    public PrintStream log() {
        return log;
    }

    /** Runs the command, its output goes to the log; fails unless it exits with 0. */
    public void run(Command command) {
        execute(command, log, true);
    }

    /** Runs the command and returns its standard output as text; standard error goes to the log. */
    public String capture(Command command) {
        return new String(captureBytes(command), StandardCharsets.UTF_8);
    }

    /** Runs the command and returns its standard output as bytes; standard error goes to the log. */
    public byte[] captureBytes(Command command) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        execute(command, stdout, true);
        return stdout.toByteArray();
    }

    /**
     * Checks that each program can be started ({@code PROGRAM --version}), so that a missing tool is
     * reported before anything is changed.
     *
     * @throws FlatpakInputException naming the first program that is missing
     */
    public void requirePrograms(String... programs) {
        for (String program : programs) {
            try {
                int exit = runner.run(Command.of(program).arg("--version").build(), OutputStream.nullOutputStream(),
                        OutputStream.nullOutputStream());
                if (exit != 0) {
                    throw new FlatpakInputException(program + " is not usable: '" + program + " --version' exited with " + exit);
                }
            } catch (IOException e) {
                throw new FlatpakInputException(program + " is not installed (or not on the PATH): install it, e.g. the"
                        + " Debian package " + debianPackage(program));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FlatpakFailureException("interrupted while checking " + program, e);
            }
        }
    }

    private static String debianPackage(String program) {
        String name = program.substring(program.lastIndexOf('/') + 1);
        return switch (name) {
            case "gpg", "gpgconf", "gpg-connect-agent" -> "gnupg";
            default -> name;
        };
    }

    /** Runs the command, output to the log, and returns its exit code without judging it. */
    public int exitCode(Command command) {
        return execute(command, log, false);
    }

    private int execute(Command command, OutputStream stdout, boolean check) {
        LastLine stderr = new LastLine(log);
        int exit;
        try {
            exit = runner.run(command, stdout, stderr);
        } catch (IOException e) {
            throw new FlatpakInputException("cannot run " + command.program()
                    + ": is it installed and on the PATH? (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlatpakFailureException("interrupted while running " + command.program(), e);
        }
        if (check && exit != 0) {
            String last = stderr.last();
            throw new FlatpakFailureException(command.program() + " failed with exit code " + exit
                    + (last.isEmpty() ? "" : ": " + last) + " (command: " + command.toDisplayString() + ")");
        }
        return exit;
    }

    /** Passes bytes on to the log and remembers the last non-empty line, for error messages. */
    private static final class LastLine extends OutputStream {
        private final PrintStream log;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private String last = "";

        LastLine(PrintStream log) {
            this.log = log;
        }

        @Override
        public synchronized void write(int b) {
            log.write(b);
            if (b == '\n') {
                endLine();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        @Override
        public void flush() {
            log.flush();
        }

        private void endLine() {
            String text = line.toString(StandardCharsets.UTF_8).strip();
            if (!text.isEmpty()) {
                last = text;
            }
            line.reset();
        }

        synchronized String last() {
            endLine();
            return last;
        }
    }

    /** Wraps an {@link IOException} of file work into an unchecked one with a clear message. */
    public static UncheckedIOException io(String what, IOException e) {
        return new UncheckedIOException(what + ": " + e.getMessage(), e);
    }
}
