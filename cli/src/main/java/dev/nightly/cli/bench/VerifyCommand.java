package dev.nightly.cli.bench;

import dev.nightly.bench.store.StoreProblem;
import dev.nightly.bench.store.StoreVerification;
import dev.nightly.bench.store.StoreVerifier;
import dev.nightly.cli.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nightly bench verify}: reads the whole store and names every problem. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check every file of a history store: lengths, lines, counts, checksums, indexes.",
                "Prints one line per problem (file: line: what). Changes nothing.",
                "Exit code 0: no problems; 5: problems found (mend them with 'bench repair'); 2: bad input."})
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HistoryOption history;

    @Override
    public Integer call() {
        StoreVerification verification = StoreVerifier.verify(history.directory);
        PrintWriter out = spec.commandLine().getOut();
        print(out, verification, history.directory);
        out.flush();
        return verification.isSound() ? ExitCode.OK : ExitCode.DAMAGED;
    }

    /** The problems, the notes and a summary line. */
    static void print(PrintWriter out, StoreVerification verification, Path dir) {
        for (StoreProblem problem : verification.problems()) {
            out.println(problem);
        }
        verification.notes().forEach(note -> out.println("note: " + note));
        out.println(verification.isSound() ? "no problems found" : verification.problems().size()
                + (verification.problems().size() == 1 ? " problem" : " problems") + " found; mend them with: nightly bench repair --history " + dir);
    }
}
