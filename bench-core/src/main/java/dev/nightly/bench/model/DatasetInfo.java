package dev.nightly.bench.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a dataset is called, what it measures and the allowed range of its measured columns. Stored with
 * the history, so that pages and checks need nothing but the store.
 *
 * @param id          the dataset id (the HAWD definition file name)
 * @param name        a human name, or the id when none is known
 * @param description a description, possibly empty
 * @param bounds      measured column name to its allowed range; columns without bounds are absent
 */
public record DatasetInfo(String id, String name, String description, Map<String, Bounds> bounds) implements java.io.Serializable {
    public DatasetInfo {
        Objects.requireNonNull(id, "id");
        name = name == null || name.isBlank() ? id : name;
        description = description == null ? "" : description;
        bounds = Map.copyOf(bounds == null ? Map.of() : bounds);
    }

    public static DatasetInfo of(String id) {
        return new DatasetInfo(id, id, "", Map.of());
    }

    public Bounds boundsOf(String measure) {
        return bounds.getOrDefault(measure, Bounds.NONE);
    }

    /** This information completed by a newer one: what the newer one knows wins. */
    public DatasetInfo mergedWith(DatasetInfo newer) {
        Map<String, Bounds> merged = new TreeMap<>(bounds);
        merged.putAll(newer.bounds);
        return new DatasetInfo(id,
                newer.name.equals(newer.id) ? name : newer.name,
                newer.description.isEmpty() ? description : newer.description,
                merged);
    }
}
