package dev.nightly.bench.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What kind of content a file holds, said without quoting it. An input path is easily wrong (a link to
 * a token file, {@code /etc/shadow}), and the message about it lands in a CI log, so messages about a file
 * that is not what was expected describe it ("plain text of 3 lines", "a JSON object with keys a, b")
 * and never echo its text. Only names of structure are told, short and only when they look like names.
 */
public final class ContentKind {
    /** A JSON key or XML element told by name must look like one: no spaces, no quotes, not long. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]{0,39}");
    private static final Pattern XML_ROOT = Pattern.compile(
            "\\A\\s*(?:<\\?xml[^>]*\\?>\\s*)?(?:(?:<!--.*?-->|<\\?.*?\\?>)\\s*)*<(!DOCTYPE|[^\\s/>!?]+)", Pattern.DOTALL);
    private static final int MAX_KEYS = 5;

    private ContentKind() {
    }

    /**
     * Describes the first bytes of a file, e.g. {@code binary data}, {@code XML with root element <foo>},
     * {@code a JSON object with keys a, b, c}, {@code plain text of 2 lines}.
     *
     * @param head      the file's first bytes
     * @param truncated whether the file goes on after {@code head}
     */
    public static String describe(byte[] head, boolean truncated) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(head)).toString();
        }
        catch (CharacterCodingException e) {
            // A multi-byte character cut off at the end of the head is still text.
            text = decodeCut(head, truncated);
            if (text == null) {
                return "binary data";
            }
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            return truncated ? "white space" : "nothing but white space";
        }
        if (JsonInput.looksBinary(head)) {
            return "binary data";
        }
        String start = text.stripLeading();
        if (start.startsWith("<")) {
            Matcher root = XML_ROOT.matcher(start);
            if (root.find()) {
                String name = root.group(1);
                if (name.equals("!DOCTYPE")) {
                    return "XML with a DOCTYPE";
                }
                return NAME.matcher(name).matches() ? "XML with root element <" + name + ">" : "XML or HTML";
            }
            return "text starting with '<'";
        }
        if (start.startsWith("{") || start.startsWith("[")) {
            String json = json(text);
            if (json != null) {
                return json;
            }
        }
        long lines = text.lines().count();
        return "plain text of " + (truncated ? "more than " : "") + lines + (lines == 1 ? " line" : " lines");
    }

    /**
     * A key or name from a file for a message: in quotes when it looks like a name, else only its length
     * (a file that is not what it should be may have its secret where a key belongs).
     */
    public static String quoteName(String name) {
        return NAME.matcher(name).matches() ? "\"" + name + "\"" : "of " + name.length() + " characters";
    }

    private static String decodeCut(byte[] head, boolean truncated) {
        if (!truncated) {
            return null;
        }
        for (int cut = 1; cut <= 3 && cut < head.length; cut++) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(head, 0, head.length - cut)).toString();
            }
            catch (CharacterCodingException e) {
                // try a shorter head
            }
        }
        return null;
    }

    /** {@code a JSON object with keys a, b} or {@code a JSON array}, or null when it is not JSON at all. */
    private static String json(String text) {
        try (JsonParser parser = JsonInput.factoryWithoutDuplicateDetection().createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                return "a JSON array";
            }
            if (first != JsonToken.START_OBJECT) {
                return null;
            }
            List<String> keys = new ArrayList<>();
            int others = 0;
            JsonToken token;
            try {
                while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    if (keys.size() < MAX_KEYS && NAME.matcher(key).matches()) {
                        keys.add(key);
                    }
                    else {
                        others++;
                    }
                    parser.nextToken();
                    parser.skipChildren();
                }
            }
            catch (IOException cutOrMalformed) {
                if (keys.isEmpty() && others == 0) {
                    return "text starting with '{' that is not JSON";
                }
                // what was read up to here is enough to describe it
            }
            if (keys.isEmpty()) {
                return others == 0 ? "an empty JSON object" : "a JSON object with " + others + (others == 1 ? " key" : " keys");
            }
            return "a JSON object with keys " + String.join(", ", keys)
                    + (others > 0 ? " and " + others + " more" : "");
        }
        catch (IOException notJson) {
            return null;
        }
    }
}
