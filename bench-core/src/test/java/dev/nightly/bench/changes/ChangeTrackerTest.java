package dev.nightly.bench.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.SeriesKey;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.HistoryStore;
import dev.nightly.bench.store.SeriesInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeTrackerTest {
    static final SeriesKey QUERY = SeriesKey.of("mail_query", "queryTime", Map.of("rows", "5000"));
    static final String ID = "mail_query/queryTime{rows=5000}";
    private static final Instant NOON = Instant.parse("2026-11-28T12:00:00Z");

    @TempDir
    Path dir;

    /** Ingests values[i] as build i + 1, commit c(i + 1), one night apart. */
    static HistoryStore store(Path dir, double[] values) {
        HistoryStore store = HistoryStore.open(dir);
        ingest(store, values, 0, values.length);
        return store;
    }

    static void ingest(HistoryStore store, double[] values, int from, int to) {
        LocalDateTime night = LocalDateTime.of(2026, 6, 1, 3, 0);
        for (int i = from; i < to; i++) {
            store.ingest(i + 1, new BenchmarkResults(Map.of(), List.of(
                    new Observation(QUERY, "ms", night.plusDays(i), "c" + (i + 1), values[i], Double.NaN))), "", null);
        }
    }

    static double[] stepAt(int size, int step, double factor, long seed) {
        double[] values = ChangeDetectorTest.noise(size, 200, 0.02, seed);
        for (int i = step - 1; i < size; i++) {
            values[i] *= factor;
        }
        return values;
    }

    @Test
    void listsChangePointsWithWhatWasDecidedAboutThem() {
        HistorySnapshot snapshot = store(dir, stepAt(40, 25, 1.2, 1)).snapshot();
        ChangeTracker tracker = ChangeTracker.withDefaults();
        List<TrackedChange> changes = tracker.list(snapshot);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.change().build()).isEqualTo(25);
            assertThat(c.change().firstAfter().commit()).isEqualTo("c25");
            assertThat(c.status()).isEqualTo(ChangeStatus.OPEN);
            assertThat(c.isOpenRegression()).isTrue();
        });

        Acknowledgement ack = tracker.acknowledge(snapshot, ID, 26, AckStatus.BUG, "https://bugs.example.org/42", "anna", NOON);
        assertThat(ack.build()).isEqualTo(25);
        assertThat(tracker.list(snapshot)).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(ChangeStatus.KNOWN_BUG);
            assertThat(c.acknowledgement()).contains(ack);
            assertThat(c.isOpenRegression()).isTrue();
        });
        // The latest decision about a change point wins.
        tracker.acknowledge(snapshot, ID, 25, AckStatus.EXPECTED, "new index", "ben", NOON.plusSeconds(60));
        assertThat(tracker.list(snapshot)).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(ChangeStatus.EXPECTED);
            assertThat(c.acknowledgement().orElseThrow().user()).isEqualTo("ben");
        });
        assertThat(Acknowledgements.read(dir).all()).hasSize(1);
        // The store knows the file as its own and keeps taking builds.
        assertThat(HistoryStore.open(dir).verify()).isEmpty();
        ingest(HistoryStore.open(dir), stepAt(41, 25, 1.2, 1), 40, 41);
    }

    @Test
    void refusesToAcknowledgeWhatIsNotThere() {
        HistorySnapshot snapshot = store(dir, stepAt(40, 25, 1.2, 2)).snapshot();
        ChangeTracker tracker = ChangeTracker.withDefaults();
        assertThatThrownBy(() -> tracker.acknowledge(snapshot, ID, 10, AckStatus.EXPECTED, "", "anna", NOON))
                .isInstanceOf(BadInputException.class)
                .hasMessage("series " + ID + " has no change point at build 10; its change points are at builds 25");
        assertThatThrownBy(() -> tracker.acknowledge(snapshot, "nope/x", 25, AckStatus.EXPECTED, "", "anna", NOON))
                .isInstanceOf(BadInputException.class).hasMessageContaining("series nope/x is not in");
        assertThat(dir.resolve(Acknowledgements.FILE_NAME)).doesNotExist();
    }

    @Test
    void aLineCutShortByACrashIsIgnoredAndWrittenOver() throws Exception {
        Path file = dir.resolve(Acknowledgements.FILE_NAME);
        Acknowledgement first = new Acknowledgement(ID, 12, AckStatus.EXPECTED, "new index", "anna", NOON);
        Acknowledgements.append(dir, first);
        Files.writeString(file, "{\"series\":\"mail_query/x\",\"bu", StandardOpenOption.APPEND);
        assertThat(Acknowledgements.read(dir).all()).containsExactly(first);

        Acknowledgement second = new Acknowledgement(ID, 40, AckStatus.NO_CHANGE, "machine swap", "ben", NOON);
        Acknowledgements.append(dir, second);
        assertThat(Acknowledgements.read(dir).all()).containsExactly(first, second);
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(2);
    }

    @Test
    void aDamagedLineIsRefusedWithItsPlace() throws Exception {
        Acknowledgements.append(dir, new Acknowledgement(ID, 12, AckStatus.EXPECTED, "", "anna", NOON));
        Files.writeString(dir.resolve(Acknowledgements.FILE_NAME),
                "{\"series\":\"a/b\",\"build\":3,\"status\":\"maybe\",\"time\":\"2026-11-28T12:00:00Z\"}\n", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> Acknowledgements.read(dir)).isInstanceOf(BadInputException.class)
                .hasMessage(dir.resolve(Acknowledgements.FILE_NAME) + ": line 2: acknowledgement status must be expected, bug or no-change, found \"maybe\"");
    }

    /** Noise around 200 with a step of +20% at build 61 and to +45% at build 201. */
    private static double[] twoSteps(int size, long seed) {
        double[] values = ChangeDetectorTest.noise(size, 200, 0.02, seed);
        for (int i = 60; i < values.length; i++) {
            values[i] *= i < 200 ? 1.2 : 1.45;
        }
        return values;
    }

    @Test
    void theNewestNightSearchesOnlyItsWindowAndAgreesWithAWholeSearch() throws Exception {
        // 260 nights: a step at 61 and at 201; the cache carries the search from night to night.
        double[] values = twoSteps(260, 3);
        HistoryStore store = HistoryStore.open(dir);
        ChangeTracker tracker = ChangeTracker.withDefaults();
        ChangeTracker.Nights nights = null;
        for (int n = 1; n <= values.length; n++) {
            ingest(store, values, n - 1, n);
            HistorySnapshot snapshot = store.snapshot();
            SeriesInfo info = snapshot.series().get(0);
            try (ChangeTracker.Session session = tracker.session(snapshot)) {
                nights = session.nights(info, n).orElseThrow();
            }
        }
        assertThat(dir.resolve(ChangeCache.FILE_NAME)).exists();
        List<TrackedChange> whole = tracker.list(store.snapshot());
        assertThat(nights.tonight()).isEqualTo(whole);
        assertThat(whole).extracting(c -> c.change().build()).containsExactly(61L, 201L);
        // The cache's state is that of the night before: it reaches back less than a window.
        String cache = Files.readString(dir.resolve(ChangeCache.FILE_NAME));
        assertThat(cache).contains("\"size\":258");

        // A damaged cache is only rebuilt.
        Files.writeString(dir.resolve(ChangeCache.FILE_NAME), "{not json");
        try (ChangeTracker.Session session = tracker.session(store.snapshot())) {
            assertThat(session.nights(store.snapshot().series().get(0), 260).orElseThrow().tonight()).isEqualTo(whole);
        }
    }

    @Test
    void aNightCheckedAfterTheNightBeforeSearchesItsOpenWindowOnceAndFindsWhatAFullSearchFinds() throws Exception {
        // A regression at build 61 stays open from when it is found to the last night; the first window fills at 100.
        double[] values = stepAt(130, 61, 1.3, 7);
        HistoryStore store = HistoryStore.open(dir);
        ChangeTracker tracker = ChangeTracker.withDefaults();
        int openNights = 0;
        for (int n = 1; n <= values.length; n++) {
            ingest(store, values, n - 1, n);
            HistorySnapshot snapshot = store.snapshot();
            SeriesInfo info = snapshot.series().get(0);
            long before = tracker.detector().searches();
            ChangeTracker.Nights nights;
            try (ChangeTracker.Session session = tracker.session(snapshot)) {
                nights = session.nights(info, n).orElseThrow();
            }
            long searches = tracker.detector().searches() - before;
            if (n >= 2 * ChangeSettings.defaults().minSegment()) {
                // The open window; on the night the first window fills, that window too.
                assertThat(searches).as("searches on night %d", n).isEqualTo(n == 100 ? 2 : 1);
            }
            assertThat(nights).isEqualTo(searchedWhole(tracker, snapshot, n));
            openNights += nights.tonight().stream().anyMatch(TrackedChange::isOpenRegression) ? 1 : 0;
        }
        assertThat(openNights).isGreaterThan(20);

        // The cache is a side file of the store: the store with it verifies, and a repair keeps it as it is.
        Path cache = dir.resolve(ChangeCache.FILE_NAME);
        String text = Files.readString(cache);
        assertThat(dev.nightly.bench.store.StoreVerifier.verify(dir).isSound()).isTrue();
        dev.nightly.bench.store.StoreRepair.repair(dir);
        assertThat(Files.readString(cache)).isEqualTo(text);

        // An entry changed behind the cache's back (here: a p-value) is not trusted: all three nights are searched again.
        assertThat(text).contains("\"p\":0.001");
        Files.writeString(cache, text.replace("\"p\":0.001", "\"p\":0.5"));
        HistorySnapshot snapshot = store.snapshot();
        long before = tracker.detector().searches();
        ChangeTracker.Nights nights;
        try (ChangeTracker.Session session = tracker.session(snapshot)) {
            nights = session.nights(snapshot.series().get(0), values.length).orElseThrow();
        }
        // The first window (it filled at 100), then tonight, last night and the night before.
        assertThat(tracker.detector().searches() - before).isEqualTo(4);
        assertThat(nights).isEqualTo(searchedWhole(tracker, snapshot, values.length));
    }

    /** The nights of build {@code n} as whole searches of the series up to it, without any cache. */
    private static ChangeTracker.Nights searchedWhole(ChangeTracker tracker, HistorySnapshot snapshot, int n) {
        dev.nightly.bench.model.Series all = snapshot.read(QUERY);
        List<TrackedChange> tonight = tracker.list(snapshot, upTo(all, n));
        if (tonight.stream().noneMatch(TrackedChange::isOpenRegression)) {
            return new ChangeTracker.Nights(tonight, List.of(), List.of());
        }
        return new ChangeTracker.Nights(tonight, tracker.list(snapshot, upTo(all, n - 1)), tracker.list(snapshot, upTo(all, n - 2)));
    }

    private static dev.nightly.bench.model.Series upTo(dev.nightly.bench.model.Series series, int size) {
        return new dev.nightly.bench.model.Series(series.key(), series.unit(), series.points().subList(0, size));
    }

    @Test
    void aListingAfterTheChecksTakesFromTheCacheWhatAWholeSearchLists() throws Exception {
        double[] values = twoSteps(280, 5);
        HistoryStore store = HistoryStore.open(dir);
        ingest(store, values, 0, 270);
        ChangeTracker tracker = ChangeTracker.withDefaults();
        try (ChangeTracker.Session session = tracker.session(store.snapshot())) {
            session.nights(store.snapshot().series().get(0), 270).orElseThrow();
        }
        String cached = Files.readString(dir.resolve(ChangeCache.FILE_NAME));
        assertThat(cached).contains("\"size\":268");
        // The cache is from two nights before this one, then from twelve before (nights stored since, unchecked).
        for (int upTo : new int[] {270, 280}) {
            ingest(store, values, 270, upTo);
            HistorySnapshot snapshot = store.snapshot();
            List<TrackedChange> whole = tracker.list(snapshot);
            assertThat(whole).extracting(c -> c.change().build()).containsExactly(61L, 201L);
            assertThat(ChangeListing.of(snapshot, ChangeSettings.defaults(), Directions.FROM_UNIT).of(snapshot.series().get(0)))
                    .isEqualTo(whole);
            assertThat(Files.readString(dir.resolve(ChangeCache.FILE_NAME))).isEqualTo(cached);
        }
        // Without a cache, and with one that cannot be read, the series is searched whole.
        for (String cache : new String[] {null, "{not json"}) {
            if (cache == null) {
                Files.delete(dir.resolve(ChangeCache.FILE_NAME));
            } else {
                Files.writeString(dir.resolve(ChangeCache.FILE_NAME), cache);
            }
            HistorySnapshot snapshot = store.snapshot();
            assertThat(ChangeListing.of(snapshot, ChangeSettings.defaults(), Directions.FROM_UNIT).of(snapshot.series().get(0)))
                    .isEqualTo(tracker.list(snapshot));
        }
    }
}
