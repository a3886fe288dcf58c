package dev.nightly.bench.definitions;

import dev.nightly.bench.model.Bounds;
import dev.nightly.bench.model.DatasetInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A HAWD dataset definition: one file without extension in the definitions folder, named by the
 * dataset id.
 *
 * @param id          the dataset id (the file name)
 * @param name        its human name
 * @param description its description
 * @param columns     its columns; empty for the pre-2015 object form, which HAWD itself reads as no columns
 */
public record DatasetDefinition(String id, String name, String description, List<ColumnDefinition> columns) {
    public DatasetDefinition {
        columns = List.copyOf(columns);
    }

    public Optional<ColumnDefinition> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** The dataset information stored with the history: names and the bounds of bounded columns. */
    public DatasetInfo info() {
        Map<String, Bounds> bounds = new LinkedHashMap<>();
        for (ColumnDefinition column : columns) {
            if (!column.bounds().isNone()) {
                bounds.put(column.name(), column.bounds());
            }
        }
        return new DatasetInfo(id, name, description, bounds);
    }
}
