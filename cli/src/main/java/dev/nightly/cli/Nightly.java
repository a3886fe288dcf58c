package dev.nightly.cli;

import dev.nightly.cli.bench.BenchCommand;
import dev.nightly.cli.flatpak.FlatpakCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code nightly} command line. */
@Command(name = "nightly",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Benchmark history, checks and reports; nightly Flatpak builds and publishing.",
        subcommands = {BenchCommand.class, FlatpakCommand.class, DemoCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success, nothing flagged",
                "1:internal error",
                "2:bad input or usage (the message says what and where)",
                "3:a check flagged something at level UNSTABLE",
                "4:a check flagged something at level FAILURE",
                "5:bench verify found problems in a history store"})
public final class Nightly {
    public static void main(String... args) {
        System.exit(run(args));
    }

    /** Runs the command line without exiting, for tests and embedding. */
    public static int run(String... args) {
        try {
            return newCommandLine().execute(args);
        } catch (OutOfMemoryError e) {
            // The commands that read big inputs say which; this is for whatever else ran out.
            System.err.println("nightly: out of memory: " + OutOfMemory.heap() + " was not enough for "
                    + String.join(" ", java.util.Arrays.asList(args).subList(0, Math.min(2, args.length))));
            return ExitCode.BAD_INPUT;
        }
    }

    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new Nightly());
        commandLine.setExecutionExceptionHandler(new ErrorReporter());
        commandLine.setParameterExceptionHandler(new ErrorReporter());
        return commandLine;
    }
}
