package dev.nightly.cli.bench;

import dev.nightly.bench.store.RepairReport;
import dev.nightly.bench.store.StoreRepair;
import dev.nightly.bench.store.StoreVerification;
import dev.nightly.bench.store.StoreVerifier;
import dev.nightly.cli.ExitCode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nightly bench repair}: mends a damaged store from its series files. */
@Command(name = "repair", mixinStandardHelpOptions = true,
        description = {"Mend a history store: cut series at their last whole line, leave out lines that do not parse,",
                "make indexes, checksums and the manifest anew, and move unusable files into DIR/damaged/",
                "(with REPORT.txt; replaces the folder of an earlier repair). Prints one line per change.",
                "Exit code 0: the store is sound now; 5: problems remain; 2: bad input."})
public final class RepairCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HistoryOption history;

    @Override
    public Integer call() {
        RepairReport report = StoreRepair.repair(history.directory);
        PrintWriter out = spec.commandLine().getOut();
        report.actions().forEach(out::println);
        if (report.damaged() != null) {
            out.println("files put aside in " + report.damaged() + " (see REPORT.txt there)");
        }
        StoreVerification after = StoreVerifier.verify(history.directory);
        if (!after.isSound()) {
            VerifyCommand.print(out, after, history.directory);
        }
        else {
            out.println(report.changedAnything() ? "repaired; no problems found" : "nothing to repair; no problems found");
        }
        out.flush();
        return after.isSound() ? ExitCode.OK : ExitCode.DAMAGED;
    }
}
