package dev.nightly.bench.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nightly.bench.model.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reading JSON input files the strict way: one factory with duplicate-key detection and a nesting limit,
 * and one-line messages that name the file and the place for every way a file can be wrong.
 */
public final class JsonInput {
    /** Our inputs are at most a few levels deep; anything deeper is garbage, refused before it costs. */
    public static final int MAX_DEPTH = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            // Reads decimals without making a string of each; the doubles are the same as Double.parseDouble's.
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            // Callers own the streams they pass (System.out among them).
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();
    private static final JsonFactory WITHOUT_DUPLICATE_DETECTION = FACTORY.rebuild()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /**
     * Trees are built here from the parser, without an ObjectMapper: the mapper's class initialisation sets up
     * a date format and with it the locale data of the JDK, about a tenth of a cold {@code nightly bench ingest},
     * which reads its definitions and manifest as trees. The nodes are those the mapper's defaults make.
     */
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonInput() {
    }

    public static JsonFactory factory() {
        return FACTORY;
    }

    /** The same, for streaming readers that refuse duplicate keys themselves (cheaper than Jackson's set per object). */
    public static JsonFactory factoryWithoutDuplicateDetection() {
        return WITHOUT_DUPLICATE_DETECTION;
    }

    /**
     * Checks that {@code file} is a readable regular file and returns its first bytes, refusing empty,
     * binary and non-JSON files with a clear message. {@code what} names the expected content in messages.
     */
    public static void checkReadableFile(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a directory, not " + what);
        }
        if (!Files.exists(file)) {
            throw new BadInputException(file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": not a regular file");
        }
    }

    /**
     * Reads the first bytes of a file (at most {@code limit}) and refuses content that cannot be JSON:
     * an empty file, binary data, or text that does not start with {@code expectedStart}. HAWD prints a
     * plain-text message instead of JSON when a dataset fails to load; the message says what kind of content
     * the file holds and never quotes it (see {@link ContentKind}).
     */
    public static String checkStart(Path file, char expectedStart, String what) {
        checkReadableFile(file, what);
        byte[] head;
        boolean truncated;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4096);
            truncated = in.read() >= 0;
        }
        catch (IOException e) {
            throw unreadable(file, e);
        }
        String text = new String(head, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new BadInputException(file + ": is empty, expected " + what);
        }
        if (looksBinary(head)) {
            throw new BadInputException(file + ": holds binary data, not " + what);
        }
        if (trimmed.charAt(0) != expectedStart) {
            throw new BadInputException(file + ": is not " + what + "; it holds " + ContentKind.describe(head, truncated));
        }
        return text;
    }

    /** A message for a file that exists but cannot be read. */
    public static BadInputException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new BadInputException(file + ": no such file");
        }
        if (e instanceof AccessDeniedException) {
            return new BadInputException(file + ": cannot be read: permission denied");
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new BadInputException(file + ": cannot be read: " + reason);
    }

    /** Reads a whole small JSON file (definitions, check settings) as a tree. */
    public static JsonNode readTree(Path file, String what) {
        checkStart(file, '{', what);
        try (JsonParser parser = FACTORY.createParser(file.toFile())) {
            parser.nextToken();
            JsonNode node = readTree(parser);
            if (parser.nextToken() != null) {
                throw new BadInputException(file + ": " + where(parser.currentLocation()) + "unexpected content after the end of the JSON document");
            }
            return node;
        }
        catch (JsonProcessingException e) {
            throw syntaxError(file, e);
        }
        catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * The value at {@code parser}'s current token as a tree, refusing duplicate keys as Jackson does: for a
     * streaming reader whose parser leaves that check to it ({@link #factoryWithoutDuplicateDetection}) and
     * that reads a small part of a large file (one element of an array) the easy way. Jackson's own check
     * cannot be turned on for a part only: its parsers reuse contexts that keep the check once made.
     */
    public static JsonNode readTree(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = NODES.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (object.has(name)) {
                    throw new JsonParseException(parser, "Duplicate field '" + name + "'");
                }
                parser.nextToken();
                object.set(name, readTree(parser));
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            ArrayNode array = NODES.arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(readTree(parser));
            }
            return array;
        }
        return scalar(parser, token);
    }

    /** A scalar as ObjectMapper's defaults read it: ints, longs and big integers as such, decimals as doubles. */
    private static JsonNode scalar(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new JsonParseException(parser, "No content to read");
        }
        return switch (token) {
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> parser.getNumberTypeFP() == JsonParser.NumberTypeFP.FLOAT32
                    ? NODES.numberNode(parser.getFloatValue()) : NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT -> NODES.pojoNode(parser.getEmbeddedObject());
            default -> throw new JsonParseException(parser, "Unexpected token " + token);
        };
    }

    /** Parses JSON text (check settings given inline). */
    public static JsonNode readTree(String json, String source) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new BadInputException(source + ": is empty");
            }
            return readTree(parser);
        }
        catch (JsonProcessingException e) {
            throw syntaxError(Path.of(source), e);
        }
        catch (IOException e) {
            throw new BadInputException(source + ": " + e.getMessage(), e);
        }
    }

    /** Turns Jackson's exception into one line: where, then what, without Jackson's source excerpt. */
    public static BadInputException syntaxError(Path file, JsonProcessingException e) {
        String what;
        if (e instanceof JsonEOFException) {
            what = "the JSON ends too early (truncated file?)";
        }
        else {
            what = e.getOriginalMessage();
            if (what.contains("Document nesting depth")) {
                what = "JSON nested deeper than " + MAX_DEPTH + " levels";
            }
            else if (what.contains("Invalid UTF-8")) {
                what = "not UTF-8 text (binary data?)";
            }
            what = withoutContent(firstLine(what));
        }
        return new BadInputException(file + ": " + where(e.getLocation()) + what, e);
    }

    /**
     * Jackson quotes the word or number it could not read; in a file that is not what it should be (a key
     * file given by mistake) that word is the secret, so it is left out: the line and column say where.
     */
    private static String withoutContent(String message) {
        return message.replaceAll("Unrecognized token '[^']*'", "Unrecognized token")
                .replaceAll("Numeric value \\([^)]*\\)", "Numeric value")
                .replaceAll("Invalid numeric value: [^:]*: ", "Invalid numeric value: ");
    }

    /** {@code line 3, column 14: } or nothing when unknown. */
    public static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }

    static boolean looksBinary(byte[] head) {
        int control = 0;
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
            if (b >= 0 && b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
                control++;
            }
        }
        return control > head.length / 10 + 1;
    }

    public static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("").strip();
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }
}
