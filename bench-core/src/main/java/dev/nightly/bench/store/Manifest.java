package dev.nightly.bench.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nightly.bench.json.JsonFields;
import dev.nightly.bench.json.JsonInput;
import dev.nightly.bench.json.ModelJson;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.SeriesKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one file that says what a store holds: every series with its file and the number of bytes of it
 * that are committed, every dataset's information and fingerprint index. It is replaced atomically at
 * the end of each ingest, so that it names either the old or the new state; bytes beyond a committed
 * length belong to an ingest that did not finish and are cut off by the next one.
 */
record Manifest(long generation, Map<String, DatasetInfo> datasets, Map<SeriesKey, SeriesEntry> series,
                Map<String, IndexEntry> indexes) {
    static final String FILE_NAME = "nightly-history.json";
    static final String FORMAT = "nightly-history";
    /** Version 2 added checksum files ({@code sums}); version 1 stores are read as they are and upgraded by the next write. */
    static final int VERSION = 2;

    Manifest {
        datasets = Map.copyOf(datasets);
        series = Map.copyOf(series);
        indexes = Map.copyOf(indexes);
    }

    static Manifest empty() {
        return new Manifest(0, Map.of(), Map.of(), Map.of());
    }

    /**
     * A series: its public information plus where its points are, and whether its file holds them in time
     * order with ascending builds (then its newest points and builds are its last lines, and checks and
     * charts of the newest builds read only those).
     */
    record SeriesEntry(SeriesInfo info, String file, long length, boolean chronological, long sums) {
        /** The committed length of the checksum file; 0 when the series has none (written before checksums). */
        String sumsFile() {
            return Checksums.sumsFile(file);
        }
    }

    /**
     * A dataset's fingerprints of every point ever stored (also of points of deleted builds, so that the
     * next full {@code hawd json} does not bring them back), and the newest time among them: rows newer than
     * that are new without a look-up.
     */
    record IndexEntry(String dataset, String file, long length, LocalDateTime lastTime, long sums, int kind) {
        /** Fingerprints of series, time and commit: stores written before values counted (read, converted on ingest). */
        static final int KEY_ONLY = 1;
        /** Fingerprints of series, time, commit and value (see {@link Fingerprints}). */
        static final int WITH_VALUE = 2;

        IndexEntry {
            if (kind != KEY_ONLY && kind != WITH_VALUE) {
                throw new IllegalArgumentException("index kind must be 1 or 2, found " + kind);
            }
        }

        int count() {
            return (int) (length / Long.BYTES);
        }

        String sumsFile() {
            return Checksums.sumsFile(file);
        }
    }

    byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096 + series.size() * 256);
        try (JsonGenerator json = JsonInput.factory().createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("format", FORMAT);
            json.writeNumberField("version", VERSION);
            json.writeNumberField("generation", generation);
            json.writeArrayFieldStart("datasets");
            for (DatasetInfo info : new TreeMap<>(datasets).values()) {
                ModelJson.writeDataset(json, info);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("series");
            for (SeriesEntry entry : new TreeMap<>(series).values()) {
                SeriesInfo info = entry.info();
                json.writeStartObject();
                json.writeStringField("dataset", info.key().dataset());
                json.writeStringField("measure", info.key().measure());
                ModelJson.writeParameters(json, info.key().parameters());
                json.writeStringField("unit", info.unit());
                json.writeStringField("file", entry.file());
                json.writeNumberField("length", entry.length());
                json.writeBooleanField("chronological", entry.chronological());
                if (entry.sums() > 0) {
                    json.writeNumberField("sums", entry.sums());
                }
                json.writeNumberField("count", info.count());
                json.writeNumberField("firstBuild", info.firstBuild());
                json.writeNumberField("lastBuild", info.lastBuild());
                json.writeStringField("lastTime", PointCodec.format(info.lastTime()));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("indexes");
            for (IndexEntry index : new TreeMap<>(indexes).values()) {
                json.writeStartObject();
                json.writeStringField("dataset", index.dataset());
                json.writeStringField("file", index.file());
                json.writeNumberField("length", index.length());
                if (index.sums() > 0) {
                    json.writeNumberField("sums", index.sums());
                }
                json.writeStringField("lastTime", PointCodec.format(index.lastTime()));
                if (index.kind() != IndexEntry.KEY_ONLY) {
                    // Absent means the first kind, so that stores written before read as they were.
                    json.writeNumberField("kind", index.kind());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot happen: writing to memory", e);
        }
        return out.toByteArray();
    }

    /** Reads a manifest; anything unexpected means a damaged or foreign file and is refused. */
    static Manifest read(Path file) {
        String source = file.toString();
        JsonNode root;
        try {
            BasicFileAttributes attributes = StoreFiles.attributes(file);
            if (attributes != null && !attributes.isRegularFile()) {
                throw StoreFiles.notRegular(file, attributes);
            }
        }
        catch (IOException e) {
            throw damaged(file + ": cannot be read: " + e.getMessage());
        }
        try {
            root = JsonInput.readTree(file, "a nightly history manifest");
        }
        catch (BadInputException e) {
            throw damaged(e.getMessage());
        }
        try {
            JsonFields fields = JsonFields.of(source, "", root)
                    .allowOnly(Set.of("format", "version", "generation", "datasets", "series", "indexes"));
            if (!FORMAT.equals(fields.string("format", null))) {
                throw fields.error("format", "is not \"" + FORMAT + "\": not a nightly history store");
            }
            long version = fields.integer("version", -1);
            if (version != 1 && version != VERSION) {
                throw fields.error("version", "is " + version + "; this version of nightly reads version " + VERSION);
            }
            Map<String, DatasetInfo> datasets = new LinkedHashMap<>();
            for (JsonNode node : array(fields, "datasets")) {
                DatasetInfo dataset = ModelJson.readDataset(source, "datasets[]", node);
                datasets.put(dataset.id(), dataset);
            }
            Map<SeriesKey, SeriesEntry> series = new LinkedHashMap<>();
            for (JsonNode node : array(fields, "series")) {
                JsonFields entry = JsonFields.of(source, "series[]", node).allowOnly(Set.of("dataset", "measure",
                        "parameters", "unit", "file", "length", "chronological", "count", "firstBuild", "lastBuild", "lastTime", "sums"));
                SeriesKey key = SeriesKey.of(entry.requiredString("dataset"), entry.requiredString("measure"),
                        ModelJson.readParameters(entry));
                SeriesInfo info = new SeriesInfo(key, entry.string("unit", ""), (int) entry.integer("count", -1),
                        entry.integer("firstBuild", -1), entry.integer("lastBuild", -1),
                        PointCodec.parseTime(entry.requiredString("lastTime")));
                Boolean chronological = entry.bool("chronological");
                series.put(key, new SeriesEntry(info, checkedFile(fields, entry.requiredString("file")), entry.integer("length", -1),
                        chronological != null && chronological, entry.integer("sums", 0)));
            }
            Map<String, IndexEntry> indexes = new LinkedHashMap<>();
            for (JsonNode node : array(fields, "indexes")) {
                JsonFields entry = JsonFields.of(source, "indexes[]", node)
                        .allowOnly(Set.of("dataset", "file", "length", "lastTime", "sums", "kind"));
                String dataset = entry.requiredString("dataset");
                long kind = entry.integer("kind", IndexEntry.KEY_ONLY);
                if (kind != IndexEntry.KEY_ONLY && kind != IndexEntry.WITH_VALUE) {
                    throw entry.error("kind", "is " + kind + "; this version of nightly reads index kinds 1 and 2");
                }
                indexes.put(dataset, new IndexEntry(dataset, checkedFile(fields, entry.requiredString("file")),
                        entry.integer("length", -1), PointCodec.parseTime(entry.requiredString("lastTime")), entry.integer("sums", 0),
                        (int) kind));
            }
            return new Manifest(fields.integer("generation", 0), datasets, series, indexes);
        }
        catch (BadInputException | IllegalArgumentException e) {
            throw damaged(e.getMessage());
        }
    }

    private static String checkedFile(JsonFields fields, String file) {
        if (!StoreFiles.isOwnDataFile(file)) {
            throw fields.error("file", "\"" + file + "\" is not a file name this store writes");
        }
        return file;
    }

    private static Iterable<JsonNode> array(JsonFields fields, String key) {
        JsonNode node = fields.get(key);
        if (node == null || !node.isArray()) {
            throw fields.error(key, "must be an array");
        }
        return node;
    }

    private static StoreDamagedException damaged(String detail) {
        return new StoreDamagedException("history store damaged: " + detail);
    }
}
