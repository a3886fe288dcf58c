package dev.nightly.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.bench.check.CheckReport;
import dev.nightly.bench.check.CheckResult;
import dev.nightly.bench.check.CheckSettings;
import dev.nightly.bench.check.Checker;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.model.SeriesKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checking the newest build reads the end of each series only, and must conclude exactly as a full read. */
class RecentPointsTest {
    private static final SeriesKey KEY = SeriesKey.of("d", "time", Map.of("rows", "5"));

    @TempDir
    Path dir;

    private static BenchmarkResults night(long night, double value) {
        return new BenchmarkResults(Map.of(), List.of(new Observation(KEY, "ms",
                LocalDateTime.parse("2026-01-01T03:00:00").plusDays(night), "abcdef1", value)));
    }

    @Test
    void theNewestPointsOfAChronologicalSeriesComeFromItsEnd() {
        HistoryStore store = HistoryStore.open(dir);
        for (int night = 1; night <= 300; night++) {
            store.ingest(night, night(night, 100 + night % 7), "", null);
        }
        HistorySnapshot snapshot = store.snapshot();
        List<Point> all = snapshot.read(KEY).points();

        assertThat(snapshot.readRecent(KEY, 11).points()).isEqualTo(all.subList(289, 300));
        assertThat(snapshot.readRecent(KEY, 1).points()).containsExactly(all.get(299));
        assertThat(snapshot.readRecent(KEY, 1000).points()).isEqualTo(all);
        assertThat(snapshot.readRecent(SeriesKey.of("d", "none"), 5).points()).isEmpty();
    }

    @Test
    void aLateRowEndsTheTimeOrderAndTheSeriesIsThenReadWhole() throws Exception {
        HistoryStore store = HistoryStore.open(dir);
        for (int night = 2; night <= 20; night++) {
            store.ingest(night, night(night, 100), "", null);
        }
        assertThat(Files.readString(dir.resolve("nightly-history.json"))).contains("\"chronological\" : true");

        store.ingest(21, night(1, 400), "", null);

        assertThat(Files.readString(dir.resolve("nightly-history.json"))).contains("\"chronological\" : false");
        List<Point> recent = store.snapshot().readRecent(KEY, 3).points();
        assertThat(recent).extracting(Point::build).containsExactly(18L, 19L, 20L);
        assertThat(store.snapshot().read(KEY).points().get(0).build()).isEqualTo(21);

        // Deleting a build rewrites the file in time order, but its builds are still not ascending.
        store.removeBuild(5);
        assertThat(Files.readString(dir.resolve("nightly-history.json"))).contains("\"chronological\" : false");
        assertThat(store.snapshot().readNewestBuilds(KEY, 2).points()).extracting(Point::build).containsExactly(21L, 20L); // in time order: the late row first
    }

    @Test
    void checksOfTheNewestBuildConcludeAsOnTheWholeHistory() {
        HistoryStore store = HistoryStore.open(dir);
        List<Observation> observations = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            for (int night = 1; night <= 60; night++) {
                double value = 100 + (night * 7 + s) % 5 + (night == 60 && s % 3 == 0 ? 40 : 0);
                observations.add(new Observation(SeriesKey.of("d" + s % 2, "time", Map.of("n", Integer.toString(s))), "ms",
                        LocalDateTime.parse("2026-01-01T03:00:00").plusDays(night), "", value));
            }
        }
        store.ingest(1, new BenchmarkResults(Map.of(), observations.stream().filter(o -> o.value() < 140
                && o.time().isBefore(LocalDateTime.parse("2026-03-01T00:00:00"))).toList()), "", null);
        store.ingest(2, new BenchmarkResults(Map.of(), observations), "", null);
        Checker checker = new Checker(CheckSettings.parse("{\"checks\": [{\"series\": {\"dataset\": \"d1\"}, \"baseline\": \"previous\"}]}"));
        HistorySnapshot snapshot = store.snapshot();

        CheckReport fast = checker.check(snapshot, 2);
        List<CheckResult> full = new ArrayList<>();
        for (SeriesInfo info : snapshot.series()) {
            Series series = snapshot.read(info.key());
            full.addAll(checker.check(series, snapshot.dataset(info.key().dataset()), 2));
        }

        assertThat(fast.results()).isNotEmpty().containsExactlyInAnyOrderElementsOf(full);
        assertThat(fast.flagged()).isNotEmpty();
    }
}
