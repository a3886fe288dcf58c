package dev.nightly.bench.changes;

import dev.nightly.bench.model.Change;
import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.Numbers;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.SeriesKey;
import java.util.Objects;

/**
 * A persistent shift in the level of a series.
 *
 * @param key         the series
 * @param unit        its unit, possibly empty
 * @param index       where the new level starts, as an index into the series' points
 * @param lastBefore  the last point at the old level (its build and commit)
 * @param firstAfter  the first point at the new level: the build (and commit) the change came with
 * @param levelBefore the median of the values since the change point before (at most a window back)
 * @param levelAfter  the median of the values up to the next change point (or the newest value)
 * @param pValue      the permutation test's p-value: the chance that noise alone made a split this clear
 * @param direction   which way the series gets better
 */
public record ChangePoint(SeriesKey key, String unit, int index, Point lastBefore, Point firstAfter, double levelBefore,
                          double levelAfter, double pValue, Direction direction) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public ChangePoint {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(lastBefore, "lastBefore");
        Objects.requireNonNull(firstAfter, "firstAfter");
        Objects.requireNonNull(direction, "direction");
    }

    /** The build the new level starts with. */
    public long build() {
        return firstAfter.build();
    }

    /** The change in the series' unit, signed as the values move. */
    public double change() {
        return levelAfter - levelBefore;
    }

    /** The change in percent of the level before, signed as the values move. */
    public double changePercent() {
        return Change.percent(levelBefore, levelAfter);
    }

    /** Worse after than before, as the measure's direction reads it. */
    public boolean isRegression() {
        return direction.worsening(levelBefore, levelAfter) > 0;
    }

    /** {@code regression} or {@code improvement}. */
    public String kind() {
        return isRegression() ? "regression" : "improvement";
    }

    /** {@code regression +28.1% (215.5 -> 276 ms, p=0.001) at build 12 (commit d3454576f; before: build 11, commit 23df7ef84)}. */
    public String describe() {
        String u = unit.isEmpty() ? "" : " " + unit;
        return kind() + " " + Numbers.percent(changePercent()) + " (" + Numbers.format(levelBefore) + " -> "
                + Numbers.format(levelAfter) + u + ", p=" + Numbers.format(pValue) + ") at build " + build()
                + commitText(firstAfter) + "; last build before: " + lastBefore.build() + commitText(lastBefore);
    }

    static String commitText(Point point) {
        return point.commit().isEmpty() ? "" : " (commit " + point.commit() + ")";
    }
}
