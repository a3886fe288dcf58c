package dev.nightly.bench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Observations in columns must be the list of observations they stand for, whatever the way they were
 * built, however long (several segments), and after travelling (serialization).
 */
class ObservationsTest {
    private static final SeriesKey TIME = SeriesKey.of("mail_query", "time", Map.of("rows", "5000"));
    private static final SeriesKey MEMORY = SeriesKey.of("mail_query", "memory", Map.of("rows", "5000"));
    private static final LocalDateTime NIGHT = LocalDateTime.of(2018, 7, 28, 3, 4, 12, 345_000_000);

    @Test
    void rowsShareTimeAndCommitAndSeriesShareKeyAndUnit() {
        Observations.Builder builder = Observations.builder();
        int time = builder.series(TIME, "ms");
        int memory = builder.series(MEMORY, "kb");
        assertThat(builder.series(SeriesKey.of("mail_query", "time", Map.of("rows", "5000")), "ms")).isEqualTo(time);
        assertThat(builder.series(TIME, "s")).as("another unit is another series").isNotEqualTo(time);
        builder.row(NIGHT, "a81b0e4f2").value(time, 12).value(memory, 4096);
        builder.row(null, "").value(time, 13, 0.5);

        Observations observations = builder.build();

        assertThat(observations).containsExactly(
                new Observation(TIME, "ms", NIGHT, "a81b0e4f2", 12),
                new Observation(MEMORY, "kb", NIGHT, "a81b0e4f2", 4096),
                new Observation(TIME, "ms", null, "", 13, 0.5));
        assertThat(observations.get(0).key()).isSameAs(observations.get(2).key());
        assertThat(observations.get(1).error()).isNaN();
    }

    @Test
    void aLongListCrossesSegmentsAndReadsBackInOrder() {
        List<Observation> expected = randomObservations(new Random(7), 200_003);
        Observations columns = Observations.copyOf(expected);

        assertThat(columns).hasSize(expected.size());
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            int index = random.nextInt(expected.size());
            assertThat(columns.get(index)).isEqualTo(expected.get(index));
        }
        assertThat(new ArrayList<>(columns)).isEqualTo(expected);
        assertThat(columns).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThatThrownBy(() -> columns.get(expected.size())).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aRowLongerThanWhatIsLeftOfASegmentGoesOnInTheNext() {
        Observations.Builder builder = Observations.builder();
        int series = builder.series(TIME, "ms");
        builder.row(NIGHT, "abcd");
        for (int i = 0; i < 150_000; i++) {
            builder.value(series, i);
        }
        builder.row(NIGHT.plusDays(1), "ef01").value(series, -1);

        Observations observations = builder.build();

        assertThat(observations).hasSize(150_001);
        assertThat(observations.get(149_999)).isEqualTo(new Observation(TIME, "ms", NIGHT, "abcd", 149_999));
        assertThat(observations.get(150_000)).isEqualTo(new Observation(TIME, "ms", NIGHT.plusDays(1), "ef01", -1));
    }

    @Test
    void concatenatingSharesColumnsAndKeepsTheOrder() {
        Random random = new Random(3);
        List<Observation> first = randomObservations(random, 70_000);
        List<Observation> second = randomObservations(random, 10);
        List<Observation> all = new ArrayList<>(first);
        all.addAll(second);

        Observations joined = Observations.concat(List.of(Observations.copyOf(first), List.of(), second, Observations.empty()));

        assertThat(joined).isEqualTo(all);
        assertThat(Observations.copyOf(joined)).isSameAs(joined);
        Observations.Builder builder = Observations.builder();
        builder.addAll(joined).add(first.get(0));
        assertThat(builder.build()).hasSize(all.size() + 1).endsWith(first.get(0));
    }

    @Test
    void mergedResultsAreColumnsInFileOrder() {
        BenchmarkResults one = new BenchmarkResults(Map.of(), List.of(new Observation(TIME, "ms", NIGHT, "", 1)));
        BenchmarkResults two = new BenchmarkResults(Map.of("mail_query", DatasetInfo.of("mail_query")),
                List.of(new Observation(MEMORY, "kb", null, "abcd", 2)));

        BenchmarkResults merged = BenchmarkResults.merge(List.of(one, two));

        assertThat(merged.observations()).isInstanceOf(Observations.class)
                .containsExactly(new Observation(TIME, "ms", NIGHT, "", 1), new Observation(MEMORY, "kb", null, "abcd", 2));
        assertThat(new BenchmarkResults(merged.datasets(), merged.observations()).observations()).isSameAs(merged.observations());
    }

    @Test
    void timesAtTheEndsOfTheRangeAreKept() {
        List<Observation> extremes = List.of(new Observation(TIME, "ms", LocalDateTime.MIN, "", 1),
                new Observation(TIME, "ms", LocalDateTime.MAX, "", 2));

        assertThat(Observations.copyOf(extremes)).isEqualTo(extremes);
        assertThatThrownBy(() -> Observations.builder().row(LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC) + 1, 0, ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Observations.builder().row(0, 1_000_000_000, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Observations.builder().value(0, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void travelsAsSerializedResults() throws Exception {
        List<Observation> expected = randomObservations(new Random(5), 70_000);
        BenchmarkResults results = BenchmarkResults.merge(List.of(
                new BenchmarkResults(Map.of("mail_query", DatasetInfo.of("mail_query")), expected)));

        BenchmarkResults copy = roundTrip(results);

        assertThat(copy).isEqualTo(results);
        assertThat(copy.observations()).isInstanceOf(Observations.class).isEqualTo(expected);
    }

    private static BenchmarkResults roundTrip(BenchmarkResults results) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(results);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (BenchmarkResults) in.readObject();
        }
    }

    /** Rows of one to four values of a handful of series, some without time or commit, some with errors. */
    private static List<Observation> randomObservations(Random random, int count) {
        List<SeriesKey> keys = List.of(TIME, MEMORY, SeriesKey.of("buffers", "ops"), SeriesKey.of("buffers", "time", Map.of("n", "10")));
        List<Observation> observations = new ArrayList<>(count);
        while (observations.size() < count) {
            LocalDateTime time = random.nextInt(10) == 0 ? null : NIGHT.plusSeconds(random.nextInt(1_000_000)).plusNanos(random.nextInt(1000));
            String commit = random.nextInt(5) == 0 ? "" : Integer.toHexString(random.nextInt(1 << 20) + (1 << 20));
            int values = 1 + random.nextInt(4);
            for (int i = 0; i < values && observations.size() < count; i++) {
                SeriesKey key = keys.get(random.nextInt(keys.size()));
                String unit = key.measure().equals("ops") ? "ops/ms" : random.nextInt(50) == 0 ? "s" : "ms";
                double error = random.nextInt(3) == 0 ? random.nextDouble() : Double.NaN;
                observations.add(new Observation(key, unit, time, commit, random.nextGaussian() * 100, error));
            }
        }
        return observations;
    }
}
