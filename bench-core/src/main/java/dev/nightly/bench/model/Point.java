package dev.nightly.bench.model;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.Objects;

/**
 * One stored value of a series.
 *
 * @param build  the build that first ingested it
 * @param commit the commit it was measured on, or the empty string when unknown
 * @param time   when it was measured (HAWD's local time, no zone)
 * @param value  the measured value
 */
public record Point(long build, String commit, LocalDateTime time, double value) implements java.io.Serializable {
    /** Time order; ties go by build, so that the order is stable. */
    public static final Comparator<Point> CHRONOLOGICAL =
            Comparator.comparing(Point::time).thenComparingLong(Point::build);

    public Point {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(time, "time");
    }
}
