package dev.nightly.bench.model;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.IntFunction;

/**
 * An unmodifiable list of points made whole when first asked for: a series read as columns becomes a
 * {@link Series} for a caller that looks at a few of its points (the report's history marks check the newest
 * thousand of ten thousand), without parsing every line of the file. Each point is made once; {@link Point}
 * is immutable, so a point made twice by two threads is the same value.
 */
final class LazyPoints extends AbstractList<Point> implements RandomAccess {
    private final IntFunction<Point> source;
    private final Point[] made;

    LazyPoints(int size, IntFunction<Point> source) {
        this.source = Objects.requireNonNull(source, "source");
        this.made = new Point[size];
    }

    @Override
    public Point get(int index) {
        Objects.checkIndex(index, made.length);
        Point point = made[index];
        if (point == null) {
            point = Objects.requireNonNull(source.apply(index), "point");
            made[index] = point;
        }
        return point;
    }

    @Override
    public int size() {
        return made.length;
    }
}
