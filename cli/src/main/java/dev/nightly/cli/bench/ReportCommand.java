package dev.nightly.cli.bench;

import dev.nightly.bench.chart.ChartSettings;
import dev.nightly.bench.chart.XAxis;
import dev.nightly.bench.check.CheckSettings;
import dev.nightly.bench.definitions.Definitions;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.report.HtmlReport;
import dev.nightly.bench.report.ReportGenerator;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.HistoryStore;
import dev.nightly.cli.ExitCode;
import dev.nightly.cli.OutOfMemory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nightly bench report}: a self-contained HTML report of the whole history. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write an HTML report of the history into OUT/index.html (opens offline from file://).",
                "One trend chart per dataset and unit, with zoom and legend toggles; HAWD bounds drawn as lines;",
                "regressions, improvements and out-of-bounds values marked; a table of the latest build's",
                "checks, flagged first. Exit code 0 whatever the checks say (gate with `nightly bench check`);",
                "2: bad input."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HistoryOption history;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Where to write index.html and assets/ (created if missing; files of an earlier report are replaced).")
    Path out;

    @Option(names = "--definitions", paramLabel = "DIR",
            description = "Folder of HAWD dataset definitions; their names, descriptions and bounds complete the stored ones.")
    Path definitions;

    @Option(names = "--checks", paramLabel = "FILE", description = "Check settings (JSON; see README). Default: built-in checks.")
    Path checks;

    @Option(names = "--title", paramLabel = "TEXT", defaultValue = "Benchmarks", description = "Page title (default: ${DEFAULT-VALUE}).")
    String title;

    @Option(names = "--x-axis", paramLabel = "build|time", defaultValue = "build",
            description = "Horizontal axis: build numbers or measurement time (default: ${DEFAULT-VALUE}).")
    String xAxis;

    @Option(names = "--builds", paramLabel = "N", defaultValue = "0",
            description = "Show only the newest N builds; 0 shows the whole history (default).")
    int builds;

    @Option(names = "--max-points", paramLabel = "N", defaultValue = "" + ChartSettings.DEFAULT_MAX_POINTS,
            description = "Down-sample lines longer than N points, keeping extremes and marked points (default: ${DEFAULT-VALUE}).")
    int maxPoints;

    @Override
    public Integer call() {
        // Refused before the store is read: a check of the store updates its change point cache.
        HtmlReport.checkDestination(out);
        CheckSettings settings = checks == null ? CheckSettings.defaults() : CheckSettings.read(checks);
        Definitions extra = definitions == null ? Definitions.none() : Definitions.read(definitions);
        ChartSettings chartSettings = chartSettings();
        HistorySnapshot snapshot = HistoryStore.openExisting(history.directory).snapshot();

        // Two datasets' charts at once where there are two cores: a user waits for this command and nothing else.
        int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
        HtmlReport report = OutOfMemory.guard("reporting on", List.of(history.directory), () -> new ReportGenerator(settings,
                chartSettings, extra, ReportGenerator.DEFAULT_MARKED_HISTORY).withThreads(threads).generate(snapshot, title, LocalDateTime.now()));
        report.writeTo(out);

        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("report: " + out.resolve("index.html") + " (" + report.datasetCount() + " datasets; "
                + report.checks().summary() + ")");
        stdout.flush();
        return ExitCode.OK;
    }

    private ChartSettings chartSettings() {
        XAxis axis = switch (xAxis.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "build" -> XAxis.BUILD;
            case "time" -> XAxis.TIME;
            default -> throw new BadInputException("--x-axis: expected build or time, got '" + xAxis + "'");
        };
        if (builds < 0) {
            throw new BadInputException("--builds: expected 0 (all) or a positive number, got " + builds);
        }
        if (maxPoints < 10) {
            throw new BadInputException("--max-points: expected at least 10, got " + maxPoints);
        }
        return ChartSettings.defaults().withXAxis(axis).withMaxBuilds(builds).withMaxPointsPerSeries(maxPoints);
    }
}
