package dev.nightly.bench.definitions;

import dev.nightly.bench.model.Bounds;

/**
 * One column of a HAWD dataset definition.
 *
 * @param name the column name
 * @param type its type ({@link ColumnType#INT} when missing or unknown, as in HAWD)
 * @param unit its unit, possibly empty
 * @param min  HAWD's lower bound, 0 when absent
 * @param max  HAWD's upper bound, 0 when absent (0/0 means no bound)
 */
public record ColumnDefinition(String name, ColumnType type, String unit, long min, long max) {
    public Bounds bounds() {
        return Bounds.fromHawd(min, max);
    }
}
