package dev.nightly.bench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.SeriesKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build is never merged into another in silence, and a flood of new series is refused before writing. */
class IngestPolicyTest {
    private static final LocalDateTime NIGHT = LocalDateTime.of(2026, 11, 20, 3, 0);

    @TempDir
    Path dir;

    private static BenchmarkResults night(int day, int series) {
        List<Observation> observations = new ArrayList<>();
        for (int i = 0; i < series; i++) {
            observations.add(new Observation(SeriesKey.of("d", "m", Map.of("run", Integer.toString(i))), "ms",
                    NIGHT.plusDays(day), "abc" + day, 10 + day));
        }
        return new BenchmarkResults(Map.of(), observations);
    }

    private static IngestPolicy strict() {
        return new IngestPolicy(true, IngestPolicy.DEFAULT_MAX_NEW_SERIES, "night.json");
    }

    @Test
    void aBuildThatAlreadyHoldsValuesIsStoredWithAWarningOrRefusedWhenStrict() throws Exception {
        HistoryStore store = HistoryStore.open(dir);
        assertThat(store.ingest(2, night(1, 3), "", null).warnings()).isEmpty();
        byte[] manifest = Files.readAllBytes(dir.resolve("nightly-history.json"));

        assertThatThrownBy(() -> store.ingest(2, night(2, 3), "", null, strict()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("night.json: build 2 already holds values; refused (--strict), nothing was stored");
        assertThat(Files.readAllBytes(dir.resolve("nightly-history.json"))).isEqualTo(manifest);

        IngestSummary merged = store.ingest(2, night(2, 3), "", null);
        assertThat(merged.newPoints()).isEqualTo(3);
        assertThat(merged.warnings()).containsExactly("build 2 already holds values; the new ones are added to them");
    }

    @Test
    void anOlderBuildIsStoredWithAWarningOrRefusedWhenStrict() {
        HistoryStore store = HistoryStore.open(dir);
        store.ingest(5, night(1, 2), "", null);

        assertThatThrownBy(() -> store.ingest(4, night(2, 2), "", null, strict()))
                .hasMessage("night.json: build 4 is older than the newest build in the store, 5; refused (--strict), nothing was stored");
        assertThat(store.ingest(4, night(2, 2), "", null).warnings())
                .containsExactly("build 4 is older than the newest build in the store, 5; its values are stored among later builds");
    }

    @Test
    void ingestingTheSameFileAgainOrANewerBuildWarnsOfNothing() {
        HistoryStore store = HistoryStore.open(dir);
        store.ingest(1, night(1, 2), "", null, strict());

        assertThat(store.ingest(1, night(1, 2), "", null, strict()).newPoints()).isZero();
        assertThat(store.ingest(2, night(2, 2), "", null, strict()).warnings()).isEmpty();
    }

    @Test
    void moreNewSeriesThanAllowedAreRefusedBeforeAnythingIsWritten() throws Exception {
        HistoryStore store = HistoryStore.open(dir);
        byte[] manifest = Files.readAllBytes(dir.resolve("nightly-history.json"));

        assertThatThrownBy(() -> store.ingest(1, night(1, 10_001), "", null))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("the results: would create 10001 new series, more than 10000")
                .hasMessageContaining("--max-new-series");
        assertThat(Files.readAllBytes(dir.resolve("nightly-history.json"))).isEqualTo(manifest);
        assertThat(dir.resolve("series")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());

        assertThat(store.ingest(1, night(1, 10_001), "", null, new IngestPolicy(false, 20_000, "x")).newSeries()).isEqualTo(10_001);
        assertThatThrownBy(() -> store.ingest(2, night(2, 10_005), "", null, new IngestPolicy(false, 3, "x")))
                .hasMessageStartingWith("x: would create 4 new series, more than 3");
    }
}
