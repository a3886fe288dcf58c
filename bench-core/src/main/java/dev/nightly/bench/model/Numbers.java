package dev.nightly.bench.model;

import java.math.BigDecimal;

/** Number formatting shared by reports: no trailing zeros, no exponent for everyday magnitudes. */
public final class Numbers {
    private Numbers() {
    }

    /** {@code 5000.0} as {@code 5000}, {@code 0.25} as {@code 0.25}; at most six significant decimals. */
    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        BigDecimal decimal = new BigDecimal(value).round(new java.math.MathContext(6)).stripTrailingZeros();
        return decimal.abs().compareTo(BigDecimal.valueOf(1e-4)) < 0 || decimal.abs().compareTo(BigDecimal.valueOf(1e15)) >= 0
                ? decimal.toString() : decimal.toPlainString();
    }

    /** A signed percentage with one decimal: {@code +25.0%}. */
    public static String percent(double percent) {
        return String.format(java.util.Locale.ROOT, "%+.1f%%", percent);
    }
}
