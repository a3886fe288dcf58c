package dev.nightly.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded synthetic benchmark series with known change points, for measuring change point detection:
 * pure noise (Gaussian, heavy-tailed with outliers), single steps, slow drifts, repeated steps and
 * bimodal series. Values are around 100, so a noise of 2% is a standard deviation of 2.
 */
final class SyntheticSeries {
    static final double LEVEL = 100;

    /**
     * One generated series.
     *
     * @param values the values, one per build
     * @param steps  the indices where a new level starts (empty for noise, drift and bimodal series)
     */
    record Generated(double[] values, int[] steps) {
    }

    private SyntheticSeries() {
    }

    /** Gaussian noise of {@code sigma} percent. */
    static List<Generated> gaussian(int count, int length, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Generated> all = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            all.add(new Generated(gaussianValues(random, length, sigma), new int[0]));
        }
        return all;
    }

    /**
     * Heavy-tailed noise: Student's t with 3 degrees of freedom scaled to a robust spread of {@code sigma}
     * percent, and with probability {@code outliers} a value 20% to 60% off (either way: a machine that
     * was busy, a cache that was cold).
     */
    static List<Generated> heavyTailed(int count, int length, double sigma, double outliers, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Generated> all = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            double[] values = new double[length];
            for (int i = 0; i < length; i++) {
                double t = gaussian(random) / Math.sqrt(chiSquare(random, 3) / 3);
                // t(3)'s median absolute deviation is 0.765, so this has a robust sigma of `sigma` percent.
                values[i] = LEVEL * (1 + sigma / 100 * t / 0.765 * 0.6745);
                if (random.nextDouble() < outliers) {
                    double off = 0.2 + 0.4 * random.nextDouble();
                    values[i] = LEVEL * (random.nextBoolean() ? 1 + off : 1 - off / 2);
                }
            }
            all.add(new Generated(values, new int[0]));
        }
        return all;
    }

    /** One step of {@code multiple} times the noise, up or down, at a build between 20 and 80 percent in. */
    static List<Generated> step(int count, int length, double sigma, double multiple, boolean up, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Generated> all = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            double[] values = gaussianValues(random, length, sigma);
            int at = length / 5 + random.nextInt(length * 3 / 5);
            // Added, not multiplied: the noise stays what it was, so the step is `multiple` times it either way.
            double shift = (up ? 1 : -1) * multiple * sigma / 100 * LEVEL;
            for (int i = at; i < length; i++) {
                values[i] += shift;
            }
            all.add(new Generated(values, new int[] {at}));
        }
        return all;
    }

    /** A slow drift: the level moves by {@code totalPercent} over the series, linearly. */
    static List<Generated> drift(int count, int length, double sigma, double totalPercent, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Generated> all = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            double[] values = gaussianValues(random, length, sigma);
            for (int i = 0; i < length; i++) {
                values[i] += LEVEL * totalPercent / 100 * i / (length - 1);
            }
            all.add(new Generated(values, new int[0]));
        }
        return all;
    }

    /** Three steps of 3 to 5 times the noise, each way, at least 15 builds apart. */
    static List<Generated> repeatedSteps(int count, int length, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Generated> all = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            double[] values = gaussianValues(random, length, sigma);
            int[] steps = new int[3];
            do {
                for (int k = 0; k < 3; k++) {
                    steps[k] = 15 + random.nextInt(length - 30);
                }
                Arrays.sort(steps);
            } while (steps[1] - steps[0] < 15 || steps[2] - steps[1] < 15);
            double shift = 0;
            int next = 0;
            for (int i = 0; i < length; i++) {
                if (next < 3 && i == steps[next]) {
                    shift += (random.nextBoolean() ? 1 : -1) * (3 + 2 * random.nextDouble()) * sigma / 100 * LEVEL;
                    next++;
                }
                values[i] += shift;
            }
            all.add(new Generated(values, steps));
        }
        return all;
    }

    /** Two modes {@code gapSigmas} noise apart, the upper one taken with probability {@code share}: no change. */
    static List<Generated> bimodal(int count, int length, double sigma, double gapSigmas, double share, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Generated> all = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            double[] values = gaussianValues(random, length, sigma);
            for (int i = 0; i < length; i++) {
                if (random.nextDouble() < share) {
                    values[i] += LEVEL * gapSigmas * sigma / 100;
                }
            }
            all.add(new Generated(values, new int[0]));
        }
        return all;
    }

    private static double[] gaussianValues(SplittableRandom random, int length, double sigma) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = LEVEL * (1 + sigma / 100 * gaussian(random));
        }
        return values;
    }

    /** Box-Muller: SplittableRandom has no Gaussian of its own in Java 17. */
    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static double chiSquare(SplittableRandom random, int degrees) {
        double sum = 0;
        for (int k = 0; k < degrees; k++) {
            double g = gaussian(random);
            sum += g * g;
        }
        return sum;
    }
}
