package dev.nightly.bench.check;

/** The checks there are. */
public enum CheckKind {
    /** The value must stay within the dataset definition's {@code min}/{@code max}. */
    BOUNDS,
    /** The value must not get worse than its baseline by more than the tolerance. */
    REGRESSION,
    /** A series that had a value in the previous build must have one in this build too (a benchmark that failed or crashed). */
    MISSING
}
