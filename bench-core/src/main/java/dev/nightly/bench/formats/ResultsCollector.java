package dev.nightly.bench.formats;

import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.SeriesKey;
import dev.nightly.bench.model.Skipped;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers what one file of one run says. A run gives each series one value, so a series that turns up twice
 * means the file maps ambiguously (two benchmarks with the same name, say): that is refused with both places
 * and both values rather than one value silently winning. Benchmarks the file names without a value (failed,
 * skipped) are kept as {@link Skipped}, so that the ingest can say so.
 */
public final class ResultsCollector {
    private final LocalDateTime time;
    private final String commit;
    private final Map<String, DatasetInfo> datasets = new LinkedHashMap<>();
    private final List<Observation> observations = new ArrayList<>();
    private final Map<SeriesKey, First> seen = new HashMap<>();
    private final List<Skipped> skipped = new ArrayList<>();

    private record First(Place place, double value) {
    }

    /**
     * @param time   when the run was, or {@code null} when the file does not say
     * @param commit the commit it measured, or the empty string when the file does not say
     */
    public ResultsCollector(LocalDateTime time, String commit) {
        this.time = time;
        this.commit = commit == null ? "" : commit;
    }

    /** Names a dataset; the first description given for it is kept. */
    public void dataset(String id, String description) {
        datasets.putIfAbsent(id, new DatasetInfo(id, id, description, Map.of()));
    }

    /**
     * Adds a value of a series.
     *
     * @param error the value's uncertainty in its unit, {@code NaN} when unknown
     */
    public void add(SeriesKey key, String unit, double value, double error, Place place) {
        First earlier = seen.putIfAbsent(key, new First(place, value));
        if (earlier != null) {
            throw place.error("gives series " + key.id() + " a second value, " + value + " (the first, "
                    + earlier.value() + ", at " + earlier.place().where() + "); benchmark names must be unique");
        }
        datasets.putIfAbsent(key.dataset(), DatasetInfo.of(key.dataset()));
        observations.add(new Observation(key, unit, time, commit, value, error));
    }

    /** Notes a benchmark of {@code file} that has no value, and why (it failed, it was skipped). */
    public void skip(Path file, String entry, String reason) {
        skipped.add(new Skipped(file.toString(), entry, reason));
    }

    public BenchmarkResults results() {
        return new BenchmarkResults(datasets, observations, skipped);
    }

    /** The standard error of a mean of {@code count} samples with standard deviation {@code stddev}. */
    public static double standardError(double stddev, long count) {
        if (!Double.isFinite(stddev) || stddev < 0 || count < 2) {
            return Double.NaN;
        }
        return stddev / Math.sqrt(count);
    }
}
