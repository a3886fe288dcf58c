package dev.nightly.bench.store;

import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.SeriesKey;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Results of a made-up nightly: {@code series} series with {@code points} values each, dated by the build. */
final class SyntheticResults {
    static final LocalDateTime EPOCH = LocalDateTime.parse("2026-01-01T03:00:00");

    private SyntheticResults() {
    }

    static BenchmarkResults of(long build, int series, int points) {
        List<Observation> observations = new ArrayList<>(series * points);
        for (int s = 0; s < series; s++) {
            SeriesKey key = SeriesKey.of("dataset" + (s % 4), "time", Map.of("rows", Integer.toString(s)));
            for (int p = 0; p < points; p++) {
                LocalDateTime time = EPOCH.plusMinutes(build * 10_000 + p);
                observations.add(new Observation(key, "ms", time, String.format("%09x", build), 100 + s + p % 7));
            }
        }
        return new BenchmarkResults(Map.of("dataset0", DatasetInfo.of("dataset0")), observations);
    }
}
