package dev.nightly.bench.check;

import dev.nightly.bench.model.Numbers;

/**
 * What a value was compared with.
 *
 * @param value       the baseline value, or {@code null} when there is none (then {@code description} says why)
 * @param description how it was chosen, e.g. {@code median of last 10 builds}, {@code build 41},
 *                    {@code bounds [0..100]}
 */
public record Baseline(Double value, String description) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public String describe(String unitSuffix) {
        return value == null ? description : Numbers.format(value) + unitSuffix + " (" + description + ")";
    }
}
