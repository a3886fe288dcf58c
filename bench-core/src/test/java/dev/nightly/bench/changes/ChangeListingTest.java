package dev.nightly.bench.changes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.bench.model.Direction;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.HistoryStore;
import dev.nightly.bench.store.SeriesInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeListingTest {
    @TempDir
    Path dir;

    /** 260 nights with a step at 61 and at 201, checked night by night (which keeps the change point cache). */
    private HistoryStore checkedNightByNight() {
        double[] values = ChangeDetectorTest.noise(260, 200, 0.02, 3);
        for (int i = 60; i < values.length; i++) {
            values[i] *= i < 200 ? 1.2 : 1.45;
        }
        HistoryStore store = HistoryStore.open(dir);
        ChangeTracker tracker = ChangeTracker.withDefaults();
        for (int n = 1; n <= values.length; n++) {
            ChangeTrackerTest.ingest(store, values, n - 1, n);
            HistorySnapshot snapshot = store.snapshot();
            try (ChangeTracker.Session session = tracker.session(snapshot)) {
                session.nights(snapshot.series().get(0), n).orElseThrow();
            }
        }
        return store;
    }

    private static ChangeListing listing(HistorySnapshot snapshot) {
        return ChangeListing.of(snapshot, ChangeSettings.defaults(), Directions.FROM_UNIT);
    }

    @Test
    void listsWhatTheTrackerFindsWithTheDecisionsAndWritesNothing() throws IOException {
        HistoryStore store = checkedNightByNight();
        HistorySnapshot snapshot = store.snapshot();
        ChangeTracker tracker = ChangeTracker.withDefaults();
        tracker.acknowledge(snapshot, ChangeTrackerTest.ID, 61, AckStatus.EXPECTED, "new index", "anna",
                Instant.parse("2026-11-28T12:00:00Z"));
        assertThat(dir.resolve(ChangeCache.FILE_NAME)).exists();
        Map<String, String> before = files();

        List<TrackedChange> listed = listing(snapshot).all();
        assertThat(listed).isEqualTo(tracker.list(snapshot));
        assertThat(listed).extracting(c -> c.change().build()).containsExactly(61L, 201L);
        assertThat(listed).extracting(TrackedChange::status).containsExactly(ChangeStatus.EXPECTED, ChangeStatus.OPEN);
        assertThat(listing(snapshot).of(ChangeTrackerTest.QUERY)).isEqualTo(listed);
        assertThat(files()).isEqualTo(before);

        // Without a cache the series is searched whole, and still no cache is written.
        Files.delete(dir.resolve(ChangeCache.FILE_NAME));
        before = files();
        assertThat(listing(snapshot).all()).isEqualTo(listed);
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void startsFromTheCachedSearchInsteadOfSearchingTheHistoryAgain() {
        HistorySnapshot snapshot = checkedNightByNight().snapshot();
        SeriesInfo info = snapshot.series().get(0);
        ChangeCache cache = ChangeCache.open(dir, ChangeSettings.defaults());
        ChangeState state = cache.get(info.key(), info.unit(), Direction.LOWER_IS_BETTER).orElseThrow().state();
        // The cached search confirmed the step at 61 (it lies a full window back). Mark it so that only a
        // listing that took it from the cache can report it: a whole search finds p = 0.001.
        assertThat(state.confirmed()).extracting(ChangePoint::build).containsExactly(61L);
        ChangePoint confirmed = state.confirmed().get(0);
        ChangePoint marked = new ChangePoint(confirmed.key(), confirmed.unit(), confirmed.index(), confirmed.lastBefore(),
                confirmed.firstAfter(), confirmed.levelBefore(), confirmed.levelAfter(), 0.0123, confirmed.direction());
        cache.put(info.key(), Direction.LOWER_IS_BETTER,
                new ChangeState(state.size(), state.windowStart(), state.windowStartBuild(), List.of(marked)), OpenWindows.empty());
        cache.save();

        List<ChangePoint> listed = listing(snapshot).changePoints(info);
        assertThat(listed).extracting(ChangePoint::build).containsExactly(61L, 201L);
        assertThat(listed.get(0).pValue()).isEqualTo(0.0123);

        // A cache made for the other direction does not fit: the series is searched whole.
        ChangeListing higher = ChangeListing.of(snapshot, ChangeSettings.defaults(), (key, unit) -> Direction.HIGHER_IS_BETTER);
        assertThat(higher.changePoints(info)).extracting(ChangePoint::pValue).doesNotContain(0.0123);
        assertThat(higher.changePoints(info)).extracting(ChangePoint::build).containsExactly(61L, 201L);
    }

    @Test
    void aSeriesRewrittenSinceTheCacheIsSearchedWhole() {
        HistoryStore store = checkedNightByNight();
        // Deleting build 150 moves every later point one place: the cached window no longer fits.
        assertThat(store.removeBuild(150)).isEqualTo(1);
        HistorySnapshot snapshot = store.snapshot();
        assertThat(listing(snapshot).all()).isEqualTo(ChangeTracker.withDefaults().list(snapshot));
    }

    /** Every file of the store with its size and modification time. */
    private Map<String, String> files() throws IOException {
        Map<String, String> files = new TreeMap<>();
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(paths::add);
        }
        for (Path path : paths) {
            files.put(dir.relativize(path).toString(), Files.size(path) + "@" + Files.getLastModifiedTime(path).toMillis());
        }
        return files;
    }
}
