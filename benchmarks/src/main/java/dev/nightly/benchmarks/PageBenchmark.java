package dev.nightly.benchmarks;

import dev.nightly.bench.chart.ChartJson;
import dev.nightly.bench.chart.ChartSettings;
import dev.nightly.bench.chart.PointMarks;
import dev.nightly.bench.chart.TrendChart;
import dev.nightly.bench.chart.TrendCharts;
import dev.nightly.bench.check.CheckReport;
import dev.nightly.bench.check.CheckSettings;
import dev.nightly.bench.check.Checker;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.HistoryStore;
import dev.nightly.bench.store.SeriesInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What a page view and a build's checks cost against the full history (200 series, one build per night),
 * from the store on, as the Jenkins plugin does it: take a snapshot, read the series, build the chart
 * model with the latest build's verdict marks; check the latest build with the built-in checks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PageBenchmark {
    private HistoryStore store;
    private long latest;
    private PointMarks marks;
    private String dataset;

    @Setup
    public void setUp() {
        Fixture fixture = Fixture.shared();
        store = HistoryStore.open(fixture.storeDir());
        HistorySnapshot snapshot = store.snapshot();
        latest = snapshot.latestBuild();
        CheckReport report = new Checker(CheckSettings.defaults()).check(snapshot, latest);
        marks = PointMarks.of(report);
        dataset = HawdHistory.largestDataset();
    }

    /** The chart of the dataset with the most series (60). */
    @Benchmark
    public TrendChart datasetChart() {
        HistorySnapshot snapshot = store.snapshot();
        return TrendCharts.with(ChartSettings.defaults(), marks).dataset(snapshot.dataset(dataset), snapshot.readDataset(dataset));
    }

    /** The charts of every dataset (the job page) as the plugin draws them: every series read first. */
    @Benchmark
    public List<TrendChart> jobCharts() {
        HistorySnapshot snapshot = store.snapshot();
        return TrendCharts.with(ChartSettings.defaults(), marks).job(snapshot.datasets(), all(snapshot));
    }

    /**
     * The same charts drawn dataset by dataset with the public API, so that only one dataset's series are
     * in memory at a time (what the job page could do to fit a small heap).
     */
    @Benchmark
    public List<TrendChart> jobChartsPerDataset() {
        HistorySnapshot snapshot = store.snapshot();
        TrendCharts charts = TrendCharts.with(ChartSettings.defaults(), marks);
        List<TrendChart> all = new ArrayList<>();
        for (String id : new TreeSet<>(snapshot.series().stream().map(s -> s.key().dataset()).toList())) {
            all.add(charts.dataset(snapshot.dataset(id), snapshot.readDataset(id)));
        }
        all.sort(Comparator.comparing(TrendChart::title, String.CASE_INSENSITIVE_ORDER).thenComparing(TrendChart::id));
        return all;
    }

    /** The job page's charts as the ECharts options the browser gets. */
    @Benchmark
    public String jobChartsJson() {
        return ChartJson.page(jobChartsPerDataset());
    }

    /** The built-in checks of the latest build. */
    @Benchmark
    public CheckReport checkLatestBuild() {
        return new Checker(CheckSettings.defaults()).check(store.snapshot(), latest);
    }

    private static List<Series> all(HistorySnapshot snapshot) {
        List<Series> series = new ArrayList<>();
        for (SeriesInfo info : snapshot.series()) {
            series.add(snapshot.read(info.key()));
        }
        return series;
    }
}
