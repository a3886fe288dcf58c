package dev.nightly.bench.model;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.Objects;

/**
 * One stored value of a series.
 *
 * @param build  the build that first ingested it
 * @param commit the commit it was measured on, or the empty string when unknown
 * @param time   when it was measured (local time, no zone, as HAWD records it)
 * @param value  the measured value
 * @param error  the value's own uncertainty in its unit where the format reports one (JMH's scoreError,
 *               the spread of Google Benchmark repetitions), else {@code NaN}
 */
public record Point(long build, String commit, LocalDateTime time, double value, double error)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Time order; ties go by build, so that the order is stable. */
    public static final Comparator<Point> CHRONOLOGICAL =
            Comparator.comparing(Point::time).thenComparingLong(Point::build);

    public Point {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(time, "time");
    }

    public Point(long build, String commit, LocalDateTime time, double value) {
        this(build, commit, time, value, Double.NaN);
    }

    public boolean hasError() {
        return !Double.isNaN(error);
    }
}
