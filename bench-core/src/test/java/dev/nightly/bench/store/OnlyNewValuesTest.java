package dev.nightly.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.SeriesKey;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A HAWD export holds a dataset's whole history every night; a recording keeps only what the store does
 * not hold yet, and storing that must leave the store as storing the whole export would.
 */
class OnlyNewValuesTest {
    private static final LocalDateTime EPOCH = LocalDateTime.parse("2026-03-01T02:30:00.500");
    private static final SeriesKey QUERY = SeriesKey.of("query", "time", Map.of("rows", "100"));
    private static final SeriesKey MEMORY = SeriesKey.of("memory", "rss", Map.of());

    /** The recording's time: every value of these tests is older. */
    private static final LocalDateTime NOW = EPOCH.plusYears(1);

    @TempDir
    Path dir;

    /** What {@code hawd json} prints after {@code nights} nights, plus one value of a format without times. */
    private static BenchmarkResults export(int nights) {
        List<Observation> observations = new ArrayList<>();
        for (int night = 1; night <= nights; night++) {
            observations.add(new Observation(QUERY, "ms", EPOCH.plusDays(night), "c0ffee" + night, 10 + night % 3));
            observations.add(new Observation(MEMORY, "MB", EPOCH.plusDays(night).plusMinutes(5), "c0ffee" + night, 200 + night));
        }
        observations.add(new Observation(SeriesKey.of("jmh", "score", Map.of()), "ops/s", null, "", nights));
        return new BenchmarkResults(Map.of(), observations);
    }

    @Test
    void onlyValuesNewerThanTheStoreAreKeptAndStoringThemEqualsStoringEverything() {
        HistoryStore trimmed = HistoryStore.open(dir.resolve("trimmed"));
        HistoryStore whole = HistoryStore.open(dir.resolve("whole"));
        trimmed.ingest(1, export(10), "", EPOCH);
        whole.ingest(1, export(10), "", EPOCH);

        BenchmarkResults next = export(12).newerThan(trimmed.snapshot().lastTimes(NOW));

        // Nights 11 and 12 of both datasets, and the value without a time.
        assertThat(next.observations()).hasSize(5);
        assertThat(next.observations()).filteredOn(o -> o.time() != null).extracting(Observation::commit)
                .containsExactlyInAnyOrder("c0ffee11", "c0ffee11", "c0ffee12", "c0ffee12");
        trimmed.ingest(2, next, "", EPOCH.plusDays(12));
        whole.ingest(2, export(12), "", EPOCH.plusDays(12));
        HistorySnapshot a = trimmed.snapshot();
        HistorySnapshot b = whole.snapshot();
        assertThat(a.series()).isEqualTo(b.series());
        for (SeriesInfo info : a.series()) {
            assertThat(a.read(info.key())).isEqualTo(b.read(info.key()));
        }
    }

    @Test
    void seriesTheStoreHasNeverSeenKeepEverything() {
        HistoryStore store = HistoryStore.open(dir);
        store.ingest(1, new BenchmarkResults(Map.of(), List.of(new Observation(QUERY, "ms", EPOCH.plusDays(40), "", 1))), "", null);
        // Same dataset and measure, other parameters, measured before the stored value: a series of its own.
        SeriesKey debug = SeriesKey.of("query", "time", Map.of("rows", "100", "config", "debug"));
        List<Observation> more = new ArrayList<>(export(3).observations());
        more.add(new Observation(debug, "ms", EPOCH.plusDays(39), "", 2));

        BenchmarkResults next = new BenchmarkResults(Map.of(), more).newerThan(store.snapshot().lastTimes(NOW));

        assertThat(next.observations()).extracting(o -> o.key().dataset()).containsOnly("memory", "jmh", "query").hasSize(5);
        assertThat(next.observations()).extracting(Observation::key).contains(debug).doesNotContain(QUERY);
        assertThat(export(3).newerThan(Map.of())).isEqualTo(export(3));
    }

    @Test
    void aDeletedBuildsValuesAreOfferedAgainAndTheStoreStillKnowsThem() {
        HistoryStore store = HistoryStore.open(dir);
        store.ingest(1, export(5), "", EPOCH);
        store.ingest(2, export(6).newerThan(store.snapshot().lastTimes(NOW)), "", EPOCH);
        store.removeBuild(2);

        BenchmarkResults next = export(7).newerThan(store.snapshot().lastTimes(NOW));

        // Night 6 is offered again (its points are gone), and the store's fingerprints keep it out.
        assertThat(next.observations()).filteredOn(o -> o.time() != null).extracting(Observation::commit)
                .containsOnly("c0ffee6", "c0ffee7");
        assertThat(store.ingest(3, next, "", EPOCH.plusDays(7)).newPoints()).isEqualTo(3);
        assertThat(store.snapshot().read(QUERY).points()).extracting(Point::commit).doesNotContain("c0ffee6").contains("c0ffee7");
    }

    @Test
    void aSeriesWithAValueFromTheFutureIsOfferedWhole() {
        HistoryStore store = HistoryStore.open(dir);
        store.ingest(1, export(5), "", EPOCH);
        // A clock that was ten years ahead once.
        store.ingest(2, new BenchmarkResults(Map.of(), List.of(new Observation(QUERY, "ms", EPOCH.plusYears(10), "bad", 1))), "", null);

        BenchmarkResults next = export(6).newerThan(store.snapshot().lastTimes(NOW));

        // Its later nights are not taken for old ones: the whole series is offered, the store keeps what is new.
        assertThat(next.observations()).filteredOn(o -> o.key().equals(QUERY)).hasSize(6);
        assertThat(store.ingest(3, next, "", EPOCH.plusDays(6)).newPoints()).isEqualTo(3);
    }
}
