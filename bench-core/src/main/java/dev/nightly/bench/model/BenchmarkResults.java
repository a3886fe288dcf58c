package dev.nightly.bench.model;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one or more results files said: the datasets they describe and their values. This is what
 * travels from the agent that parsed the files to the controller that stores them, so it stays small
 * and serializable.
 *
 * @param datasets     information on each dataset, by id
 * @param observations the values, in file order; kept as {@link Observations} (columns) when they are
 *                     given so (as the HAWD reader and {@link #merge} give them), else copied
 * @param skipped      benchmarks the files name without a value (failed, crashed, skipped), in file order
 */
public record BenchmarkResults(Map<String, DatasetInfo> datasets, List<Observation> observations, List<Skipped> skipped)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public BenchmarkResults {
        datasets = Map.copyOf(datasets);
        observations = observations instanceof Observations columns ? columns : List.copyOf(observations);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    public BenchmarkResults(Map<String, DatasetInfo> datasets, List<Observation> observations) {
        this(datasets, observations, List.of());
    }

    public static BenchmarkResults empty() {
        return new BenchmarkResults(Map.of(), Observations.empty());
    }

    public boolean isEmpty() {
        return observations.isEmpty();
    }

    /**
     * These results without what a history already holds: only values measured after the newest stored
     * time of their series, values of series it does not hold, and values without a time (they take the
     * ingest's time, so they are new). HAWD prints a dataset's whole history on every run; this is what
     * keeps a nightly recording the size of one night wherever it travels or is kept. A value older than
     * the newest of its series (a late row) is left out too.
     *
     * @param lastTimes the newest stored time of each series, by {@link SeriesKey#id()} (see the store's
     *                  snapshot)
     */
    public BenchmarkResults newerThan(Map<String, LocalDateTime> lastTimes) {
        if (lastTimes.isEmpty()) {
            return this;
        }
        // Results read from files share one key per series: its id is looked up once, not per value.
        Map<SeriesKey, LocalDateTime> byKey = new IdentityHashMap<>();
        Observations.Builder kept = Observations.builder();
        for (Observation observation : observations) {
            SeriesKey key = observation.key();
            LocalDateTime stored = byKey.get(key);
            if (stored == null && !byKey.containsKey(key)) {
                if (byKey.size() >= 100_000) {
                    byKey.clear();
                }
                stored = lastTimes.get(key.id());
                byKey.put(key, stored);
            }
            if (stored == null || observation.time() == null || observation.time().isAfter(stored)) {
                kept.add(observation);
            }
        }
        return new BenchmarkResults(datasets, kept.build(), skipped);
    }

    /** All results together; later information on a dataset completes earlier information. */
    public static BenchmarkResults merge(Collection<BenchmarkResults> parts) {
        Map<String, DatasetInfo> datasets = new LinkedHashMap<>();
        List<List<Observation>> observations = new ArrayList<>(parts.size());
        List<Skipped> skipped = new ArrayList<>();
        for (BenchmarkResults part : parts) {
            part.datasets.forEach((id, info) -> datasets.merge(id, info, DatasetInfo::mergedWith));
            observations.add(part.observations);
            skipped.addAll(part.skipped);
        }
        return new BenchmarkResults(datasets, Observations.concat(observations), skipped);
    }
}
