package dev.nightly.bench.ingest;

import dev.nightly.bench.definitions.Definitions;

/**
 * What a format needs besides the file.
 *
 * @param definitions      HAWD dataset definitions (units, types, bounds), possibly empty
 * @param parameterColumns the user's choice of parameter columns, or the default rule
 */
public record ReadSettings(Definitions definitions, ParameterColumns parameterColumns) {
    public static ReadSettings defaults() {
        return new ReadSettings(Definitions.none(), ParameterColumns.byUnit());
    }
}
