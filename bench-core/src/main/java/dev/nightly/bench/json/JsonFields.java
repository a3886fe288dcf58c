package dev.nightly.bench.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightly.bench.model.BadInputException;
import java.util.Iterator;
import java.util.Set;

/**
 * Strict access to the fields of one JSON object of an input file: every message names the file and
 * the path of the value ({@code checks[2].tolerance}), unknown keys are refused so that typos do not pass
 * silently.
 */
public final class JsonFields {
    private final String source;
    private final String path;
    private final JsonNode node;

    private JsonFields(String source, String path, JsonNode node) {
        this.source = source;
        this.path = path;
        this.node = node;
    }

    /** The fields of {@code node}, which must be an object; {@code path} names it in messages. */
    public static JsonFields of(String source, String path, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new BadInputException(source + ": " + label(path) + "must be a JSON object, found " + shape(node));
        }
        return new JsonFields(source, path, node);
    }

    /** Refuses every key that is not one of {@code allowed}. */
    public JsonFields allowOnly(Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw error(child(name), "unknown key (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
        return this;
    }

    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    public JsonNode get(String key) {
        return node.get(key);
    }

    public String path(String key) {
        return child(key);
    }

    /** The object under {@code key}, checked the same way and named by this file and path. */
    public JsonFields object(String key) {
        return of(source, child(key), node.get(key));
    }

    public String string(String key, String fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw error(child(key), "must be a string, found " + kind(value));
        }
        return value.textValue();
    }

    public String requiredString(String key) {
        String value = string(key, null);
        if (value == null || value.isBlank()) {
            throw error(child(key), "is required and must be a non-empty string");
        }
        return value;
    }

    public Double number(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw error(child(key), "must be a number, found " + kind(value));
        }
        return value.doubleValue();
    }

    public long integer(String key, long fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() && !(value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue()))) {
            throw error(child(key), "must be a whole number, found " + kind(value));
        }
        return value.longValue();
    }

    public Boolean bool(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw error(child(key), "must be true or false, found " + kind(value));
        }
        return value.booleanValue();
    }

    public BadInputException error(String at, String message) {
        return new BadInputException(source + ": " + label(at) + message);
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String label(String path) {
        return path == null || path.isEmpty() ? "" : "\"" + path + "\" ";
    }

    /** A short description of a JSON value for messages. */
    public static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            String text = node.textValue();
            return "\"" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "\"";
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        return node.isArray() ? "an array" : "an object";
    }

    /** What was found where an object or array belongs: the file is not this format, so its text is not quoted. */
    public static String shape(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return node.isNull() ? "null" : node.isArray() ? "an array" : "an object";
    }
}
