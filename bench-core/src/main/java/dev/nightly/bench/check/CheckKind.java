package dev.nightly.bench.check;

/** The checks there are. */
public enum CheckKind {
    /** The value must stay within the dataset definition's {@code min}/{@code max}. */
    BOUNDS,
    /** The value must not get worse than its baseline by more than the tolerance. */
    REGRESSION,
    /**
     * The series must not have an unacknowledged change point that made it worse: flagged in the build where
     * the change point is first confirmed, then reported as an open regression (flagged only with
     * {@code keepFailing}).
     */
    CHANGE,
    /** A series that had a value in the previous build must have one in this build too (a benchmark that failed or crashed). */
    MISSING
}
