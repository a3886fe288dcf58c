package dev.nightly.bench.changes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * E-divisive means: hierarchical significance testing of change points, after D. S. Matteson and
 * N. A. James, "A Nonparametric Approach for Multiple Change Point Analysis of Multivariate Data",
 * Journal of the American Statistical Association 109(505), 2014, with the energy distance at
 * {@code alpha = 1} (absolute differences), as MongoDB's performance CI uses it (D. Daly et al., "The Use
 * of Change Point Detection to Identify Software Performance Regressions in a Continuous Integration
 * System", ICPE 2020) and Apache Otava (formerly Hunter) after it. Our own implementation.
 *
 * <p>A segment is split where the scaled energy statistic
 * {@code Q(τ) = m·k/(m+k) · (2/(m·k)·Σ|x−y| − Σ|x−x'|/C(m,2) − Σ|y−y'|/C(k,2))} of its two parts is
 * largest; the split is kept if a permutation test says the largest Q is unlikely under "no change"
 * (the values of the segment shuffled, the largest Q over all splits of each shuffle compared with the
 * observed one), and each part is then searched again. Three additions keep nightly benchmark noise from
 * making change points, each because the plain method allows something a nightly series has, and one
 * places them better:
 * <ul>
 *   <li>a minimum segment length, so that one or two stray nights cannot be a segment of their own;</li>
 *   <li>a minimum effect: the shift across the split (Hodges-Lehmann: the median of the differences
 *       between a value after and a value before) must be a number of robust standard deviations (Qn of
 *       the values either side) and a minimum percentage. Both are robust: outliers move neither, while
 *       they do move the energy statistic somewhat; and a series that is steady to 0.01% would otherwise
 *       turn a 0.1% shift into a change. Both are also efficient: a difference of medians and the median
 *       absolute deviation, used before, are noisy enough that a step of 3 noise widths looked like one of
 *       less than 2 in about 2% of series, and the guard dropped it;</li>
 *   <li>a stricter significance level than the papers' (0.001 with 999 permutations by default: one
 *       test per quiet series, so about one false change point per thousand series at most), and a
 *       permutation test that stops as soon as the observed statistic can no longer be significant, so
 *       quiet series cost a handful of shuffles;</li>
 *   <li>the split is then placed by least squares near where the energy statistic put it ({@link #refine}).</li>
 * </ul>
 * Shuffles come from a generator seeded with the segment's values, so a segment always gives the same
 * answer, whoever asks and in whatever order.
 */
final class EDivisive {
    /** How far either side of a split its effect is judged. */
    static final int NEAR = 25;
    /** How many standard errors the shift across a split must be. */
    static final double Z_SHIFT = 4.0;
    /** How far (in points) {@link #refine} may move a split. */
    static final int REFINE = 5;
    /** Where {@link #refine} clips values: robust standard deviations beyond the two levels. */
    static final double CLIP = 3.0;
    /** The standard error of a Hodges-Lehmann shift of normal values is this times that of a difference of means: √(π/3). */
    private static final double SHIFT_EFFICIENCY = 1.0233;

    private final ChangeSettings settings;

    EDivisive(ChangeSettings settings) {
        this.settings = settings;
    }

    /**
     * A split found significant.
     *
     * @param index  the first index of the part after the change
     * @param pValue the permutation test's p-value
     */
    record Split(int index, double pValue) {
    }

    /** The change points of {@code values[from, to)}, by index, ascending. */
    List<Split> splits(double[] values, int from, int to) {
        List<Split> found = new ArrayList<>();
        search(values, from, to, found);
        found.sort((a, b) -> Integer.compare(a.index, b.index));
        return found;
    }

    private void search(double[] values, int from, int to, List<Split> found) {
        int min = settings.minSegment();
        if (to - from < 2 * min) {
            return;
        }
        double[] segment = Arrays.copyOfRange(values, from, to);
        Shuffles work = new Shuffles(segment);
        int best = work.bestSplit(work.rank);
        if (best < 0) {
            return;
        }
        double observed = work.bestQ;
        best = refine(segment, best);
        if (!largeEnough(segment, best)) {
            return;
        }
        double p = pValue(segment, work, observed);
        if (p > settings.alpha()) {
            return;
        }
        found.add(new Split(from + best, p));
        search(values, from, from + best, found);
        search(values, from + best, to, found);
    }

    /**
     * What every order of one segment's values shares, worked out once so that each of the thousand
     * shuffles of a permutation test costs one pass over the values: the sum of all distances and each
     * value's distances to all the others do not depend on the order, so only the distances to earlier
     * values are counted per order (from a Fenwick tree of counts and sums by rank: O(n log n) per order
     * instead of O(n²)); those to later values are the rest. Scratch arrays are reused from order to order.
     */
    private final class Shuffles {
        final int[] rank;
        /** The largest Q of the order {@link #bestSplit} looked at last. */
        double bestQ;
        /** The values by rank. */
        private final double[] sorted;
        /** {@code 1 / (m − 1)} for a part of m values. */
        private final double[] perPair;
        /** Σ_{i<j} |x_i − x_j| over the whole segment. */
        private final double total;
        /** By rank: the value's summed distance to every value of the segment. */
        private final double[] toAll;
        private final int[] counts;
        private final double[] sums;

        Shuffles(double[] x) {
            int n = x.length;
            rank = ranks(x);
            sorted = new double[n];
            for (int i = 0; i < n; i++) {
                sorted[rank[i]] = x[i];
            }
            double all = 0;
            for (double v : sorted) {
                all += v;
            }
            toAll = new double[n];
            double below = 0;
            double sum = 0;
            for (int r = 0; r < n; r++) {
                double v = sorted[r];
                toAll[r] = r * v - below + (all - below - v) - (n - 1 - r) * v;
                below += v;
                sum += toAll[r];
            }
            total = sum / 2;
            perPair = new double[n];
            for (int m = 2; m < n; m++) {
                perPair[m] = 1.0 / (m - 1);
            }
            counts = new int[n + 1];
            sums = new double[n + 1];
        }

        /** How far two computations of the same Q may differ by rounding: Q is a small difference of sums of up to {@code total}. */
        double roundingMargin() {
            return 1e-10 * total;
        }

        /**
         * The split of the order whose values by rank are {@code order} with the largest Q, or -1 when none
         * is allowed; {@link #bestQ} is then its Q. {@code Q(τ) = 2/n · (total − (n−1) · (L/(m−1) + R/(k−1)))}
         * with L and R the inner sums of the two parts: the class comment's Q, rearranged so that
         * a split costs two multiplications and no division.
         */
        int bestSplit(int[] order) {
            int n = order.length;
            int min = settings.minSegment();
            // before = Σ_{i<j} |x_i − x_j|; moving point j from the right part to the left adds it to the
            // left's inner sum and removes toAll − before (its distances to later points) from the right's.
            // One pass: the split after point j is judged as soon as point j is counted.
            Arrays.fill(counts, 0);
            Arrays.fill(sums, 0);
            double seenSum = 0;
            double left = 0;
            double right = total;
            int best = -1;
            double bestW = Double.POSITIVE_INFINITY;
            int last = n - min;
            for (int j = 0; j < last; j++) {
                int lessCount = 0;
                double lessSum = 0;
                int r0 = order[j];
                for (int r = r0; r > 0; r -= r & -r) {
                    lessCount += counts[r];
                    lessSum += sums[r];
                }
                double xj = sorted[r0];
                double before = lessCount * xj - lessSum + (seenSum - lessSum) - (j - lessCount) * xj;
                for (int r = r0 + 1; r <= n; r += r & -r) {
                    counts[r]++;
                    sums[r] += xj;
                }
                seenSum += xj;
                left += before;
                right -= toAll[r0] - before;
                int tau = j + 1;
                if (tau >= min) {
                    double w = left * perPair[tau] + right * perPair[n - tau];
                    if (w < bestW) {
                        bestW = w;
                        best = tau;
                    }
                }
            }
            bestQ = 2.0 / n * (total - (n - 1) * bestW);
            return best;
        }
    }

    /** The rank of each value (0 for the smallest; equal values get consecutive ranks). */
    private static int[] ranks(double[] x) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < x.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        int[] rank = new int[x.length];
        for (int r = 0; r < x.length; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }

    /**
     * The share of shuffles whose best Q reaches the observed one, counting the observed order itself
     * ({@code (1 + hits) / (1 + shuffles)}). Stops once that share cannot fall to the significance level.
     */
    private double pValue(double[] segment, Shuffles work, double observed) {
        int permutations = settings.permutations();
        int allowed = (int) Math.floor(settings.alpha() * (permutations + 1)) - 1;
        SplittableRandom random = new SplittableRandom(seed(segment));
        int[] shuffled = work.rank.clone();
        int hits = 0;
        for (int r = 1; r <= permutations; r++) {
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            int best = work.bestSplit(shuffled);
            // A shuffle that puts the same values on each side as the observed split has the same Q, but
            // computed in another order it may differ in the last bits of the sums it comes from: those of
            // the total distance, which is what the margin is measured against, not Q itself.
            if (best >= 0 && work.bestQ >= observed - work.roundingMargin()) {
                hits++;
                if (hits > allowed) {
                    return (1.0 + hits) / (1.0 + r);
                }
            }
        }
        return (1.0 + hits) / (1.0 + permutations);
    }

    private long seed(double[] segment) {
        long h = settings.seed() ^ 0x9E3779B97F4A7C15L * segment.length;
        for (double v : segment) {
            h = (h ^ Double.doubleToLongBits(v)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h;
    }

    /**
     * Where near the energy statistic's split the level really changes. The energy statistic (absolute
     * differences) tells well whether a segment has a change, but places a step of a few noise widths a
     * build or more off now and then: it weighs the spread within each part, not only the levels. Among
     * the splits up to {@link #REFINE} points either side, this takes the least-squares estimate of a change
     * in mean, the split that maximises {@code m·k/(m+k)·(mean_left − mean_right)²} over the points near it
     * (D. V. Hinkley, "Inference about the change-point in a sequence of random variables", Biometrika
     * 57(1), 1970: the maximum likelihood change point for normal noise). So that one stray night does not
     * pull it, values are first clipped to the band from {@link #CLIP} robust standard deviations below the
     * lower level to as much above the higher (winsorising, as in Huber's M-estimation of location, P. J.
     * Huber, Annals of Mathematical Statistics 35(1), 1964). A refined split keeps the minimum segment.
     */
    private int refine(double[] x, int tau) {
        int min = settings.minSegment();
        int lo = Math.max(0, tau - NEAR);
        int hi = Math.min(x.length, tau + NEAR);
        double[] left = Arrays.copyOfRange(x, lo, tau);
        double[] right = Arrays.copyOfRange(x, tau, hi);
        double before = Robust.median(left);
        double after = Robust.median(right);
        double sigma = Robust.pooledSigma(left, right);
        double low = Math.min(before, after) - CLIP * sigma;
        double high = Math.max(before, after) + CLIP * sigma;
        double[] prefix = new double[hi - lo + 1];
        for (int i = lo; i < hi; i++) {
            prefix[i - lo + 1] = prefix[i - lo] + Math.min(high, Math.max(low, x[i]));
        }
        double total = prefix[hi - lo];
        int best = tau;
        double bestT = Double.NEGATIVE_INFINITY;
        for (int t = Math.max(tau - REFINE, Math.max(min, lo + 1)); t <= Math.min(tau + REFINE, Math.min(x.length - min, hi - 1)); t++) {
            int m = t - lo;
            int k = hi - t;
            double difference = prefix[m] / m - (total - prefix[m]) / k;
            double value = (double) m * k / (m + k) * difference * difference;
            // Ties go to the energy statistic's own split, then to the earlier one.
            if (value > bestT || (value == bestT && t == tau)) {
                bestT = value;
                best = t;
            }
        }
        return best;
    }

    /**
     * The minimum effect, judged near the split (up to {@link #NEAR} points either side, so that another
     * change further away does not hide this one): the Hodges-Lehmann shift ({@link Robust#shift}) must be
     * {@code minSigmas} robust standard deviations ({@link Robust#pooledSigma}), {@code minPercent} percent of
     * the median before, and {@link #Z_SHIFT} standard errors of the shift ({@code 1.0233 σ √(1/m + 1/k)}).
     * The last is what keeps the newest few nights from making a change point by chance: the shift to
     * three nights is far less sure than the shift to thirty.
     */
    private boolean largeEnough(double[] x, int tau) {
        double[] left = Arrays.copyOfRange(x, Math.max(0, tau - NEAR), tau);
        double[] right = Arrays.copyOfRange(x, tau, Math.min(x.length, tau + NEAR));
        double before = Robust.median(left);
        double after = Robust.median(right);
        double shift = Math.abs(Robust.shift(left, right));
        if (shift == 0) {
            return false;
        }
        double base = Math.abs(before);
        if (base > 0 && shift / base * 100.0 < settings.minPercent()) {
            return false;
        }
        double sigma = Robust.pooledSigma(left, right);
        double standardError = SHIFT_EFFICIENCY * sigma * Math.sqrt(1.0 / left.length + 1.0 / right.length);
        return shift >= settings.minSigmas() * sigma && shift >= Z_SHIFT * standardError;
    }
}
