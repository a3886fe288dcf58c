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
 * @param error  the value's own uncertainty in its unit when the format reports one, else {@code NaN}
 */
public record Observation(SeriesKey key, String unit, LocalDateTime time, String commit, double value, double error)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public Observation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(commit, "commit");
    }

    public Observation(SeriesKey key, String unit, LocalDateTime time, String commit, double value) {
        this(key, unit, time, commit, value, Double.NaN);
    }
}
