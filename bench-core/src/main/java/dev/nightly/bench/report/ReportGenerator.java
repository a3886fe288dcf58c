package dev.nightly.bench.report;

import dev.nightly.bench.changes.Acknowledgements;
import dev.nightly.bench.changes.ChangeListing;
import dev.nightly.bench.changes.ChangeSettings;
import dev.nightly.bench.changes.TrackedChange;
import dev.nightly.bench.chart.ChangeMarks;
import dev.nightly.bench.chart.ChartSettings;
import dev.nightly.bench.chart.HistoryMarks;
import dev.nightly.bench.chart.PointMarks;
import dev.nightly.bench.chart.TrendChart;
import dev.nightly.bench.chart.TrendCharts;
import dev.nightly.bench.check.CheckReport;
import dev.nightly.bench.check.CheckSettings;
import dev.nightly.bench.check.Checker;
import dev.nightly.bench.definitions.Definitions;
import dev.nightly.bench.store.HistorySnapshot;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Makes the report of a history: checks the latest build, marks regressions and improvements over the
 * shown history and draws one chart per dataset, reading one dataset's series at a time.
 */
public final class ReportGenerator {
    /** How many of each series' newest points are checked for markers; older ones show bounds marks only. */
    public static final int DEFAULT_MARKED_HISTORY = 1000;

    private final CheckSettings checks;
    private final ChartSettings charts;
    private final Definitions definitions;
    private final int markedHistory;
    private final int threads;

    public ReportGenerator(CheckSettings checks, ChartSettings charts, Definitions definitions, int markedHistory) {
        this(checks, charts, definitions, markedHistory, 1);
    }

    private ReportGenerator(CheckSettings checks, ChartSettings charts, Definitions definitions, int markedHistory, int threads) {
        this.checks = Objects.requireNonNull(checks, "checks");
        this.charts = Objects.requireNonNull(charts, "charts");
        this.definitions = Objects.requireNonNull(definitions, "definitions");
        this.markedHistory = markedHistory;
        this.threads = Math.max(1, threads);
    }

    /** This generator making the charts of {@code threads} datasets at once (see {@link TrendCharts#job(HistorySnapshot, int)}). */
    public ReportGenerator withThreads(int threads) {
        return new ReportGenerator(checks, charts, definitions, markedHistory, threads);
    }

    public static ReportGenerator withDefaults() {
        return new ReportGenerator(CheckSettings.defaults(), ChartSettings.defaults(), Definitions.none(), DEFAULT_MARKED_HISTORY);
    }

    public HtmlReport generate(HistorySnapshot snapshot, String title, LocalDateTime now) {
        // Definitions given now win over what the store recorded (names, bounds).
        HistorySnapshot history = snapshot.withDatasets(definitions.infos());
        Checker checker = new Checker(checks).withAcknowledgements(Acknowledgements.read(history.directory()));
        CheckReport report = checker.check(history, history.latestBuild());
        PointMarks marks = markedHistory > 0
                ? new HistoryMarks(checker, history.datasets(), markedHistory)
                : PointMarks.of(report);
        // After the check, which leaves each series' search state in the store's cache: listing then searches
        // only each series' open window, not the whole history again.
        List<TrackedChange> changes = ChangeListing.of(history, ChangeSettings.defaults(), checks.directions()).all();
        // Dataset by dataset, each series as columns: the report of years of nights fits in a small heap.
        List<TrendChart> trendCharts = TrendCharts.with(charts, marks).withChanges(ChangeMarks.of(changes)).job(history, threads);
        return new HtmlReport(title, now, trendCharts, report, changes);
    }
}
