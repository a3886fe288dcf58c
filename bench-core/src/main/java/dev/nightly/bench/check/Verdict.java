package dev.nightly.bench.check;

/** What a check concluded about one series in one build. */
public enum Verdict {
    /** Outside its allowed range. Flagged. */
    OUT_OF_BOUNDS(true),
    /** Worse than its baseline by more than the tolerance. Flagged. */
    REGRESSED(true),
    /** Better than its baseline by more than the tolerance. Reported, never flagged. */
    IMPROVED(false),
    /** Within the tolerance of its baseline, or within its bounds. */
    OK(false),
    /** Nothing to compare with yet (a new series, or the named baseline build lacks it). */
    NO_BASELINE(false),
    /**
     * A change point that made the series worse, reported before and not acknowledged as expected (or
     * acknowledged as a bug). Reported; flagged as {@link #REGRESSED} instead where the checks ask that open
     * changes keep failing.
     */
    OPEN_REGRESSION(false),
    /** Had a value in the previous build and has none in this one: the benchmark failed, crashed or was dropped. Flagged. */
    MISSING(true),
    /** Compared, but which way is better is unknown (no unit, no direction in the checks): shown, never flagged. */
    NOT_JUDGED(false);

    private final boolean flagged;

    Verdict(boolean flagged) {
        this.flagged = flagged;
    }

    public boolean isFlagged() {
        return flagged;
    }
}
