package dev.nightly.bench.model;

import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A series' points in time order as two primitive columns (build, value), with each whole point (commit,
 * time, error) made only when asked for. A chart looks at every value of a series but shows only a few
 * hundred points; building ten thousand {@link Point} objects per series to keep three hundred of them is
 * what made a job page slow and its memory follow the length of the history.
 *
 * <p>The arrays are shared, not copied: treat them as read-only.
 */
public final class SeriesColumns {
    private final SeriesKey key;
    private final String unit;
    private final long[] builds;
    private final double[] values;
    private final int size;
    private final IntFunction<Point> points;
    /** The series these columns were made of, when they were. */
    private final Series whole;

    /**
     * @param builds the build of each point; at least {@code size} long
     * @param values the value of each point; at least {@code size} long
     * @param size   how many points there are
     * @param points makes point {@code i} whole; it must agree with the two columns
     */
    public SeriesColumns(SeriesKey key, String unit, long[] builds, double[] values, int size, IntFunction<Point> points) {
        this.key = Objects.requireNonNull(key, "key");
        this.unit = Objects.requireNonNull(unit, "unit");
        if (size < 0 || builds.length < size || values.length < size) {
            throw new IllegalArgumentException("columns shorter than their size " + size);
        }
        this.builds = builds;
        this.values = values;
        this.size = size;
        this.points = Objects.requireNonNull(points, "points");
        this.whole = null;
    }

    private SeriesColumns(Series series, long[] builds, double[] values) {
        this.key = series.key();
        this.unit = series.unit();
        this.builds = builds;
        this.values = values;
        this.size = builds.length;
        this.points = series.points()::get;
        this.whole = series;
    }

    /** The columns of points already at hand. */
    public static SeriesColumns of(Series series) {
        List<Point> points = series.points();
        int size = points.size();
        long[] builds = new long[size];
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            Point point = points.get(i);
            builds[i] = point.build();
            values[i] = point.value();
        }
        return new SeriesColumns(series, builds, values);
    }

    public SeriesKey key() {
        return key;
    }

    public String unit() {
        return unit;
    }

    public int size() {
        return size;
    }

    public long build(int index) {
        return builds[Objects.checkIndex(index, size)];
    }

    public double value(int index) {
        return values[Objects.checkIndex(index, size)];
    }

    /** The builds column itself, at least {@link #size()} long: read it, never write it. */
    public long[] builds() {
        return builds;
    }

    /** The values column itself, at least {@link #size()} long: read it, never write it. */
    public double[] values() {
        return values;
    }

    /** The whole point at {@code index}; made on each call. */
    public Point point(int index) {
        return points.apply(Objects.checkIndex(index, size));
    }

    /**
     * The series with its points whole, each made when first read (regression marks of a history read the
     * newest thousand); a line that does not parse fails then, with its place.
     */
    public Series toSeries() {
        if (whole != null) {
            return whole;
        }
        // Made whole point by point as they are read: most callers look at the newest few.
        return new Series(key, unit, new LazyPoints(size, points));
    }
}
