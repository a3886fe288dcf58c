package dev.nightly.bench.formats;

import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.SeriesKey;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers what one file of one run says. A run gives each series one value, so a series that turns up twice
 * means the file maps ambiguously (two benchmarks with the same name, say): that is refused with both places
 * rather than one value silently winning.
 */
public final class ResultsCollector {
    private final LocalDateTime time;
    private final String commit;
    private final Map<String, DatasetInfo> datasets = new LinkedHashMap<>();
    private final List<Observation> observations = new ArrayList<>();
    private final Map<SeriesKey, Place> seen = new HashMap<>();

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
        Place earlier = seen.putIfAbsent(key, place);
        if (earlier != null) {
            throw place.error("gives series " + key.id() + " a second value (first at " + earlier.where()
                    + "); benchmark names must be unique");
        }
        datasets.putIfAbsent(key.dataset(), DatasetInfo.of(key.dataset()));
        observations.add(new Observation(key, unit, time, commit, value, error));
    }

    public BenchmarkResults results() {
        return new BenchmarkResults(datasets, observations);
    }

    /** The standard error of a mean of {@code count} samples with standard deviation {@code stddev}. */
    public static double standardError(double stddev, long count) {
        if (!Double.isFinite(stddev) || stddev < 0 || count < 2) {
            return Double.NaN;
        }
        return stddev / Math.sqrt(count);
    }
}
