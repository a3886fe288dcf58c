package dev.nightly.bench.report;

import dev.nightly.bench.chart.ChartSettings;
import dev.nightly.bench.chart.HistoryMarks;
import dev.nightly.bench.chart.PointMarks;
import dev.nightly.bench.chart.TrendChart;
import dev.nightly.bench.chart.TrendCharts;
import dev.nightly.bench.check.CheckReport;
import dev.nightly.bench.check.CheckResult;
import dev.nightly.bench.check.CheckSettings;
import dev.nightly.bench.check.Checker;
import dev.nightly.bench.definitions.Definitions;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.SeriesInfo;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Makes the report of a history: reads every series once, checks the latest build, marks regressions
 * and improvements over the shown history and draws one chart per dataset.
 */
public final class ReportGenerator {
    /** How many of each series' newest points are checked for markers; older ones show bounds marks only. */
    public static final int DEFAULT_MARKED_HISTORY = 1000;

    private final CheckSettings checks;
    private final ChartSettings charts;
    private final Definitions definitions;
    private final int markedHistory;

    public ReportGenerator(CheckSettings checks, ChartSettings charts, Definitions definitions, int markedHistory) {
        this.checks = Objects.requireNonNull(checks, "checks");
        this.charts = Objects.requireNonNull(charts, "charts");
        this.definitions = Objects.requireNonNull(definitions, "definitions");
        this.markedHistory = markedHistory;
    }

    public static ReportGenerator withDefaults() {
        return new ReportGenerator(CheckSettings.defaults(), ChartSettings.defaults(), Definitions.none(), DEFAULT_MARKED_HISTORY);
    }

    public HtmlReport generate(HistorySnapshot snapshot, String title, LocalDateTime now) {
        Map<String, DatasetInfo> datasets = datasets(snapshot);
        List<Series> series = new ArrayList<>();
        for (SeriesInfo info : snapshot.series()) {
            series.add(snapshot.read(info.key()));
        }
        Checker checker = new Checker(checks);
        long latest = snapshot.latestBuild();
        List<CheckResult> results = new ArrayList<>();
        for (Series one : series) {
            results.addAll(checker.check(one, dataset(datasets, one), latest));
        }
        CheckReport report = new CheckReport(latest, results);
        PointMarks marks = markedHistory > 0
                ? new HistoryMarks(checker, datasets, markedHistory)
                : PointMarks.of(report);
        List<TrendChart> trendCharts = TrendCharts.with(charts, marks).job(datasets, series);
        return new HtmlReport(title, now, trendCharts, report);
    }

    /** The store's dataset information, completed by the definitions given (which win where both speak). */
    private Map<String, DatasetInfo> datasets(HistorySnapshot snapshot) {
        Map<String, DatasetInfo> datasets = new TreeMap<>(snapshot.datasets());
        definitions.infos().forEach((id, info) -> datasets.merge(id, info, DatasetInfo::mergedWith));
        return datasets;
    }

    private static DatasetInfo dataset(Map<String, DatasetInfo> datasets, Series series) {
        String id = series.key().dataset();
        return datasets.getOrDefault(id, DatasetInfo.of(id));
    }
}
