package dev.nightly.cli.flatpak;

import dev.nightly.cli.ExitCode;
import dev.nightly.flatpak.FlatpakFailureException;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** A step that failed with good input (a command exited non-zero): one line, exit code FAILURE. */
final class Failures {
    private Failures() {
    }

    static int report(CommandSpec spec, String what, FlatpakFailureException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("nightly: flatpak " + what + " failed: " + e.getMessage());
        err.flush();
        return ExitCode.FAILURE;
    }
}
