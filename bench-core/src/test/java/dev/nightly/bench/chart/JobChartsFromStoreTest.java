package dev.nightly.bench.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.bench.TestFiles;
import dev.nightly.bench.ingest.ResultsReader;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.HistoryStore;
import dev.nightly.bench.store.SeriesInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
}
