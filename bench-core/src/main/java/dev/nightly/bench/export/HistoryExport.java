package dev.nightly.bench.export;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nightly.bench.json.JsonInput;
import dev.nightly.bench.json.ModelJson;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.SeriesInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Predicate;

/**
 * The whole history as JSON, one series at a time so that memory stays bounded by the largest series:
 * {@code {"series":[{"dataset","measure","unit","parameters":{},"points":[{"build","commit","time","value"}]}]}},
 * points in time order. Other tools read this form; change it only compatibly.
 */
public final class HistoryExport {
    private HistoryExport() {
    }

    public static void write(HistorySnapshot snapshot, OutputStream out) throws IOException {
        write(snapshot, info -> true, out);
    }

    public static void write(HistorySnapshot snapshot, Predicate<SeriesInfo> filter, OutputStream out) throws IOException {
        try (JsonGenerator json = JsonInput.factory().createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeArrayFieldStart("series");
            for (SeriesInfo info : snapshot.series()) {
                if (!filter.test(info)) {
                    continue;
                }
                Series series = snapshot.read(info.key());
                json.writeStartObject();
                json.writeStringField("dataset", info.key().dataset());
                json.writeStringField("measure", info.key().measure());
                json.writeStringField("unit", series.unit());
                ModelJson.writeParameters(json, info.key().parameters());
                json.writeArrayFieldStart("points");
                for (Point point : series.points()) {
                    json.writeStartObject();
                    json.writeNumberField("build", point.build());
                    json.writeStringField("commit", point.commit());
                    json.writeStringField("time", point.time().toString());
                    json.writeNumberField("value", point.value());
                    if (point.hasError()) {
                        json.writeNumberField("error", point.error());
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }
}
