package dev.nightly.bench.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.SeriesKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Where each series' change point search stopped ({@link ChangeState}) and what the last nights' searches of
 * its open window found ({@link OpenWindows}), kept in {@value #FILE_NAME} in the store's directory so that
 * the next night searches only its open window, and only once. Only a cache: an entry made with other
 * settings, another version of the search or another direction, one whose checksum does not match its
 * content (damaged or edited), or one that does not fit the series any more, is ignored and rebuilt; a file
 * that cannot be read counts as empty, and deleting it loses nothing. Written whole to a temporary file and
 * renamed, so readers see the old or the new file.
 */
final class ChangeCache {
    static final String FILE_NAME = dev.nightly.bench.store.HistoryStore.CHANGE_CACHE_FILE;
    /** Changes whenever the search finds other change points with the same settings: older entries are not used. */
    static final String SEARCH_VERSION = "e-divisive 2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String settings;
    private final Map<String, JsonNode> entries;
    private final Map<String, ObjectNode> changed = new HashMap<>();

    private ChangeCache(Path file, String settings, Map<String, JsonNode> entries) {
        this.file = file;
        this.settings = settings;
        this.entries = entries;
    }

    static ChangeCache open(Path storeDir, ChangeSettings settings) {
        Path file = storeDir.resolve(FILE_NAME);
        Map<String, JsonNode> entries = new HashMap<>();
        String wanted = SEARCH_VERSION + "; " + settings;
        try {
            if (Files.isRegularFile(file)) {
                JsonNode root = JSON.readTree(file.toFile());
                if (root != null && wanted.equals(root.path("settings").asText()) && root.path("series").isObject()) {
                    root.get("series").fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // a cache that cannot be read is rebuilt
        }
        return new ChangeCache(file, wanted, entries);
    }

    Optional<ChangeState> get(SeriesKey key, String unit, Direction direction) {
        JsonNode entry = entry(key, direction);
        if (entry == null) {
            return Optional.empty();
        }
        try {
            List<ChangePoint> confirmed = new ArrayList<>();
            for (JsonNode c : entry.path("confirmed")) {
                confirmed.add(changePoint(c, key, unit, direction));
            }
            return Optional.of(new ChangeState(entry.get("size").asInt(), entry.get("start").asInt(),
                    entry.get("startBuild").asLong(), confirmed));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The last nights' searches of the series' open window; none when the entry is missing or damaged. */
    OpenWindows openWindows(SeriesKey key, String unit, Direction direction) {
        JsonNode entry = entry(key, direction);
        if (entry == null) {
            return OpenWindows.empty();
        }
        try {
            List<OpenWindows.Result> results = new ArrayList<>();
            for (JsonNode night : entry.path("open")) {
                int start = night.get("start").asInt();
                int size = night.get("size").asInt();
                List<ChangePoint> changes = new ArrayList<>();
                for (JsonNode c : night.path("changes")) {
                    ChangePoint change = changePoint(c, key, unit, direction);
                    if (change.index() <= start || change.index() >= size) {
                        return OpenWindows.empty();
                    }
                    changes.add(change);
                }
                results.add(new OpenWindows.Result(start, size, Long.parseUnsignedLong(night.get("fingerprint").asText(), 16), changes));
            }
            return new OpenWindows(results);
        } catch (RuntimeException e) {
            return OpenWindows.empty();
        }
    }

    /** The series' entry if it is for this direction and its checksum matches, else null. */
    private JsonNode entry(SeriesKey key, Direction direction) {
        JsonNode entry = changed.containsKey(key.id()) ? changed.get(key.id()) : entries.get(key.id());
        if (!(entry instanceof ObjectNode object) || !direction.name().equals(entry.path("direction").asText())) {
            return null;
        }
        ObjectNode content = object.deepCopy();
        content.remove("sum");
        return checksum(content).equals(entry.path("sum").asText()) ? entry : null;
    }

    void put(SeriesKey key, Direction direction, ChangeState state, OpenWindows remembered) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("direction", direction.name());
        entry.put("size", state.size());
        entry.put("start", state.windowStart());
        entry.put("startBuild", state.windowStartBuild());
        ArrayNode confirmed = entry.putArray("confirmed");
        for (ChangePoint c : state.confirmed()) {
            confirmed.add(node(c));
        }
        ArrayNode open = entry.putArray("open");
        for (OpenWindows.Result result : remembered.recent()) {
            ObjectNode night = open.addObject();
            night.put("start", result.start());
            night.put("size", result.size());
            night.put("fingerprint", Long.toHexString(result.fingerprint()));
            ArrayNode changes = night.putArray("changes");
            result.changes().forEach(c -> changes.add(node(c)));
        }
        entry.put("sum", checksum(entry));
        JsonNode old = entries.get(key.id());
        if (!entry.equals(old)) {
            changed.put(key.id(), entry);
        }
    }

    /** A CRC-32C of the entry's text: an entry damaged or changed by anything but this class is not used. */
    private static String checksum(ObjectNode content) {
        CRC32C crc = new CRC32C();
        crc.update(content.toString().getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }

    private static ObjectNode node(ChangePoint c) {
        ObjectNode node = JSON.createObjectNode();
        node.put("index", c.index());
        node.set("before", point(c.lastBefore()));
        node.set("after", point(c.firstAfter()));
        node.put("levelBefore", c.levelBefore());
        node.put("levelAfter", c.levelAfter());
        node.put("p", c.pValue());
        return node;
    }

    private static ChangePoint changePoint(JsonNode c, SeriesKey key, String unit, Direction direction) {
        return new ChangePoint(key, unit, c.get("index").asInt(), point(c.get("before")), point(c.get("after")),
                c.get("levelBefore").asDouble(), c.get("levelAfter").asDouble(), c.get("p").asDouble(), direction);
    }

    /** Writes the file if anything changed; a cache that cannot be written is only a slower next night. */
    void save() {
        if (changed.isEmpty()) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("settings", settings);
        ObjectNode series = root.putObject("series");
        entries.forEach(series::set);
        changed.forEach(series::set);
        Path temp = file.resolveSibling(FILE_NAME + ".tmp-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId());
        try {
            Files.write(temp, root.toString().getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            entries.putAll(changed);
            changed.clear();
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing more to do for a cache
            }
        }
    }

    private static ObjectNode point(Point point) {
        ObjectNode node = JSON.createObjectNode();
        node.put("build", point.build());
        node.put("commit", point.commit());
        node.put("time", point.time().toString());
        node.put("value", point.value());
        if (point.hasError()) {
            node.put("error", point.error());
        }
        return node;
    }

    private static Point point(JsonNode node) {
        return new Point(node.get("build").asLong(), node.get("commit").asText(), LocalDateTime.parse(node.get("time").asText()),
                node.get("value").asDouble(), node.has("error") ? node.get("error").asDouble() : Double.NaN);
    }
}
