package dev.nightly.bench.changes;

/** Where a change point stands. */
public enum ChangeStatus {
    /** Nobody has decided anything yet. */
    OPEN,
    /** Acknowledged as a bug: still open, shown as known. */
    KNOWN_BUG,
    /** Acknowledged as expected: the new level is the baseline. */
    EXPECTED,
    /** Acknowledged as not a change: suppressed. */
    NOT_A_CHANGE;

    public static ChangeStatus of(AckStatus ack) {
        return switch (ack) {
            case EXPECTED -> EXPECTED;
            case BUG -> KNOWN_BUG;
            case NO_CHANGE -> NOT_A_CHANGE;
        };
    }

    /** Open: not acknowledged, or acknowledged as a bug. */
    public boolean isOpen() {
        return this == OPEN || this == KNOWN_BUG;
    }

    /** {@code open}, {@code bug}, {@code expected}, {@code no-change}: the CLI's and JSON's words. */
    public String text() {
        return switch (this) {
            case OPEN -> "open";
            case KNOWN_BUG -> "bug";
            case EXPECTED -> "expected";
            case NOT_A_CHANGE -> "no-change";
        };
    }
}
