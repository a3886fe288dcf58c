package dev.nightly.cli;

import dev.nightly.bench.model.BadInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one line on standard error and an exit code. Users see what is wrong and where,
 * never a stack trace; set NIGHTLY_DEBUG=1 to get the trace of an internal error.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        IOException io = ioCause(exception);
        if (isBadInput(exception)) {
            // Our message says what and where; a file system's reason is added when it left that out.
            String message = io instanceof FileSystemException && io != exception ? describe(exception, io)
                    : exception.getMessage();
            err.println("nightly: " + oneLine(message));
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        if (io != null) {
            // A full disk, a read-only or forbidden directory: the machine's state, not a bug of ours.
            err.println("nightly: " + describe(exception, io));
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        err.println("nightly: internal error: " + exception);
        if (System.getenv("NIGHTLY_DEBUG") != null) {
            exception.printStackTrace(err);
        }
        err.flush();
        return ExitCode.INTERNAL_ERROR;
    }

    @Override
    public int handleParseException(ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("nightly: " + exception.getMessage());
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCode.BAD_INPUT;
    }

    /** The I/O error behind a failure, if there is one. */
    static IOException ioCause(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            // A parser's exception is about the content, and quotes it: never taken for the machine's state.
            if (cause instanceof IOException io && !io.getClass().getName().startsWith("com.fasterxml.")) {
                return io;
            }
        }
        return null;
    }

    /**
     * One line that names the file and the reason: our own wrapper's message says what was being done
     * (and where); the file system's exception adds the file and its reason when the wrapper did not.
     */
    static String describe(Throwable exception, IOException io) {
        String reason = io instanceof FileSystemException fs ? fsReason(fs) : io.getMessage();
        String file = io instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile() : null;
        String context = exception == io ? null : exception.getMessage();
        StringBuilder line = new StringBuilder();
        if (context != null && !context.isBlank()) {
            line.append(context);
        }
        if (file != null && !line.toString().contains(file)) {
            line.append(line.length() == 0 ? "" : ": ").append(file);
        }
        if (reason != null && !line.toString().contains(reason)) {
            line.append(line.length() == 0 ? "" : ": ").append(reason);
        }
        return oneLine(line.length() == 0 ? io.getClass().getSimpleName() : line.toString());
    }

    private static String fsReason(FileSystemException fs) {
        if (fs.getReason() != null) {
            return fs.getReason();
        }
        if (fs instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (fs instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (fs instanceof NotDirectoryException) {
            return "not a directory";
        }
        return fs.getClass().getSimpleName();
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** Bad input of either engine; the flatpak engine's own error type is added where it is mapped. */
    static boolean isBadInput(Throwable exception) {
        return exception instanceof BadInputException || exception instanceof dev.nightly.flatpak.FlatpakInputException
                || exception instanceof NoSuchFileException;
    }
}
