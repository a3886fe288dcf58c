package dev.nightly.bench.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nightly.bench.json.JsonFields;
import dev.nightly.bench.json.JsonInput;
import dev.nightly.bench.model.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON results files of other tools. They are small (one run), so a tree is fine. Unlike our own
 * inputs they may hold {@code NaN} and {@code Infinity} as bare tokens: Google Benchmark prints them for
 * counters that could not be computed, Python's {@code json} module does the same for pytest-benchmark.
 * Those tokens are accepted here and judged per value later; everything else is as strict as HAWD input.
 */
public final class FormatJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(JsonInput.MAX_DEPTH).build())
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private FormatJson() {
    }

    /**
     * Reads a whole file that must start with {@code start} ({@code '{'} or {@code '['}); an empty, binary,
     * truncated, too deeply nested or otherwise broken file is refused with one line naming the file.
     */
    public static JsonNode read(Path file, char start, String what) {
        JsonInput.checkStart(file, start, what);
        try (JsonParser parser = FACTORY.createParser(file.toFile())) {
            JsonNode node = MAPPER.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw new BadInputException(file + ": is empty, expected " + what);
            }
            if (parser.nextToken() != null) {
                throw new BadInputException(file + ": " + JsonInput.where(parser.currentLocation())
                        + "unexpected content after the end of the JSON document");
            }
            return node;
        }
        catch (JsonProcessingException e) {
            throw JsonInput.syntaxError(file, e);
        }
        catch (IOException e) {
            throw JsonInput.unreadable(file, e);
        }
    }

    /** A required, non-empty string field. */
    public static String text(JsonNode object, String field, Place place) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw place.error(field, "is missing");
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw place.error(field, "must be a non-empty string, found " + kind(value));
        }
        return value.textValue();
    }

    /** An optional string field, {@code fallback} when absent or null. */
    public static String optionalText(JsonNode object, String field, Place place, String fallback) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw place.error(field, "must be a string, found " + kind(value));
        }
        return value.textValue();
    }

    /** The fields of an optional object field, none when it is absent or null; anything but an object is refused. */
    public static Iterable<Map.Entry<String, JsonNode>> optionalObject(JsonNode object, String field, Place place) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isObject()) {
            throw place.error(field, "must be an object, found " + shape(value));
        }
        return value.properties();
    }

    /** A required finite number. */
    public static double finite(JsonNode object, String field, Place place) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw place.error(field, "is missing");
        }
        if (!value.isNumber()) {
            throw place.error(field, "not a number: " + kind(value));
        }
        double number = value.doubleValue();
        if (!Double.isFinite(number)) {
            throw place.error(field, "not a finite number: " + value.asText());
        }
        return number;
    }

    /** A whole number field that must be at least {@code min}; {@code fallback} when absent. */
    public static long whole(JsonNode object, String field, Place place, long min, long fallback) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue()) || value.doubleValue() != Math.rint(value.doubleValue())) {
            throw place.error(field, "must be a whole number, found " + kind(value));
        }
        if (value.longValue() < min) {
            throw place.error(field, "must be at least " + min + ", found " + value.asText());
        }
        return value.longValue();
    }

    /** A short description of a JSON value for messages. */
    public static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return Place.quote(node.textValue());
        }
        if (node.isNull() || node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        return node.isArray() ? "an array" : "an object";
    }

    /** What was found where an object or array belongs: the file is not this format, so its text is not quoted. */
    public static String shape(JsonNode node) {
        return JsonFields.shape(node);
    }
}
