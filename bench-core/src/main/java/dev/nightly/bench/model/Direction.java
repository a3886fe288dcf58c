package dev.nightly.bench.model;

import java.util.Locale;
import java.util.Set;

/** Which way a series gets better. */
public enum Direction {
    LOWER_IS_BETTER,
    HIGHER_IS_BETTER;

    private static final Set<String> TIME_UNITS = Set.of(
            "ns", "us", "µs", "μs", "ms", "s", "sec", "secs", "second", "seconds", "min", "m", "h", "hr", "hour", "hours",
            "d", "day", "days");

    /**
     * Infers the direction from a unit: durations and sizes ({@code ms}, {@code s}, {@code kb},
     * {@code byte}) get better as they fall; rates, anything per unit of time ({@code ops/ms},
     * {@code result/ms}, {@code MB/s}), get better as they rise. Anything else is taken as a cost.
     */
    public static Direction fromUnit(String unit) {
        String normalized = unit == null ? "" : unit.trim().toLowerCase(Locale.ROOT);
        int slash = normalized.lastIndexOf('/');
        if (slash >= 0 && TIME_UNITS.contains(normalized.substring(slash + 1).trim())) {
            return HIGHER_IS_BETTER;
        }
        if (normalized.endsWith("per second") || normalized.endsWith("per sec") || normalized.equals("hz")
                || normalized.equals("ops") || normalized.equals("fps")) {
            return HIGHER_IS_BETTER;
        }
        return LOWER_IS_BETTER;
    }

    /**
     * The direction a unit tells, or empty when there is no unit to tell it (a Google Benchmark counter
     * without a unit in its name, say): such a series is charted but not judged unless the checks name a
     * direction.
     */
    public static java.util.Optional<Direction> known(String unit) {
        return unit == null || unit.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(fromUnit(unit));
    }

    /**
     * The change from a baseline to a value, in percent, signed so that a positive number is always a
     * change for the worse.
     */
    public double worsening(double baseline, double value) {
        double change = Change.percent(baseline, value);
        return this == LOWER_IS_BETTER ? change : -change;
    }
}
