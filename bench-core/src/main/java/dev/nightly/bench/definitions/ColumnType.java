package dev.nightly.bench.definitions;

import java.util.Locale;

/** HAWD's column types. HAWD reads the name case-insensitively and takes anything unknown as int. */
public enum ColumnType {
    DATE, TIME, INT, UINT, BOOL, FLOAT, DOUBLE, CHAR, STRING, DATETIME;

    public static ColumnType parse(String name) {
        if (name == null) {
            return INT;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException unknown) {
            return INT;
        }
    }

    /** Whether values of this type are text rather than numbers (so they can only be parameters). */
    public boolean isText() {
        return this == DATE || this == TIME || this == CHAR || this == STRING || this == DATETIME;
    }
}
