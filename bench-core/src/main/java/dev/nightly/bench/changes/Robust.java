package dev.nightly.bench.changes;

import java.util.Arrays;

/** Median and median-absolute-deviation statistics: one stray night moves neither. */
public final class Robust {
    /** MAD times this estimates the standard deviation of normally distributed values. */
    public static final double MAD_TO_SIGMA = 1.4826;

    private Robust() {
    }

    public static double median(double[] values) {
        return median(values, 0, values.length);
    }

    /** The median of {@code values[from, to)}; the array is not changed. */
    public static double median(double[] values, int from, int to) {
        if (to <= from) {
            throw new IllegalArgumentException("median of nothing");
        }
        double[] sorted = Arrays.copyOfRange(values, from, to);
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * The robust standard deviation of two parts together, each measured around its own median: the noise
     * of a series with a step in it, without the step.
     */
    static double pooledSigma(double[] left, double leftMedian, double[] right, double rightMedian) {
        double[] deviations = new double[left.length + right.length];
        for (int i = 0; i < left.length; i++) {
            deviations[i] = Math.abs(left[i] - leftMedian);
        }
        for (int i = 0; i < right.length; i++) {
            deviations[left.length + i] = Math.abs(right[i] - rightMedian);
        }
        return MAD_TO_SIGMA * median(deviations);
    }
}
