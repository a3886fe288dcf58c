package dev.nightly.bench.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.model.SeriesKey;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.SeriesInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    static final String SEARCH_VERSION = "e-divisive 2, cache 2";
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

    /**
     * What the cache holds for a series: where its search stopped and the windows searched on the last nights.
     *
     * @param state      the search's state (of the night before last, as the check leaves it)
     * @param remembered the windows searched
     */
    record Entry(ChangeState state, OpenWindows remembered) {
    }

    /** The series' entry; none when it is missing, for another direction, damaged or changed by hand. */
    Optional<Entry> get(SeriesKey key, String unit, Direction direction) {
        JsonNode entry = changed.containsKey(key.id()) ? changed.get(key.id()) : entries.get(key.id());
        if (entry == null || !direction.name().equals(entry.path("direction").asText())) {
            return Optional.empty();
        }
        try {
            List<ChangePoint> confirmed = new ArrayList<>();
            for (JsonNode c : entry.path("confirmed")) {
                confirmed.add(changePoint(c, key, unit, direction));
            }
            ChangeState state = new ChangeState(entry.get("size").asInt(), entry.get("start").asInt(),
                    entry.get("startBuild").asLong(), confirmed);
            List<OpenWindows.Result> results = new ArrayList<>();
            for (JsonNode night : entry.path("open")) {
                int start = night.get("start").asInt();
                int size = night.get("size").asInt();
                List<ChangePoint> changes = new ArrayList<>();
                for (JsonNode c : night.path("changes")) {
                    changes.add(changePoint(c, key, unit, direction));
                }
                results.add(new OpenWindows.Result(start, size, Long.parseUnsignedLong(night.get("fingerprint").asText(), 16), changes));
            }
            if (!Long.toHexString(checksum(direction, state, results)).equals(entry.path("sum").asText())) {
                return Optional.empty();
            }
            return Optional.of(new Entry(state, new OpenWindows(results)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The series' points from where the cached search's window starts, with their index in the series; none
     * when the series no longer fits the state (points removed, or its newest build is another).
     */
    static Optional<Tail> tail(HistorySnapshot snapshot, SeriesInfo info, ChangeState state) {
        int size = info.count();
        if (state.size() > size || state.windowStart() >= size) {
            return Optional.empty();
        }
        Series points = snapshot.readRecent(info.key(), size - state.windowStart());
        int offset = size - points.points().size();
        if (points.isEmpty() || offset > state.windowStart() || points.last().build() != info.lastBuild()) {
            return Optional.empty();
        }
        return Optional.of(new Tail(points, offset));
    }

    /** The newest points of a series, the first of them at index {@code offset} of the whole series. */
    record Tail(Series points, int offset) {
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
        List<OpenWindows.Result> recent = remembered.recent();
        for (OpenWindows.Result result : recent) {
            ObjectNode night = open.addObject();
            night.put("start", result.start());
            night.put("size", result.size());
            night.put("fingerprint", Long.toHexString(result.fingerprint()));
            ArrayNode changes = night.putArray("changes");
            result.changes().forEach(c -> changes.add(node(c)));
        }
        entry.put("sum", Long.toHexString(checksum(direction, state, recent)));
        JsonNode old = entries.get(key.id());
        if (!entry.equals(old)) {
            changed.put(key.id(), entry);
        }
    }

    /**
     * A hash of everything an entry says, computed from what was read from it (not from its text, which
     * would cost a second serialisation): an entry damaged or changed by anything but this class does not
     * match it and is not used.
     */
    private static long checksum(Direction direction, ChangeState state, List<OpenWindows.Result> results) {
        long h = OpenWindows.mix(direction.ordinal() + 0x73756DL);
        h = OpenWindows.mix(h ^ state.size());
        h = OpenWindows.mix(h ^ state.windowStart());
        h = OpenWindows.mix(h ^ state.windowStartBuild());
        for (ChangePoint c : state.confirmed()) {
            h = checksum(h, c);
        }
        for (OpenWindows.Result result : results) {
            h = OpenWindows.mix(h ^ result.start());
            h = OpenWindows.mix(h ^ result.size());
            h = OpenWindows.mix(h ^ result.fingerprint());
            for (ChangePoint c : result.changes()) {
                h = checksum(h, c);
            }
            h = OpenWindows.mix(h ^ result.changes().size());
        }
        return OpenWindows.mix(h ^ state.confirmed().size() ^ ((long) results.size() << 32));
    }

    private static long checksum(long h, ChangePoint c) {
        h = OpenWindows.mix(h ^ c.index());
        for (Point p : List.of(c.lastBefore(), c.firstAfter())) {
            h = OpenWindows.mix(h ^ p.build());
            h = OpenWindows.mix(h ^ p.commit().hashCode());
            h = OpenWindows.mix(h ^ p.time().hashCode());
            h = OpenWindows.mix(h ^ Double.doubleToLongBits(p.value()));
            h = OpenWindows.mix(h ^ Double.doubleToLongBits(p.error()));
        }
        h = OpenWindows.mix(h ^ Double.doubleToLongBits(c.levelBefore()));
        h = OpenWindows.mix(h ^ Double.doubleToLongBits(c.levelAfter()));
        return OpenWindows.mix(h ^ Double.doubleToLongBits(c.pValue()));
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
        // Seconds and nanoseconds of the local time read as UTC: a check reads thousands of these, and
        // parsing ISO text cost more than the rest of reading the cache.
        node.put("time", point.time().toEpochSecond(ZoneOffset.UTC));
        node.put("nano", point.time().getNano());
        node.put("value", point.value());
        if (point.hasError()) {
            node.put("error", point.error());
        }
        return node;
    }

    private static Point point(JsonNode node) {
        return new Point(node.get("build").asLong(), node.get("commit").asText(), LocalDateTime.ofEpochSecond(node.get("time").asLong(), node.get("nano").asInt(), ZoneOffset.UTC),
                node.get("value").asDouble(), node.has("error") ? node.get("error").asDouble() : Double.NaN);
    }
}
