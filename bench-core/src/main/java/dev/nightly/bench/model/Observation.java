package dev.nightly.bench.model;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One value read from a results file, before it is stored: the raw material of a {@link Point}.
 *
 * @param key    the series it belongs to
 * @param unit   its unit, possibly empty
 * @param time   when it was measured, or {@code null} when the file does not say (the ingest's time is used)
 * @param commit the commit, or the empty string when the file does not say (the ingest's commit is used)
 * @param value  the measured value
 */
public record Observation(SeriesKey key, String unit, LocalDateTime time, String commit, double value) implements java.io.Serializable {
    public Observation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(commit, "commit");
    }
}
