package dev.nightly.bench.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NumbersTest {
    /** Percentages are written as the formatter writes them, ties and signs of zero included. */
    @Test
    void percentIsWhatTheFormatterWrites() {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 0.05, -0.05, 0.15, 0.25, 0.35, 0.45, 1.45, 2.675, 2.65, 9.95,
                99.95, 999.95, -0.04, -0.05, 0.04999999999999999, 0.001, 9.99e-4, -0.001, 9999999.95, 1e7, -1e7, 1e300, 5e-324,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 12.25, -12.25, 0.1 + 0.2, 100.0 / 3, 25.0, -25.0));
        SplittableRandom random = new SplittableRandom(18);
        for (int i = 0; i < 300_000; i++) {
            double magnitude = Math.pow(10, random.nextDouble(-5, 8));
            values.add(random.nextBoolean() ? magnitude : -magnitude);
            // Ties of the first decimal, as changes between round numbers give them.
            values.add((random.nextInt(-200_000, 200_000) + 0.5) / 10);
            values.add((random.nextInt(1, 100_000) / (double) random.nextInt(1, 100_000) - 1) * 100);
        }
        for (double value : values) {
            assertThat(Numbers.percent(value)).as("%s", value).isEqualTo(String.format(Locale.ROOT, "%+.1f%%", value));
        }
    }
}
