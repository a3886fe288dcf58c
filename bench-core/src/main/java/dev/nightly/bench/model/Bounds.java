package dev.nightly.bench.model;

/**
 * The allowed range of a measured column, from HAWD's {@code min}/{@code max}. HAWD reads both as
 * integers defaulting to 0, and 0/0 means "no bound"; a max of 0 below a positive min means only a lower
 * bound was meant.
 *
 * @param min lowest allowed value, or {@code null} for none
 * @param max highest allowed value, or {@code null} for none
 */
public record Bounds(Double min, Double max) implements java.io.Serializable {
    public static final Bounds NONE = new Bounds(null, null);

    /** Reads HAWD's convention. */
    public static Bounds fromHawd(long min, long max) {
        if (min == 0 && max == 0) {
            return NONE;
        }
        if (max == 0 && min > 0) {
            return new Bounds((double) min, null);
        }
        return new Bounds((double) min, (double) max);
    }

    public boolean isNone() {
        return min == null && max == null;
    }

    public boolean contains(double value) {
        return (min == null || value >= min) && (max == null || value <= max);
    }

    @Override
    public String toString() {
        if (isNone()) {
            return "none";
        }
        return "[" + (min == null ? "" : Numbers.format(min)) + ".." + (max == null ? "" : Numbers.format(max)) + "]";
    }
}
