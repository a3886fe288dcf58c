package dev.nightly.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.SeriesKey;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest large enough to be planned and written on every core (a backfill): what it stores is worked out
 * here value by value, independently of the store's columns, threads and fast number and time writing.
 */
class BackfillIngestTest {
    private static final LocalDateTime FIRST = LocalDateTime.parse("1999-12-31T23:59:58.125");
    /** Values whose text is easy to get wrong: the store must give back exactly these doubles. */
    private static final double[] AWKWARD = {0.1, 1e-7, 1e22, 123456789.125, 2.5e-3, 0.001, 9999999.999, 1e7, 4.9e-324,
        Double.MAX_VALUE, -1234.5678, 0.30000000000000004, 100.0, 7.0E-4, 1.0E-3, 12345.678901234, 2.0 / 3.0};

    @TempDir
    Path dir;

    @Test
    void aBackfillStoresEveryValueOnceInTimeOrderExactlyAsGiven() {
        Generated generated = generate(new Random(18), 40, 3000);
        assertThat(generated.results.observations()).hasSizeGreaterThan(100_000);
        HistoryStore store = HistoryStore.open(dir);

        IngestSummary summary = store.ingest(7, generated.results, "", null);

        int expectedPoints = generated.expected.values().stream().mapToInt(List::size).sum();
        assertThat(summary.newPoints()).isEqualTo(expectedPoints);
        assertThat(summary.knownPoints()).isEqualTo(generated.results.observations().size() - expectedPoints)
                .isGreaterThan(0);
        HistorySnapshot snapshot = store.snapshot();
        assertThat(snapshot.series()).hasSize(generated.expected.size());
        generated.expected.forEach((key, points) -> {
            List<Point> stored = snapshot.read(key).points();
            assertThat(stored).as(key.id()).hasSize(points.size());
            for (int i = 0; i < points.size(); i++) {
                Point want = points.get(i);
                Point got = stored.get(i);
                assertThat(got.time()).as(key.id() + " #" + i).isEqualTo(want.time());
                assertThat(got.commit()).as(key.id() + " #" + i).isEqualTo(want.commit());
                assertThat(Double.doubleToRawLongBits(got.value())).as(key.id() + " #" + i + " " + want.value())
                        .isEqualTo(Double.doubleToRawLongBits(want.value()));
                assertThat(Double.doubleToRawLongBits(got.error())).as(key.id() + " #" + i + " error")
                        .isEqualTo(Double.doubleToRawLongBits(want.error()));
                assertThat(got.build()).isEqualTo(7);
            }
        });
        assertThat(store.verify()).isEmpty();

        // The same values again (the whole history printed the next night) are all recognised, on every core.
        IngestSummary again = store.ingest(8, generated.results, "", null);
        assertThat(again.newPoints()).isZero();
        assertThat(again.knownPoints()).isEqualTo(generated.results.observations().size());
    }

    /** The results, and per series what the store must hold: stable time order, a value given twice kept once. */
    private record Generated(BenchmarkResults results, Map<SeriesKey, List<Point>> expected) {
    }

    private static Generated generate(Random random, int seriesCount, int nights) {
        List<SeriesKey> keys = new ArrayList<>();
        for (int s = 0; s < seriesCount; s++) {
            keys.add(SeriesKey.of("dataset" + s % 4, s % 3 == 0 ? "ops" : "time", Map.of("rows", Integer.toString(s))));
        }
        List<Observation> observations = new ArrayList<>();
        for (int night = 0; night < nights; night++) {
            LocalDateTime time = FIRST.plusHours(24L * night).plusSeconds(random.nextInt(3) == 0 ? 0 : night % 60);
            String commit = night % 97 == 0 ? "" : String.format("%09x", night * 7919L);
            List<Observation> row = new ArrayList<>();
            for (SeriesKey key : keys) {
                double value = value(random, night);
                double error = random.nextInt(10) == 0 ? Math.abs(value(random, night)) : Double.NaN;
                row.add(new Observation(key, "ms", time, commit, value, error));
                if (random.nextInt(50) == 0) {
                    // A second run of the same time and commit with another value is a point of its own.
                    row.add(new Observation(key, "ms", time, commit, value + 1, Double.NaN));
                }
            }
            observations.addAll(row);
            if (random.nextInt(20) == 0) {
                // A night printed twice: stored once.
                observations.addAll(row);
            }
        }
        // Rows out of time order (HAWD prints them in its database's key order), in blocks so that equal times stay
        // in their order.
        List<List<Observation>> blocks = new ArrayList<>();
        for (int i = 0; i < observations.size(); i += seriesCount * 5) {
            blocks.add(observations.subList(i, Math.min(observations.size(), i + seriesCount * 5)));
        }
        Collections.shuffle(blocks, random);
        List<Observation> shuffled = new ArrayList<>();
        blocks.forEach(shuffled::addAll);

        Map<SeriesKey, List<Observation>> bySeries = new LinkedHashMap<>();
        for (Observation observation : shuffled) {
            bySeries.computeIfAbsent(observation.key(), k -> new ArrayList<>()).add(observation);
        }
        Map<SeriesKey, List<Point>> expected = new LinkedHashMap<>();
        bySeries.forEach((key, values) -> {
            List<Observation> sorted = new ArrayList<>(values);
            sorted.sort(java.util.Comparator.comparing(Observation::time));
            Set<String> seen = new HashSet<>();
            List<Point> points = new ArrayList<>();
            for (Observation observation : sorted) {
                if (seen.add(observation.time() + " " + observation.commit() + " " + observation.value())) {
                    points.add(new Point(7, observation.commit(), observation.time(), observation.value(), observation.error()));
                }
            }
            expected.put(key, points);
        });
        return new Generated(new BenchmarkResults(Map.of("dataset0", DatasetInfo.of("dataset0")), shuffled), expected);
    }

    private static double value(Random random, int night) {
        return switch (random.nextInt(6)) {
            case 0 -> AWKWARD[random.nextInt(AWKWARD.length)] * (random.nextBoolean() ? 1 : -1);
            case 1 -> random.nextInt(100_000);
            case 2 -> Math.round(random.nextDouble() * 1e6) / 1000.0;
            case 3 -> random.nextDouble() * Math.pow(10, random.nextInt(30) - 15);
            default -> 40 + night % 13 + random.nextInt(5) / 4.0;
        };
    }
}
