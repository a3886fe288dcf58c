package dev.nightly.bench.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.bench.TestFiles;
import dev.nightly.bench.ingest.ResultsReader;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.HistoryStore;
import dev.nightly.bench.store.SeriesInfo;
import dev.nightly.bench.store.StoreDamagedException;
import dev.nightly.bench.check.CheckSettings;
import dev.nightly.bench.check.Checker;
import dev.nightly.bench.check.Verdict;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Bounds;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.SeriesKey;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobChartsFromStoreTest {
    @TempDir
    Path dir;

    @Test
    void readingDatasetByDatasetDrawsTheSameChartsAsReadingEverything() {
        HistoryStore store = HistoryStore.open(dir);
        store.ingest(1, ResultsReader.create().withDefinitions(TestFiles.hawdDefinitions())
                .read(List.of(TestFiles.hawdNight(4), TestFiles.resource("hawd/nights/buffer_creation.json"))), "", null);
        HistorySnapshot snapshot = store.snapshot();
        List<Series> all = new ArrayList<>();
        for (SeriesInfo info : snapshot.series()) {
            all.add(snapshot.read(info.key()));
        }
        TrendCharts charts = TrendCharts.with(ChartSettings.jobPage());

        List<TrendChart> byDataset = charts.job(snapshot);

        assertThat(byDataset).extracting(TrendChart::id).containsExactly("buffer_creation", "buffer_creation", "mail_query", "mail_query");
        assertThat(ChartJson.page(byDataset)).isEqualTo(ChartJson.page(charts.job(snapshot.datasets(), all)));
    }

    /**
     * A store's charts are drawn from columns (builds and values, whole points only where shown); they must
     * be exactly the charts drawn from the series' points, whatever the settings and marks.
     */
    @Test
    void chartsFromColumnsAreTheChartsFromPoints() {
        HistoryStore store = HistoryStore.open(dir);
        DatasetInfo bounded = new DatasetInfo("mem", "Memory", "", Map.of("rss", new Bounds(null, 130.0)));
        Random random = new Random(5);
        LocalDateTime epoch = LocalDateTime.parse("2025-03-01T02:00:00.250");
        for (int night = 1; night <= 400; night++) {
            List<Observation> observations = new ArrayList<>();
            for (int rows : new int[] {10, 100, 1000}) {
                observations.add(new Observation(SeriesKey.of("query", "time", Map.of("rows", Integer.toString(rows))), "ms",
                        epoch.plusDays(night), Integer.toHexString(0xabc000 + night), rows * (1 + random.nextGaussian() * 0.05)));
            }
            observations.add(new Observation(SeriesKey.of("query", "ops", Map.of()), "ops/s", epoch.plusDays(night), "",
                    Math.round(5000 + random.nextGaussian() * 100), random.nextDouble()));
            observations.add(new Observation(SeriesKey.of("mem", "rss", Map.of()), "MB", epoch.plusDays(night), "",
                    100 + night % 40 + (night % 37 == 0 ? 0.125 : 0)));
            store.ingest(night, new BenchmarkResults(Map.of("mem", bounded), observations), "", null);
        }
        // A late row: one series is no longer in time order in its file and is read the general way.
        store.ingest(401, new BenchmarkResults(Map.of(), List.of(new Observation(SeriesKey.of("mem", "rss", Map.of()), "MB",
                epoch, "", 90))), "", null);
        HistorySnapshot snapshot = store.snapshot();
        List<Series> all = new ArrayList<>();
        for (SeriesInfo info : snapshot.series()) {
            all.add(snapshot.read(info.key()));
        }
        Checker checker = new Checker(CheckSettings.defaults());
        PointMarks latest = PointMarks.of(checker.check(snapshot, 400));
        List<PointMarks> marks = List.of(PointMarks.none(), latest, new HistoryMarks(checker, snapshot.datasets(), 100),
                latest.and(series -> List.of(new PointMark(series.points().get(3).build(), Verdict.REGRESSED, "third"))));
        ChartSettings few = ChartSettings.defaults().withMaxPointsPerSeries(120);
        List<ChartSettings> settings = List.of(few, ChartSettings.jobPage().withMaxBuilds(350),
                few.withXAxis(XAxis.TIME).withMaxMarksPerSeries(5), ChartSettings.defaults());

        for (PointMarks mark : marks) {
            for (ChartSettings setting : settings) {
                TrendCharts charts = TrendCharts.with(setting, mark);
                String fromPoints = ChartJson.page(charts.job(snapshot.datasets(), all));
                assertThat(ChartJson.page(charts.job(snapshot))).as("%s", setting).isEqualTo(fromPoints);
                assertThat(ChartJson.page(charts.job(snapshot, 2))).as("two threads, %s", setting).isEqualTo(fromPoints);
                assertThat(ChartJson.page(charts.datasetByUnit(snapshot, "query")))
                        .isEqualTo(ChartJson.page(charts.datasetByUnit(snapshot.dataset("query"), snapshot.readDataset("query"))));
            }
        }
        // Not vacuous: lines are down-sampled, marked and bounded.
        List<TrendChart> drawn = TrendCharts.with(few, latest).job(snapshot);
        assertThat(drawn).flatExtracting(TrendChart::lines).anyMatch(TrendLine::isDownSampled)
                .anyMatch(line -> !line.marks().isEmpty()).anyMatch(line -> !line.drawnBounds().isNone());
    }

    /**
     * Charts of the newest builds read only the ends of the series files; they must be the charts drawn
     * from every point, also when one build holds a whole imported history and another series had a late
     * row, and whatever the number of builds shown.
     */
    @Test
    void chartsOfTheNewestBuildsFromTheEndsOfTheFilesAreTheChartsFromEveryPoint() {
        HistoryStore store = HistoryStore.open(dir);
        LocalDateTime epoch = LocalDateTime.parse("2024-01-01T02:00:00");
        SeriesKey time = SeriesKey.of("query", "time", Map.of());
        SeriesKey ops = SeriesKey.of("query", "ops", Map.of());
        SeriesKey rss = SeriesKey.of("mem", "rss", Map.of());
        // Build 1 imports 200 nights of history at once; builds 2 to 60 add a night each.
        List<Observation> imported = new ArrayList<>();
        for (int night = 1; night <= 200; night++) {
            imported.add(new Observation(time, "ms", epoch.plusDays(night), "", 10 + night % 7));
            imported.add(new Observation(rss, "MB", epoch.plusDays(night), "", 100 + night % 5));
        }
        store.ingest(1, new BenchmarkResults(Map.of(), imported), "", null);
        for (int build = 2; build <= 60; build++) {
            LocalDateTime at = epoch.plusDays(199 + build);
            List<Observation> night = new ArrayList<>(List.of(new Observation(time, "ms", at, "", 10 + build % 3),
                    new Observation(rss, "MB", at, "", 100 + build % 4)));
            if (build % 3 != 0) {
                night.add(new Observation(ops, "ops/s", at, "", 1000 + build)); // not every night
            }
            if (build == 30) {
                night.add(new Observation(rss, "MB", epoch.plusDays(50).plusHours(1), "", 300)); // a late row
            }
            store.ingest(build, new BenchmarkResults(Map.of(), night), "", null);
        }
        HistorySnapshot snapshot = store.snapshot();
        List<Series> all = new ArrayList<>();
        for (SeriesInfo info : snapshot.series()) {
            all.add(snapshot.read(info.key()));
        }
        PointMarks latest = PointMarks.of(new Checker(CheckSettings.defaults()).check(snapshot, 60));

        for (int builds : new int[] {1, 2, 5, 20, 58, 59, 60, 61, 500}) {
            for (PointMarks marks : List.of(PointMarks.none(), latest)) {
                TrendCharts charts = TrendCharts.with(ChartSettings.defaults().withMaxBuilds(builds).withMaxPointsPerSeries(50), marks);
                assertThat(ChartJson.page(charts.job(snapshot))).as("%d builds", builds)
                        .isEqualTo(ChartJson.page(charts.job(snapshot.datasets(), all)));
            }
        }
        // Not vacuous: the newest 61 builds include the imported build with its 200 nights.
        List<TrendChart> drawn = TrendCharts.with(ChartSettings.defaults().withMaxBuilds(61)).job(snapshot);
        assertThat(drawn).flatExtracting(TrendChart::lines).anyMatch(line -> line.sourcePoints() > 200);
    }

    /** Charts made on two threads: a damaged series fails the whole job with the store's message, whichever thread read it. */
    @Test
    void aDamagedSeriesFailsChartsMadeOnTwoThreads() throws Exception {
        HistoryStore store = HistoryStore.open(dir);
        LocalDateTime epoch = LocalDateTime.parse("2025-03-01T02:00:00");
        for (int night = 1; night <= 30; night++) {
            List<Observation> observations = new ArrayList<>();
            for (String dataset : List.of("alpha", "beta", "gamma")) {
                observations.add(new Observation(SeriesKey.of(dataset, "time", Map.of()), "ms", epoch.plusDays(night), "", night));
            }
            store.ingest(night, new BenchmarkResults(Map.of(), observations), "", null);
        }
        for (String dataset : List.of("alpha", "beta", "gamma")) {
            HistorySnapshot snapshot = store.snapshot();
            Path file;
            try (var files = java.nio.file.Files.list(dir.resolve("series"))) {
                file = files.filter(f -> f.getFileName().toString().startsWith(dataset + "-") && f.toString().endsWith(".tsv"))
                        .findFirst().orElseThrow();
            }
            byte[] kept = java.nio.file.Files.readAllBytes(file);
            // A line that no reader takes: the build is not a number.
            java.nio.file.Files.write(file, new String(kept, java.nio.charset.StandardCharsets.UTF_8).replaceFirst("^1\t", "x\t")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try {
                assertThatThrownBy(() -> TrendCharts.with(ChartSettings.defaults()).job(snapshot, 2))
                        .isInstanceOf(StoreDamagedException.class).hasMessageContaining(file.getFileName().toString())
                        .hasMessageContaining("line 1");
            }
            finally {
                java.nio.file.Files.write(file, kept);
            }
        }
    }
}
