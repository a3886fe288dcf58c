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

/**
 * Where each series' change point search stopped ({@link ChangeState}), kept in {@value #FILE_NAME} in the
 * store's directory so that the next night searches only its open window. Only a cache: an entry made with
 * other settings or direction, or one that does not fit the series any more, is ignored and rebuilt, a file
 * that cannot be read counts as empty, and deleting it loses nothing. Written whole to a temporary file and
 * renamed, so readers see the old or the new file.
 */
final class ChangeCache {
    static final String FILE_NAME = dev.nightly.bench.store.HistoryStore.CHANGE_CACHE_FILE;
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
        String wanted = settings.toString();
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
        JsonNode entry = changed.containsKey(key.id()) ? changed.get(key.id()) : entries.get(key.id());
        if (entry == null || !direction.name().equals(entry.path("direction").asText())) {
            return Optional.empty();
        }
        try {
            List<ChangePoint> confirmed = new ArrayList<>();
            for (JsonNode c : entry.path("confirmed")) {
                confirmed.add(new ChangePoint(key, unit, c.get("index").asInt(), point(c.get("before")), point(c.get("after")),
                        c.get("levelBefore").asDouble(), c.get("levelAfter").asDouble(), c.get("p").asDouble(), direction));
            }
            return Optional.of(new ChangeState(entry.get("size").asInt(), entry.get("start").asInt(),
                    entry.get("startBuild").asLong(), confirmed));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    void put(SeriesKey key, Direction direction, ChangeState state) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("direction", direction.name());
        entry.put("size", state.size());
        entry.put("start", state.windowStart());
        entry.put("startBuild", state.windowStartBuild());
        ArrayNode confirmed = entry.putArray("confirmed");
        for (ChangePoint c : state.confirmed()) {
            ObjectNode node = confirmed.addObject();
            node.put("index", c.index());
            node.set("before", point(c.lastBefore()));
            node.set("after", point(c.firstAfter()));
            node.put("levelBefore", c.levelBefore());
            node.put("levelAfter", c.levelAfter());
            node.put("p", c.pValue());
        }
        JsonNode old = entries.get(key.id());
        if (!entry.equals(old)) {
            changed.put(key.id(), entry);
        }
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
