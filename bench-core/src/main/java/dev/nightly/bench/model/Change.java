package dev.nightly.bench.model;

/** Relative change between two values. */
public final class Change {
    private Change() {
    }

    /**
     * The change from {@code baseline} to {@code value} in percent of the baseline's magnitude; 0 when both
     * are 0 and an infinite value when only the baseline is.
     */
    public static double percent(double baseline, double value) {
        if (baseline == 0) {
            return value == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, value);
        }
        return (value - baseline) / Math.abs(baseline) * 100.0;
    }
}
