package dev.nightly.bench.changes;

/**
 * How change points are searched for. The defaults are what the quality benchmark measured
 * ({@code benchmarks} module, {@code ChangePointQuality}; README, "Change points").
 *
 * @param window       how many points one search looks at; a series longer than that is searched window by
 *                     window, each new window starting at the last change point confirmed in the one before
 * @param margin       a change point is confirmed (kept for good) once its window is full and it lies at least
 *                     this many points before the window's end
 * @param minSegment   the fewest points on either side of a change point: a change is reported once this
 *                     many nights show the new level, and fewer stray nights never make one
 * @param alpha        significance level of the permutation test
 * @param permutations shuffles per test; {@code alpha * (permutations + 1)} must be at least 1
 * @param minSigmas    the shift across a change point (Hodges-Lehmann) must be this many robust standard
 *                     deviations (Qn) of the values either side
 * @param minPercent   and this many percent of the level before
 * @param seed         seeds the shuffles (mixed with each segment's values)
 */
public record ChangeSettings(int window, int margin, int minSegment, double alpha, int permutations, double minSigmas,
                             double minPercent, long seed) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public ChangeSettings {
        if (minSegment < 2 || window < 4 * minSegment || margin < minSegment || margin >= window / 2) {
            throw new IllegalArgumentException("change settings: need minSegment >= 2, window >= 4 x minSegment, "
                    + "minSegment <= margin < window / 2; got window " + window + ", margin " + margin + ", minSegment " + minSegment);
        }
        if (!(alpha > 0 && alpha < 1) || alpha * (permutations + 1) < 1) {
            throw new IllegalArgumentException("change settings: alpha " + alpha + " cannot be reached with "
                    + permutations + " permutations");
        }
    }

    public static ChangeSettings defaults() {
        return new ChangeSettings(100, 25, 3, 0.001, 999, 1.5, 1.0, 0x6E696768746C79L);
    }
}
