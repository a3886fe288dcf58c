package dev.nightly.bench.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nightly.bench.json.JsonFields;
import dev.nightly.bench.json.JsonInput;
import dev.nightly.bench.json.ModelJson;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.SeriesKey;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link BenchmarkResults} as a JSON file of its own. The Jenkins plugin keeps one per build, so that a
 * lost or damaged history store can be rebuilt from the builds.
 */
public final class ResultsJson {
    private ResultsJson() {
    }

    public static void write(BenchmarkResults results, OutputStream out) throws IOException {
        try (JsonGenerator json = JsonInput.factory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("format", "nightly-results");
            json.writeNumberField("version", 1);
            json.writeArrayFieldStart("datasets");
            for (DatasetInfo info : new TreeMap<>(results.datasets()).values()) {
                ModelJson.writeDataset(json, info);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("observations");
            for (Observation observation : results.observations()) {
                json.writeStartObject();
                json.writeStringField("dataset", observation.key().dataset());
                json.writeStringField("measure", observation.key().measure());
                ModelJson.writeParameters(json, observation.key().parameters());
                json.writeStringField("unit", observation.unit());
                if (observation.time() != null) {
                    json.writeStringField("time", observation.time().toString());
                }
                json.writeStringField("commit", observation.commit());
                json.writeNumberField("value", observation.value());
                if (!Double.isNaN(observation.error())) {
                    json.writeNumberField("error", observation.error());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    public static BenchmarkResults read(Path file) {
        String source = file.toString();
        JsonNode root = JsonInput.readTree(file, "a nightly results file");
        JsonFields fields = JsonFields.of(source, "", root).allowOnly(Set.of("format", "version", "datasets", "observations"));
        if (!"nightly-results".equals(fields.string("format", null)) || fields.integer("version", 0) != 1) {
            throw new BadInputException(source + ": not a nightly results file (format nightly-results, version 1)");
        }
        Map<String, DatasetInfo> datasets = new LinkedHashMap<>();
        for (JsonNode node : array(fields, "datasets")) {
            DatasetInfo dataset = ModelJson.readDataset(source, "datasets[]", node);
            datasets.put(dataset.id(), dataset);
        }
        List<Observation> observations = new ArrayList<>();
        int index = 0;
        for (JsonNode node : array(fields, "observations")) {
            JsonFields observation = JsonFields.of(source, "observations[" + index++ + "]", node)
                    .allowOnly(Set.of("dataset", "measure", "parameters", "unit", "time", "commit", "value", "error"));
            Double value = observation.number("value");
            if (value == null) {
                throw observation.error(observation.path("value"), "is required");
            }
            Double error = observation.number("error");
            String time = observation.string("time", null);
            observations.add(new Observation(
                    SeriesKey.of(observation.requiredString("dataset"), observation.requiredString("measure"),
                            ModelJson.readParameters(observation)),
                    observation.string("unit", ""), time == null ? null : LocalDateTime.parse(time),
                    observation.string("commit", ""), value, error == null ? Double.NaN : error));
        }
        return new BenchmarkResults(datasets, observations);
    }

    private static Iterable<JsonNode> array(JsonFields fields, String key) {
        JsonNode node = fields.get(key);
        if (node == null || !node.isArray()) {
            throw fields.error(key, "must be an array");
        }
        return node;
    }
}
