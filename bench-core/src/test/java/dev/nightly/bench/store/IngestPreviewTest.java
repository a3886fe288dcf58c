package dev.nightly.bench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.bench.TestFiles;
import dev.nightly.bench.ingest.ResultsReader;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HistoryStore#preview}: what an ingest would do, worked out the same way, with nothing written. */
class IngestPreviewTest {
    @TempDir
    Path dir;

    private static BenchmarkResults night(int night) {
        return ResultsReader.create().withDefinitions(TestFiles.hawdDefinitions()).read(List.of(TestFiles.hawdNight(night)));
    }

    @Test
    void thePreviewCountsWhatTheIngestThenDoes() {
        Path history = dir.resolve("history");
        HistoryStore store = HistoryStore.open(history);
        store.ingest(1, night(1), "", null);
        store.ingest(2, night(2), "", null);

        IngestPreview preview = HistoryStore.preview(history, 3, night(3), "", null);
        IngestSummary done = store.ingest(3, night(3), "", null);

        assertThat(preview.summary()).isEqualTo(done);
        assertThat(preview.series()).hasSize(4).allSatisfy(s -> {
            assertThat(s.newSeries()).isFalse();
            assertThat(s.points()).hasSize(1);
        });
    }

    @Test
    void aMissingStoreStaysMissingAndADirectoryOfOtherFilesIsRefusedAsTheIngestWould() throws Exception {
        Path missing = dir.resolve("missing");
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "not a store");

        IngestPreview preview = HistoryStore.preview(missing, 1, night(1), "", null);

        assertThat(preview.summary().newSeries()).isEqualTo(4);
        assertThat(missing).doesNotExist();
        assertThatThrownBy(() -> HistoryStore.preview(other, 1, night(1), "", null)).isInstanceOf(BadInputException.class)
                .hasMessage(other + ": not a history store (no nightly-history.json) and not empty (holds notes.txt); give an empty or new directory");
    }
}
