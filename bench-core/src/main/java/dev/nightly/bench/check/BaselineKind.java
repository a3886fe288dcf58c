package dev.nightly.bench.check;

/** How a regression check chooses what to compare with. */
public enum BaselineKind {
    /** The value just before, whatever build it came from. */
    PREVIOUS,
    /** The median of the last N values before (N = the rule's window). */
    MEDIAN,
    /** The value of one named build. */
    BUILD,
    /**
     * The default: the median of the recent values, with a tolerance that follows how noisy the series has
     * been (robust spread of the same values), unless the rule gives a tolerance.
     */
    AUTO
}
