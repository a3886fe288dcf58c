package dev.nightly.benchmarks;

import dev.nightly.bench.chart.ChartJson;
import dev.nightly.bench.chart.ChartSettings;
import dev.nightly.bench.chart.PointMarks;
import dev.nightly.bench.chart.TrendChart;
import dev.nightly.bench.chart.TrendCharts;
import dev.nightly.bench.check.CheckReport;
import dev.nightly.bench.check.CheckSettings;
import dev.nightly.bench.check.Checker;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.HistoryStore;
import java.util.List;
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

    /** The charts of the dataset with the most series (60), 1,000 points a line, as one dataset's page draws them. */
    @Benchmark
    public List<TrendChart> datasetChart() {
        return TrendCharts.with(ChartSettings.defaults(), marks).datasetByUnit(store.snapshot(), dataset);
    }

    /**
     * The charts of every dataset (the job page) as the plugin draws them: the job page's settings (fewer
     * points per line), one dataset's series in memory at a time.
     */
    @Benchmark
    public List<TrendChart> jobCharts() {
        return TrendCharts.with(ChartSettings.jobPage(), marks).job(store.snapshot());
    }

    /**
     * The job page as the Jenkins plugin opens it by default: the newest 50 builds, marks of the latest
     * build (by key), as ECharts JSON. Reads only the ends of the series files.
     */
    @Benchmark
    public String jobChartsNewest50Json() {
        return ChartJson.page(TrendCharts.with(ChartSettings.jobPage().withMaxBuilds(50), marks).job(store.snapshot()));
    }

    /** The job page's charts as the ECharts options the browser gets. */
    @Benchmark
    public String jobChartsJson() {
        return ChartJson.page(jobCharts());
    }

    /** The built-in checks of the latest build. */
    @Benchmark
    public CheckReport checkLatestBuild() {
        return new Checker(CheckSettings.defaults()).check(store.snapshot(), latest);
    }
}
