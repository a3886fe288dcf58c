package dev.nightly.bench.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nightly.bench.json.JsonInput;
import dev.nightly.bench.json.ModelJson;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Observation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
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

    /**
     * Reads a file that {@link #write} wrote, streaming: the observations go into columns as they are read
     * (see {@link ResultsJsonReader}). Refuses anything else with a one-line message naming file and place.
     */
    public static BenchmarkResults read(Path file) {
        return ResultsJsonReader.read(file);
    }
}
