package dev.nightly.bench.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nightly.bench.model.Bounds;
import dev.nightly.bench.model.DatasetInfo;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The JSON form of the model pieces that several files share (the store's manifest, the per-build results
 * file, the export), written and read in one place so that the forms cannot drift apart.
 */
public final class ModelJson {
    private static final Set<String> DATASET_KEYS = Set.of("id", "name", "description", "bounds");

    private ModelJson() {
    }

    /** {@code {"id", "name", "description", "bounds": {"column": {"min", "max"}}}} */
    public static void writeDataset(JsonGenerator json, DatasetInfo info) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", info.id());
        json.writeStringField("name", info.name());
        json.writeStringField("description", info.description());
        json.writeObjectFieldStart("bounds");
        for (Map.Entry<String, Bounds> bound : new TreeMap<>(info.bounds()).entrySet()) {
            json.writeObjectFieldStart(bound.getKey());
            if (bound.getValue().min() != null) {
                json.writeNumberField("min", bound.getValue().min());
            }
            if (bound.getValue().max() != null) {
                json.writeNumberField("max", bound.getValue().max());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    public static DatasetInfo readDataset(String source, String path, JsonNode node) {
        JsonFields dataset = JsonFields.of(source, path, node).allowOnly(DATASET_KEYS);
        Map<String, Bounds> bounds = new TreeMap<>();
        JsonNode boundsNode = dataset.get("bounds");
        if (boundsNode != null) {
            JsonFields.of(source, dataset.path("bounds"), boundsNode);
            boundsNode.fields().forEachRemaining(bound -> {
                JsonFields range = JsonFields.of(source, dataset.path("bounds") + "." + bound.getKey(), bound.getValue())
                        .allowOnly(Set.of("min", "max"));
                bounds.put(bound.getKey(), new Bounds(range.number("min"), range.number("max")));
            });
        }
        String id = dataset.requiredString("id");
        return new DatasetInfo(id, dataset.string("name", id), dataset.string("description", ""), bounds);
    }

    /** {@code "parameters": {"name": "value"}} */
    public static void writeParameters(JsonGenerator json, Map<String, String> parameters) throws IOException {
        json.writeObjectFieldStart("parameters");
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            json.writeStringField(parameter.getKey(), parameter.getValue());
        }
        json.writeEndObject();
    }

    /** The parameters of {@code fields}, an empty map when absent; values must be strings. */
    public static SortedMap<String, String> readParameters(JsonFields fields) {
        SortedMap<String, String> parameters = new TreeMap<>();
        JsonNode node = fields.get("parameters");
        if (node != null && !node.isNull()) {
            fields.object("parameters");
            node.fields().forEachRemaining(parameter -> {
                if (!parameter.getValue().isTextual()) {
                    throw fields.error(fields.path("parameters") + "." + parameter.getKey(), "must be a string");
                }
                parameters.put(parameter.getKey(), parameter.getValue().textValue());
            });
        }
        return parameters;
    }
}
