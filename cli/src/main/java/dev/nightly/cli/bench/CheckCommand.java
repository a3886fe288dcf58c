package dev.nightly.cli.bench;

import dev.nightly.bench.check.CheckKind;
import dev.nightly.bench.check.CheckReport;
import dev.nightly.bench.check.CheckResult;
import dev.nightly.bench.check.CheckRule;
import dev.nightly.bench.check.CheckSettings;
import dev.nightly.bench.check.Checker;
import dev.nightly.bench.check.Level;
import dev.nightly.bench.check.SeriesSelector;
import dev.nightly.bench.check.Verdict;
import dev.nightly.bench.definitions.Definitions;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.HistoryStore;
import dev.nightly.cli.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nightly bench check}: checks one build's values and says what is flagged. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check the values of build N: HAWD bounds and regressions against a baseline.",
                "Prints one line per flagged series (--all: per checked series) and a summary.",
                "Series of the previous build without a value in this one are shown as MISSING (UNSTABLE; --missing-fails: FAILURE).",
                "Exit code 0: nothing flagged; 3: worst flag UNSTABLE; 4: worst flag FAILURE; 2: bad input."})
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HistoryOption history;

    @Option(names = "--build", required = true, paramLabel = "N", description = "The build to check.")
    long build;

    @Option(names = "--definitions", paramLabel = "DIR",
            description = "Folder of HAWD dataset definitions; their bounds complete the stored ones.")
    Path definitions;

    @Option(names = "--checks", paramLabel = "FILE", description = "Check settings (JSON; see README). Default: built-in checks.")
    Path checks;

    @Option(names = "--all", description = "Also print series that are not flagged.")
    boolean all;

    @Option(names = "--missing-fails",
            description = "A series of the previous build without a value in this one (MISSING) is a FAILURE, not UNSTABLE.")
    boolean missingFails;

    @Override
    public Integer call() {
        CheckSettings settings = checks == null ? CheckSettings.defaults() : CheckSettings.read(checks);
        if (missingFails) {
            // Last, so that it wins over every rule of the checks file, as the option promises.
            settings = CheckSettings.builder().defaults(settings.useDefaults()).rules(settings.rules())
                    .rule(new CheckRule(SeriesSelector.ALL, CheckKind.MISSING, null, 0, null, null, null, Level.FAILURE, true))
                    .build();
        }
        Definitions extra = definitions == null ? Definitions.none() : Definitions.read(definitions);
        HistorySnapshot snapshot = HistoryStore.openExisting(history.directory).snapshot().withDatasets(extra.infos());
        CheckReport report = new Checker(settings).check(snapshot, build);
        PrintWriter out = spec.commandLine().getOut();
        if (report.results().stream().noneMatch(r -> r.point().build() == build)) {
            out.println("build " + build + ": no values from this build in " + history.directory);
        }
        for (CheckResult result : report.results()) {
            if (all || result.isFlagged() || result.verdict() == Verdict.MISSING) {
                out.println(result.describe());
            }
        }
        for (String warning : report.warnings()) {
            out.println("WARNING " + warning);
        }
        out.println(report.summary());
        out.flush();
        return report.worstLevel().map(level -> level == Level.FAILURE ? ExitCode.FAILURE : ExitCode.UNSTABLE)
                .orElse(ExitCode.OK);
    }
}
