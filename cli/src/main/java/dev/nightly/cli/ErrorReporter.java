package dev.nightly.cli;

import dev.nightly.bench.model.BadInputException;
import java.io.PrintWriter;
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
        if (isBadInput(exception)) {
            err.println("nightly: " + exception.getMessage());
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

    /** Bad input of either engine; the flatpak engine's own error type is added where it is mapped. */
    static boolean isBadInput(Throwable exception) {
        return exception instanceof BadInputException || exception instanceof dev.nightly.flatpak.FlatpakInputException
                || exception instanceof java.nio.file.NoSuchFileException;
    }
}
