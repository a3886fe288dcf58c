package dev.nightly.bench.chart;

import dev.nightly.bench.check.Verdict;
import java.util.Objects;

/**
 * A point of a series that the chart singles out: out of bounds, regressed or improved.
 *
 * @param build   the build of the point
 * @param verdict what the checks said about it; {@link Verdict#OK} and {@link Verdict#NO_BASELINE} are
 *                not drawn
 * @param text    a short explanation shown on hover, e.g. {@code regressed +25.0% vs 10 ms (median of last 5)}
 */
public record PointMark(long build, Verdict verdict, String text) {
    public PointMark {
        Objects.requireNonNull(verdict, "verdict");
        text = text == null ? "" : text;
    }

    /** Whether the chart draws this mark at all. */
    public boolean isDrawn() {
        return verdict == Verdict.OUT_OF_BOUNDS || verdict == Verdict.REGRESSED || verdict == Verdict.IMPROVED;
    }
}
