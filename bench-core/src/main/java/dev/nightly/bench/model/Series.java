package dev.nightly.bench.model;

import java.util.List;

/**
 * A series with its points in time order.
 *
 * @param key    which series
 * @param unit   its unit, possibly empty
 * @param points its values, oldest first
 */
public record Series(SeriesKey key, String unit, List<Point> points) {
    public Series {
        // Points made when first read (a series read as columns) are kept as they are: copying would make all.
        points = points instanceof LazyPoints ? points : List.copyOf(points);
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }

    public Point last() {
        return points.get(points.size() - 1);
    }
}
