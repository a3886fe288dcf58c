package dev.nightly.bench.check;

import dev.nightly.bench.model.Direction;

/**
 * One configured check: which series, what kind, against what, how strict, and what a flag does.
 *
 * @param series    which series it applies to
 * @param kind      bounds or regression
 * @param baseline  for regressions: how the baseline is chosen
 * @param window    for {@link BaselineKind#MEDIAN} and {@link BaselineKind#AUTO}: how many earlier values
 * @param build     for {@link BaselineKind#BUILD}: the build to compare with
 * @param tolerance allowed worsening in percent; {@code null} lets the noise of the series decide
 * @param direction which way is better; {@code null} infers it from the unit
 * @param level     what a flag does to the build
 * @param enabled   {@code false} switches the check off for these series (also the built-in one)
 * @param keepFailing for change checks: an open regression keeps being flagged in later builds, not only
 *                  in the build where it is confirmed
 */
public record CheckRule(SeriesSelector series, CheckKind kind, BaselineKind baseline, int window, Long build,
                        Double tolerance, Direction direction, Level level, boolean enabled, boolean keepFailing)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public static final int DEFAULT_WINDOW = 10;

    public CheckRule {
        series = series == null ? SeriesSelector.ALL : series;
        baseline = baseline == null ? BaselineKind.AUTO : baseline;
        window = window <= 0 ? DEFAULT_WINDOW : window;
        level = level == null ? Level.UNSTABLE : level;
        if (baseline == BaselineKind.BUILD && build == null) {
            throw new IllegalArgumentException("a baseline of kind BUILD needs a build number");
        }
    }

    public CheckRule(SeriesSelector series, CheckKind kind, BaselineKind baseline, int window, Long build,
                     Double tolerance, Direction direction, Level level, boolean enabled) {
        this(series, kind, baseline, window, build, tolerance, direction, level, enabled, false);
    }

    /** The built-in change point check, at level UNSTABLE, for every series; open regressions stop failing. */
    public static CheckRule defaultChange() {
        return new CheckRule(SeriesSelector.ALL, CheckKind.CHANGE, null, 0, null, null, null, Level.UNSTABLE, true, false);
    }

    /** The built-in noise-aware regression check, at level UNSTABLE, for every series. */
    public static CheckRule defaultRegression() {
        return new CheckRule(SeriesSelector.ALL, CheckKind.REGRESSION, BaselineKind.AUTO, DEFAULT_WINDOW, null, null,
                null, Level.UNSTABLE, true);
    }

    /** The built-in check for series missing from a build, at level UNSTABLE, for every series. */
    public static CheckRule defaultMissing() {
        return new CheckRule(SeriesSelector.ALL, CheckKind.MISSING, null, 0, null, null, null, Level.UNSTABLE, true);
    }

    /** The built-in bounds check, at level UNSTABLE, for every series whose definition has bounds. */
    public static CheckRule defaultBounds() {
        return new CheckRule(SeriesSelector.ALL, CheckKind.BOUNDS, null, 0, null, null, null, Level.UNSTABLE, true);
    }
}
