package dev.nightly.benchmarks.cold;

import java.util.List;
import java.util.Locale;

/** The wall times of one command's measured runs, in milliseconds. */
public record Timing(String command, List<Double> millis) {
    public Timing {
        if (millis.isEmpty()) {
            throw new IllegalArgumentException("no runs of " + command);
        }
        millis = List.copyOf(millis);
    }

    /** The median: a single slow run on a shared machine does not move it. */
    public double median() {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public double min() {
        return millis.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    /** "1.93 s (min 1.88 s, 3 runs)". */
    public String describe() {
        return String.format(Locale.ROOT, "%s (min %s, %d runs)", seconds(median()), seconds(min()), millis.size());
    }

    static String seconds(double ms) {
        return String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }

    @Override
    public String toString() {
        return command + ": " + millis;
    }
}
