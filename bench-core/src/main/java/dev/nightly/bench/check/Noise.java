package dev.nightly.bench.check;

import dev.nightly.bench.changes.Robust;

/**
 * Robust statistics of a series' recent values: the median as the baseline and the median absolute
 * deviation as the noise. Both ignore a stray outlier, unlike mean and standard deviation, so one bad
 * night neither moves the baseline nor widens the tolerance much.
 */
public final class Noise {
    /** Tolerance in percent when there are too few values to measure noise. */
    public static final double FALLBACK_TOLERANCE = 10.0;
    /** Never flag less than this: machines jitter by a few percent even when nothing changed. */
    public static final double MIN_TOLERANCE = 5.0;
    /**
     * Never allow more than this from noise alone, so that a 25% regression is always caught; a series
     * noisier than that needs a rule of its own (or a format that reports its error).
     */
    public static final double MAX_TOLERANCE = 20.0;
    /** How many robust standard deviations a change must exceed. */
    public static final double SIGMAS = 4.0;
    /** Fewer values than this give no noise estimate. */
    public static final int MIN_VALUES = 3;
    /** MAD times this estimates the standard deviation of normally distributed values. */
    private static final double MAD_TO_SIGMA = Robust.MAD_TO_SIGMA;

    private Noise() {
    }

    public static double median(double[] values) {
        return Robust.median(values);
    }

    /** The robust standard deviation of {@code values} relative to their median, in percent. */
    public static double relativeSpread(double[] values) {
        return relativeSpread(values, median(values));
    }

    /** As {@link #relativeSpread(double[])}, given the median of {@code values}. */
    private static double relativeSpread(double[] values, double median) {
        if (median == 0) {
            return 0;
        }
        double[] deviations = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            deviations[i] = Math.abs(values[i] - median);
        }
        return MAD_TO_SIGMA * median(deviations) / Math.abs(median) * 100.0;
    }

    /**
     * The tolerance in percent for a new value against recent {@code values}: {@value #SIGMAS} robust
     * standard deviations, kept between {@value #MIN_TOLERANCE}% and {@value #MAX_TOLERANCE}%, and never
     * below twice the value's own reported error.
     *
     * @param values        recent values, at least one
     * @param relativeError the new value's own error in percent of the baseline, or {@code NaN}
     */
    public static double tolerance(double[] values, double relativeError) {
        return tolerance(values, values.length < MIN_VALUES ? Double.NaN : median(values), relativeError);
    }

    /**
     * As {@link #tolerance(double[], double)}, given the median of {@code values} (the baseline the checker
     * already took of them): a report checks every point of a long history against its window.
     */
    public static double tolerance(double[] values, double median, double relativeError) {
        double tolerance = values.length < MIN_VALUES
                ? FALLBACK_TOLERANCE
                : Math.min(MAX_TOLERANCE, Math.max(MIN_TOLERANCE, SIGMAS * relativeSpread(values, median)));
        if (!Double.isNaN(relativeError)) {
            tolerance = Math.max(tolerance, 2 * relativeError);
        }
        return tolerance;
    }
}
