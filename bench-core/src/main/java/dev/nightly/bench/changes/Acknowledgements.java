package dev.nightly.bench.changes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nightly.bench.model.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The decisions about change points of one store: {@value #FILE_NAME} in the store's directory, one JSON
 * object per line, only ever appended to, so that no decision is lost and the file survives any rebuild of
 * the series files. The latest line for a (series, build) wins.
 *
 * <pre>{@code {"series":"mail_query/queryTime{rows=5000}","build":12,"status":"expected","note":"new index","user":"anna","time":"2026-11-28T09:12:00Z"}}</pre>
 *
 * A line cut short by a crash (no newline at the end of the file) was never written: it is ignored when read
 * and cut off before the next append. Any other line that is not such an object is refused with its line.
 */
public final class Acknowledgements {
    public static final String FILE_NAME = dev.nightly.bench.store.HistoryStore.ACKNOWLEDGEMENTS_FILE;
    /** A decision about a change point applies to it even when more nights move it this many builds. */
    public static final int BUILD_SLACK = 2;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("series", "build", "status", "note", "user", "time");
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Map<String, List<Acknowledgement>> bySeries;

    private Acknowledgements(Map<String, List<Acknowledgement>> bySeries) {
        this.bySeries = bySeries;
    }

    public static Acknowledgements none() {
        return new Acknowledgements(Map.of());
    }

    /** The decisions of the store in {@code storeDir}; none when it has no acknowledgements file. */
    public static Acknowledgements read(Path storeDir) {
        Path file = storeDir.resolve(FILE_NAME);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return none();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read: " + e.getMessage(), e);
        }
        Map<String, Map<Long, Acknowledgement>> latest = new LinkedHashMap<>();
        int complete = completeLength(bytes);
        String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
        int line = 0;
        for (String row : text.split("\n", -1)) {
            line++;
            if (row.isBlank()) {
                continue;
            }
            Acknowledgement ack = parse(file, line, row);
            latest.computeIfAbsent(ack.series(), k -> new LinkedHashMap<>()).put(ack.build(), ack);
        }
        Map<String, List<Acknowledgement>> bySeries = new LinkedHashMap<>();
        latest.forEach((series, acks) -> bySeries.put(series, List.copyOf(acks.values())));
        return new Acknowledgements(bySeries);
    }

    /** Every decision in force, series by series. */
    public List<Acknowledgement> all() {
        List<Acknowledgement> all = new ArrayList<>();
        bySeries.values().forEach(all::addAll);
        return all;
    }

    /** The decisions in force about change points of one series. */
    public List<Acknowledgement> of(String seriesId) {
        return bySeries.getOrDefault(seriesId, List.of());
    }

    /** The decision about the change point of {@code seriesId} at {@code build}: the nearest within {@link #BUILD_SLACK}. */
    public Optional<Acknowledgement> of(String seriesId, long build) {
        Acknowledgement best = null;
        for (Acknowledgement ack : bySeries.getOrDefault(seriesId, List.of())) {
            long distance = Math.abs(ack.build() - build);
            if (distance <= BUILD_SLACK && (best == null || distance < Math.abs(best.build() - build))) {
                best = ack;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Appends one decision durably (written and forced to disk before this returns). Writers wait for each
     * other, across threads and processes.
     */
    public static void append(Path storeDir, Acknowledgement ack) {
        Path file = storeDir.resolve(FILE_NAME);
        byte[] line = (toJson(ack) + "\n").getBytes(StandardCharsets.UTF_8);
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new ReentrantLock());
        threadLock.lock();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
             var lock = channel.lock()) {
            long size = channel.size();
            long end = size;
            // A line cut short by a crash ends without a newline: write over it.
            while (end > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                channel.read(last, end - 1);
                if (last.get(0) == '\n') {
                    break;
                }
                end--;
            }
            if (end < size) {
                channel.truncate(end);
            }
            ByteBuffer buffer = ByteBuffer.wrap(line);
            long at = end;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot append an acknowledgement: " + e.getMessage(), e);
        } finally {
            threadLock.unlock();
        }
    }

    private static int completeLength(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return end;
    }

    static String toJson(Acknowledgement ack) {
        ObjectNode node = JSON.createObjectNode();
        node.put("series", ack.series());
        node.put("build", ack.build());
        node.put("status", ack.status().text());
        node.put("note", ack.note());
        node.put("user", ack.user());
        node.put("time", ack.time().toString());
        return node.toString();
    }

    private static Acknowledgement parse(Path file, int line, String row) {
        JsonNode node;
        try {
            node = JSON.readTree(row);
        } catch (JsonProcessingException e) {
            throw bad(file, line, "not a JSON object: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw bad(file, line, "not a JSON object");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!KEYS.contains(name)) {
                throw bad(file, line, "unknown key \"" + name + "\"");
            }
        });
        JsonNode series = node.get("series");
        JsonNode build = node.get("build");
        JsonNode status = node.get("status");
        JsonNode time = node.get("time");
        if (series == null || !series.isTextual()) {
            throw bad(file, line, "\"series\" must be a string");
        }
        if (build == null || !build.canConvertToLong() || !build.isIntegralNumber()) {
            throw bad(file, line, "\"build\" must be a whole number");
        }
        if (status == null || !status.isTextual()) {
            throw bad(file, line, "\"status\" must be expected, bug or no-change");
        }
        AckStatus parsed;
        try {
            parsed = AckStatus.parse(status.asText());
        } catch (BadInputException e) {
            throw bad(file, line, e.getMessage());
        }
        Instant when;
        try {
            when = Instant.parse(time == null ? "" : time.asText());
        } catch (DateTimeParseException e) {
            throw bad(file, line, "\"time\" must be an ISO-8601 instant such as 2026-11-28T09:12:00Z");
        }
        return new Acknowledgement(series.asText(), build.asLong(), parsed, text(node, "note"), text(node, "user"), when);
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static BadInputException bad(Path file, int line, String message) {
        return new BadInputException(file + ": line " + line + ": " + message);
    }
}
