package dev.nightly.bench.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.SeriesKey;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.HistoryStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryExportTest {
    /** The export's times are byte for byte what it printed with {@code toString} before. */
    @Test
    void timesAreWrittenAsLocalDateTimeToStringWritesThem() {
        char[] out = new char[32];
        LocalDateTime[] edges = {
            LocalDateTime.of(2026, 11, 23, 3, 0), LocalDateTime.of(2026, 11, 23, 3, 0, 7),
            LocalDateTime.of(2026, 1, 2, 0, 0, 0, 1_000_000), LocalDateTime.of(1, 1, 1, 0, 0, 0, 120_000_000),
            LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000), LocalDateTime.of(0, 1, 1, 0, 1),
            LocalDateTime.of(2018, 7, 28, 3, 4, 12, 345_678_000), LocalDateTime.of(2018, 7, 28, 3, 4, 12, 5),
            LocalDateTime.of(-5, 7, 28, 3, 4), LocalDateTime.of(12_345, 7, 28, 3, 4, 5),
        };
        for (LocalDateTime time : edges) {
            assertThat(new String(out, 0, HistoryExport.timeText(time, out))).isEqualTo(time.toString());
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            LocalDateTime time = LocalDateTime.of(random.nextInt(0, 10_000), random.nextInt(1, 13), random.nextInt(1, 29),
                    random.nextInt(24), random.nextInt(60), random.nextInt(3) == 0 ? 0 : random.nextInt(60),
                    random.nextInt(3) == 0 ? 0 : random.nextInt(1000) * 1_000_000);
            assertThat(new String(out, 0, HistoryExport.timeText(time, out))).isEqualTo(time.toString());
        }
    }

    /** Awkward doubles: shortest forms of both notations, the edges of both, subnormals, negative zero. */
    private static final double[] AWKWARD = {0.1, 1e-7, 1e22, 123456789.125, -0.0, 0.0, Double.MIN_VALUE, 1e-310,
        Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0E7, 9999999.999, 0.001, 9.999e-4, 2.0 / 3, Math.PI * 1e100,
        1e308, -1.7976931348623157E307, 41332.0, 1643.891, 5e-324, 4.35e-320, 8.41e21, 2e-3, 100.0, 1000.0};

    @TempDir
    Path dir;

    private static final LocalDateTime EPOCH = LocalDateTime.parse("2026-01-01T03:00:00");
    private static final SeriesKey AWKWARD_VALUES = SeriesKey.of("numbers", "awkward", Map.of("kind", "edges"));
    private static final SeriesKey ACCENTED = SeriesKey.of("numbers", "accented", Map.of());
    private static final SeriesKey LATE = SeriesKey.of("numbers", "late", Map.of());

    private HistorySnapshot awkwardStore() {
        HistoryStore store = HistoryStore.open(dir);
        List<Observation> observations = new ArrayList<>();
        String[] commits = {"2ac144827", "", "a\"quoted\\and/slashed", "~!@#$%^&*()_+{}|:<>?`-=[];',."};
        for (int i = 0; i < AWKWARD.length; i++) {
            // Times with and without seconds and milliseconds (the export leaves out what is zero).
            LocalDateTime time = EPOCH.plusDays(i).plusSeconds(i % 3 == 0 ? 0 : i).plusNanos(i % 2 == 0 ? 0 : i * 1_000_000L);
            double error = i % 4 == 1 ? AWKWARD[AWKWARD.length - 1 - i] : Double.NaN;
            observations.add(new Observation(AWKWARD_VALUES, "ms", time, commits[i % commits.length], AWKWARD[i], error));
            observations.add(new Observation(ACCENTED, "ms", time, i == 3 ? "caf\u00e9" : "c" + i, AWKWARD[i]));
            observations.add(new Observation(LATE, "", time, "", i));
        }
        store.ingest(1, new BenchmarkResults(Map.of(), observations), "", null);
        // A late row: the series' file is no longer in time order.
        store.ingest(2, new BenchmarkResults(Map.of(), List.of(new Observation(LATE, "", EPOCH.minusDays(1), "", -1))), "", null);
        return store.snapshot();
    }

    /**
     * The points copied from the series files as text are byte for byte what the Jackson way writes, and every
     * value and error reads back as the same double; series with a line that cannot be copied (a non-ASCII
     * commit, a late row) go the Jackson way.
     */
    @Test
    void copiedPointsAreWhatJacksonWritesAndReadBackExactly() throws Exception {
        HistorySnapshot snapshot = awkwardStore();
        assertThat(new PointsText().of(snapshot.readLines(AWKWARD_VALUES).orElseThrow())).as("copied").isTrue();
        assertThat(new PointsText().of(snapshot.readLines(ACCENTED).orElseThrow())).isFalse();
        assertThat(new PointsText().of(snapshot.readLines(LATE).orElseThrow())).isFalse();

        byte[] copied = export(snapshot, true);
        assertThat(new String(copied, StandardCharsets.UTF_8)).isEqualTo(new String(export(snapshot, false), StandardCharsets.UTF_8));

        JsonNode series = new ObjectMapper().readTree(copied).get("series");
        assertThat(series).hasSize(3);
        for (JsonNode one : series) {
            JsonNode points = one.get("points");
            if (one.get("measure").asText().equals("late")) {
                assertThat(points.get(0).get("value").doubleValue()).isEqualTo(-1.0);
                continue;
            }
            assertThat(points).hasSize(AWKWARD.length);
            for (int i = 0; i < AWKWARD.length; i++) {
                JsonNode point = points.get(i);
                assertThat(Double.doubleToRawLongBits(point.get("value").doubleValue())).as("value %s", AWKWARD[i])
                        .isEqualTo(Double.doubleToRawLongBits(AWKWARD[i]));
                if (one.get("measure").asText().equals("awkward") && i % 4 == 1) {
                    assertThat(point.get("error").doubleValue()).isEqualTo(AWKWARD[AWKWARD.length - 1 - i]);
                }
                assertThat(LocalDateTime.parse(point.get("time").asText())).isEqualTo(EPOCH.plusDays(i).plusSeconds(i % 3 == 0 ? 0 : i)
                        .plusNanos(i % 2 == 0 ? 0 : i * 1_000_000L));
            }
        }
        assertThat(series.get(1).at("/points/2/commit").asText()).isEqualTo("a\"quoted\\and/slashed");
        assertThat(series.get(0).at("/points/3/commit").asText()).isEqualTo("caf\u00e9");
    }

    /**
     * Text the store did not write itself: a value in another form that is still a JSON number is copied as it
     * is (it reads as the same double); one that is not (a plus sign) sends its series the Jackson way.
     */
    @Test
    void valuesInOtherFormsAreCopiedOnlyAsJsonNumbers() throws Exception {
        HistorySnapshot snapshot = awkwardStore();
        Path file;
        try (Stream<Path> files = Files.list(dir.resolve("series"))) {
            List<Path> all = files.filter(f -> f.toString().endsWith(".tsv")).toList();
            file = all.stream().filter(f -> {
                try {
                    return Files.readString(f).contains("\t2ac144827\t");
                }
                catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).findFirst().orElseThrow();
        }
        String text = Files.readString(file);
        // Same lengths, so that the manifest's committed length still holds.
        Files.writeString(file, text.replace("\t100.0\n", "\t1.0E2\n").replace("\t1000.0\n", "\t1.00E3\n"));
        byte[] copied = export(snapshot, true);
        assertThat(new PointsText().of(snapshot.readLines(AWKWARD_VALUES).orElseThrow())).isTrue();
        assertThat(new String(copied, StandardCharsets.UTF_8)).contains("\"value\" : 1.0E2", "\"value\" : 1.00E3");
        JsonNode points = new ObjectMapper().readTree(copied).at("/series/1/points");
        assertThat(points.get(AWKWARD.length - 2).get("value").doubleValue()).isEqualTo(100.0);
        assertThat(points.get(AWKWARD.length - 1).get("value").doubleValue()).isEqualTo(1000.0);

        Files.writeString(file, text.replace("\t100.0\n", "\t+1E+2\n"));
        assertThat(new PointsText().of(snapshot.readLines(AWKWARD_VALUES).orElseThrow())).isFalse();
        assertThat(new String(export(snapshot, true), StandardCharsets.UTF_8)).isEqualTo(new String(export(snapshot, false),
                StandardCharsets.UTF_8)).contains("\"value\" : 100.0");
    }

    @Test
    void jsonNumbersAreTold() {
        for (String number : List.of("0", "-0", "1.5", "-0.0", "1E5", "1e-5", "1.0E+22", "4.9E-324", "1.7976931348623157E308", "1e-400")) {
            assertThat(isFiniteJsonNumber(number)).as(number).isTrue();
        }
        for (String text : List.of("", "-", "+1", "01", "1.", ".5", "1e", "1e+", "NaN", "Infinity", "-Infinity", "1.8E308", "1e400",
                "0x1p3", "1d", "1f", " 1", "1_000", "1.0E2.0")) {
            assertThat(isFiniteJsonNumber(text)).as(text).isFalse();
        }
    }

    private static boolean isFiniteJsonNumber(String text) {
        byte[] bytes = ("x" + text + "y").getBytes(StandardCharsets.US_ASCII);
        return PointsText.isFiniteJsonNumber(bytes, 1, bytes.length - 1);
    }

    private static byte[] export(HistorySnapshot snapshot, boolean copyText) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HistoryExport.write(snapshot, info -> true, out, copyText);
        return out.toByteArray();
    }
}
