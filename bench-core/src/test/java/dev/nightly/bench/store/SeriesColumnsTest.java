package dev.nightly.bench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.model.SeriesColumns;
import dev.nightly.bench.model.SeriesKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a series as columns (what charts do) must give what reading its points gives. */
class SeriesColumnsTest {
    private static final LocalDateTime EPOCH = LocalDateTime.parse("2026-01-01T03:00:00.125");
    private static final SeriesKey PLAIN = SeriesKey.of("d", "time", Map.of("rows", "5"));
    private static final SeriesKey WITH_ERROR = SeriesKey.of("d", "score", Map.of());
    private static final SeriesKey LATE = SeriesKey.of("e", "time", Map.of());

    @TempDir
    Path dir;

    /** Values of every form the codec writes: integers, decimals, exponents, negatives, zeros of both signs. */
    private static double value(Random random, int night) {
        return switch (night % 6) {
            case 0 -> random.nextInt(1000);
            case 1 -> random.nextGaussian() * 1e-9;
            case 2 -> -random.nextDouble() * 100;
            case 3 -> random.nextDouble() * 1e20;
            case 4 -> night % 12 == 4 ? -0.0 : 0.0;
            default -> Math.round(random.nextDouble() * 1e6) / 1000.0;
        };
    }

    private HistoryStore storeOfNights(int nights) {
        HistoryStore store = HistoryStore.open(dir);
        Random random = new Random(11);
        for (int night = 1; night <= nights; night++) {
            LocalDateTime time = EPOCH.plusDays(night);
            String commit = night % 5 == 0 ? "" : Integer.toHexString(0x10000 + night);
            store.ingest(night, new BenchmarkResults(Map.of(), List.of(
                    new Observation(PLAIN, "ms", time, commit, value(random, night)),
                    new Observation(WITH_ERROR, "ops/s", time, commit, value(random, night + 1), random.nextDouble()),
                    new Observation(LATE, "ms", time, commit, night))), "", null);
        }
        return store;
    }

    private static void assertSame(SeriesColumns columns, Series series) {
        assertThat(columns.key()).isEqualTo(series.key());
        assertThat(columns.unit()).isEqualTo(series.unit());
        assertThat(columns.size()).isEqualTo(series.points().size());
        for (int i = 0; i < columns.size(); i++) {
            Point point = series.points().get(i);
            assertThat(columns.build(i)).isEqualTo(point.build());
            assertThat(Double.doubleToRawLongBits(columns.value(i))).as("value %d", i)
                    .isEqualTo(Double.doubleToRawLongBits(point.value()));
            assertThat(columns.point(i)).isEqualTo(point);
        }
        assertThat(columns.toSeries()).isEqualTo(series);
    }

    @Test
    void columnsOfEverySeriesAgreeWithItsPoints() {
        HistoryStore store = storeOfNights(240);
        // A late row: series e is no longer in time order in its file.
        store.ingest(241, new BenchmarkResults(Map.of(), List.of(new Observation(LATE, "ms", EPOCH, "abc123", 7))), "", null);
        HistorySnapshot snapshot = store.snapshot();

        for (SeriesKey key : List.of(PLAIN, WITH_ERROR, LATE)) {
            assertSame(snapshot.readColumns(key), snapshot.read(key));
        }
        assertThat(snapshot.readColumns(LATE).build(0)).isEqualTo(241);
        assertThat(snapshot.readDatasetColumns("d")).extracting(SeriesColumns::key).containsExactly(WITH_ERROR, PLAIN);
        assertThat(snapshot.readColumns(SeriesKey.of("d", "unknown")).size()).isZero();
    }

    @Test
    void aSnapshotReadsColumnsOfASeriesRewrittenByABuildDeletion() {
        HistoryStore store = storeOfNights(30);
        HistorySnapshot before = store.snapshot();

        store.removeBuild(7);

        SeriesColumns columns = before.readColumns(PLAIN);
        assertThat(columns.size()).isEqualTo(29);
        assertSame(columns, store.snapshot().read(PLAIN));
    }

    @Test
    void aDamagedValueIsReportedWithItsLine() throws Exception {
        HistoryStore store = storeOfNights(20);
        Path file = fileOf(PLAIN);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        String line = lines.get(12);
        // Same length, so that the manifest's committed length still covers the file.
        lines.set(12, line.substring(0, line.lastIndexOf('\t') + 1) + "x".repeat(line.length() - line.lastIndexOf('\t') - 1));
        Files.write(file, lines);

        assertThatThrownBy(() -> store.snapshot().readColumns(PLAIN))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(file.getFileName().toString()).hasMessageContaining("line 13");
    }

    @Test
    void aDamagedTimeIsReportedWhenItsPointIsMadeWhole() throws Exception {
        HistoryStore store = storeOfNights(20);
        Path file = fileOf(PLAIN);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(4, lines.get(4).replace("-01-06T", "-13-06T"));
        Files.write(file, lines);

        SeriesColumns columns = store.snapshot().readColumns(PLAIN);

        // Charts look at every value but make only the points they show whole; that is where a bad time shows.
        assertThat(columns.size()).isEqualTo(20);
        assertThat(columns.point(3).build()).isEqualTo(4);
        assertThatThrownBy(() -> columns.point(4))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(file.getFileName().toString()).hasMessageContaining("line 5");
        assertThatThrownBy(() -> store.snapshot().read(PLAIN)).hasMessageContaining("line 5");
    }

    @Test
    void moreLinesThanTheManifestRecordsAreReported() throws Exception {
        HistoryStore store = storeOfNights(20);
        Path file = fileOf(PLAIN);
        String original = Files.readString(file);
        // The same bytes, one line more: commits dropped, and a line padded to the committed length.
        StringBuilder text = new StringBuilder();
        for (String line : original.split("\n")) {
            String[] fields = line.split("\t");
            text.append(fields[0]).append('\t').append(fields[1]).append("\t\t").append(fields[3]).append('\n');
        }
        String extra = "21\t2026-02-01T03:00:00.000\t\t1.";
        int padding = original.length() - text.length() - extra.length() - 1;
        text.append(extra).append("0".repeat(padding)).append('\n');
        Files.writeString(file, text);

        assertThatThrownBy(() -> store.snapshot().readColumns(PLAIN))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining("holds 21 points where the manifest records 20");
    }

    private Path fileOf(SeriesKey key) {
        return dir.resolve(Manifest.read(dir.resolve(Manifest.FILE_NAME)).series().get(key).file());
    }
}
