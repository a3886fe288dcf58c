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

    /**
     * A signed percentage with one decimal: {@code +25.0%}, what {@code String.format(Locale.ROOT, "%+.1f%%", percent)}
     * writes. Without the formatter from 0.001 to 10 million: a report of a long history makes a text for each
     * change point and mark, and the formatter (and the locale data it loads first) was a tenth of its time.
     * The formatter rounds half up the decimal digits {@link Double#toString} writes, as this does.
     */
    public static String percent(double percent) {
        double magnitude = Math.abs(percent);
        if (magnitude >= 1e-3 && magnitude < 1e7 || percent == 0) {
            String digits = new BigDecimal(Double.toString(magnitude)).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString();
            // The formatter's sign: minus for every negative, -0.0 and values that round to 0.0 included.
            return (Double.compare(percent, 0.0) < 0 ? "-" : "+") + digits + "%";
        }
        return String.format(java.util.Locale.ROOT, "%+.1f%%", percent);
    }
}
