package dev.nightly.bench.formats;

import dev.nightly.bench.json.JsonInput;
import dev.nightly.bench.model.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the XML results files of QtTest and Catch2 with the JDK's StAX parser, securely: no DTD and no
 * external entities (a results file comes from a build agent and is not trusted), a nesting limit, and
 * one-line messages with the line of the fault. The files are small, so they become a tree of
 * {@link XmlElement}s; of character data only the start is kept, neither format has results in it.
 */
public final class FormatXml {
    /** QtTest nests four levels and Catch2 sections rarely ten; deeper is garbage. */
    public static final int MAX_DEPTH = 64;
    /** Environment values are short; test output captured in CDATA can be long and is not needed. */
    private static final int MAX_TEXT = 1024;

    /** An XML declaration, possibly after white space; group 1 is the declaration itself. */
    private static final Pattern DECLARATION = Pattern.compile("\\s*(<\\?xml\\s[^>]*\\?>)");
    private static final Pattern ENCODING = Pattern.compile("\\s*<\\?xml\\s[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");
    private static final Pattern ROOT = Pattern.compile(
            "\\A\\uFEFF?\\s*(?:<\\?xml[^>]*\\?>\\s*)?(?:(?:<!--.*?-->|<\\?.*?\\?>)\\s*)*<([A-Za-z_][\\w.-]*)", Pattern.DOTALL);

    private FormatXml() {
    }

    /**
     * The name of the root element of an XML document that starts with {@code head}, or the empty string when
     * {@code head} does not start like an XML document (a DOCTYPE counts as not XML for us: it is refused).
     */
    public static String rootName(String head) {
        Matcher matcher = ROOT.matcher(head);
        return matcher.find() ? matcher.group(1) : "";
    }

    /** Reads a whole file into its root element. */
    public static XmlElement read(Path file, String what) {
        JsonInput.checkStart(file, '<', what);
        XMLStreamReader reader = null;
        try (InputStream in = Files.newInputStream(file)) {
            reader = factory().createXMLStreamReader(in);
            return readDocument(file, reader);
        }
        catch (XMLStreamException e) {
            throw syntaxError(file, e);
        }
        catch (IOException e) {
            throw JsonInput.unreadable(file, e);
        }
        finally {
            close(reader);
        }
    }

    /**
     * Reads every XML document of a file: a QtTest binary that runs several test classes ({@code qExec} more
     * than once) writes one document after another into one file, each with its own XML declaration, which
     * no XML parser reads as one. Each document is parsed in turn from the text, the ones before it and its
     * declaration blanked out, so that lines and columns in messages are those of the file.
     */
    public static List<XmlElement> readAll(Path file, String what) {
        JsonInput.checkStart(file, '<', what);
        String text;
        try {
            text = decode(file, Files.readAllBytes(file));
        }
        catch (IOException e) {
            throw JsonInput.unreadable(file, e);
        }
        List<XmlElement> roots = new ArrayList<>();
        int from = 0;
        while (true) {
            Parsed parsed = readOne(file, from == 0 ? text : blankedBefore(text, from));
            if (parsed.root == null) {
                if (roots.isEmpty()) {
                    throw new BadInputException(file + ": holds no XML element");
                }
                return roots;
            }
            roots.add(parsed.root);
            int end = parsed.endIn(text);
            if (end < 0 || text.substring(end).isBlank()) {
                return roots;
            }
            from = end;
        }
    }

    /**
     * A document read: its root, and where its root ended as the parser's line and column (its character
     * offsets are not reliable), or -1 when the input ended with it.
     */
    private record Parsed(XmlElement root, int line, int column) {
        /** The offset in {@code text} right after the root element, or -1. */
        int endIn(String text) {
            if (line < 0) {
                return -1;
            }
            int offset = 0;
            for (int current = 1; current < line && offset < text.length(); offset++) {
                char c = text.charAt(offset);
                // As the parser counts lines: LF, CR LF and a CR alone each end one.
                if (c == '\n' || c == '\r' && (offset + 1 >= text.length() || text.charAt(offset + 1) != '\n')) {
                    current++;
                }
            }
            return Math.min(text.length(), offset + column - 1);
        }
    }

    private static Parsed readOne(Path file, String text) {
        XMLStreamReader reader = null;
        try {
            reader = factory().createXMLStreamReader(new StringReader(text));
            return readDocument(file, reader, true);
        }
        catch (XMLStreamException e) {
            throw syntaxError(file, e);
        }
        finally {
            close(reader);
        }
    }

    /** The text with everything before {@code from} and the XML declaration right after it made white space. */
    private static String blankedBefore(String text, int from) {
        StringBuilder blanked = new StringBuilder(text);
        for (int i = 0; i < from; i++) {
            char c = blanked.charAt(i);
            if (c != '\n' && c != '\r') {
                blanked.setCharAt(i, ' ');
            }
        }
        Matcher declaration = DECLARATION.matcher(text).region(from, text.length());
        if (declaration.lookingAt()) {
            for (int i = declaration.start(1); i < declaration.end(1); i++) {
                if (blanked.charAt(i) != '\n' && blanked.charAt(i) != '\r') {
                    blanked.setCharAt(i, ' ');
                }
            }
        }
        return blanked.toString();
    }

    /** The file's text in the encoding its first XML declaration names (QtTest 4 wrote ISO-8859-1), else UTF-8. */
    private static String decode(Path file, byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        String head = new String(bytes, start, Math.min(bytes.length - start, 200), StandardCharsets.ISO_8859_1);
        Matcher encoding = ENCODING.matcher(head);
        Charset charset = StandardCharsets.UTF_8;
        if (encoding.lookingAt()) {
            try {
                charset = Charset.forName(encoding.group(1));
            }
            catch (IllegalArgumentException e) {
                throw new BadInputException(file + ": line 1: the XML declaration names encoding "
                        + Place.quote(encoding.group(1)) + ", which this Java does not know");
            }
        }
        return new String(bytes, start, bytes.length - start, charset);
    }

    private static XMLInputFactory factory() {
        // The JDK's own parser, not whatever StAX implementation a class path (a Jenkins plugin's) brings.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        return factory;
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            }
            catch (XMLStreamException e) {
                // Closing a reader of a file we already have closed cannot lose anything.
            }
        }
    }

    private static XmlElement readDocument(Path file, XMLStreamReader reader) throws XMLStreamException {
        return readDocument(file, reader, false).root;
    }

    /**
     * Reads one document; with {@code stopAtEnd}, stops right after its root element and gives the character
     * offset there (else -1), so that a document after it can be read.
     */
    private static Parsed readDocument(Path file, XMLStreamReader reader, boolean stopAtEnd) throws XMLStreamException {
        Deque<Builder> open = new ArrayDeque<>();
        XmlElement root = null;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD -> throw new BadInputException(file + ": line "
                        + reader.getLocation().getLineNumber() + ": a DOCTYPE is not allowed in a results file");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new BadInputException(file + ": line "
                        + reader.getLocation().getLineNumber() + ": entity \"&" + reader.getLocalName()
                        + ";\" is not allowed in a results file");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (open.size() >= MAX_DEPTH) {
                        throw new BadInputException(file + ": line " + reader.getLocation().getLineNumber()
                                + ": XML nested deeper than " + MAX_DEPTH + " levels");
                    }
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (int i = 0; i < reader.getAttributeCount(); i++) {
                        attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                    }
                    open.push(new Builder(reader.getLocalName(), attributes, reader.getLocation().getLineNumber()));
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    XmlElement done = open.pop().build();
                    if (open.isEmpty()) {
                        root = done;
                        if (stopAtEnd) {
                            return new Parsed(root, reader.getLocation().getLineNumber(),
                                    reader.getLocation().getColumnNumber());
                        }
                    }
                    else {
                        open.peek().children.add(done);
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (!open.isEmpty() && open.peek().text.length() < MAX_TEXT) {
                        open.peek().text.append(reader.getText(), 0, Math.min(reader.getTextLength(),
                                MAX_TEXT - open.peek().text.length()));
                    }
                }
                default -> {
                    // Comments, white space and processing instructions carry nothing we need.
                }
            }
        }
        if (root == null && !stopAtEnd) {
            throw new BadInputException(file + ": holds no XML element");
        }
        return new Parsed(root, -1, -1);
    }

    private static BadInputException syntaxError(Path file, XMLStreamException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // The JDK prefixes "ParseError at [row,col]:[3,5]\nMessage: ..."; keep the message, say where ourselves.
        int at = message.indexOf("Message:");
        String what = JsonInput.firstLine(at >= 0 ? message.substring(at + "Message:".length()) : message);
        if (what.contains("DOCTYPE") || what.contains("DTD")) {
            what = "a DOCTYPE is not allowed in a results file";
        }
        else if (what.contains("[xX][mM][lL]")) {
            // The parser's words for an XML declaration after the start, i.e. a second document in the file.
            what = "a second XML document starts here (an XML declaration after the first one); this format has one document per file";
        }
        String where = e.getLocation() == null || e.getLocation().getLineNumber() < 0 ? ""
                : "line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber() + ": ";
        return new BadInputException(file + ": " + where + "not well-formed XML: " + what, e);
    }

    private static final class Builder {
        private final String name;
        private final Map<String, String> attributes;
        private final int line;
        private final List<XmlElement> children = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        Builder(String name, Map<String, String> attributes, int line) {
            this.name = name;
            this.attributes = attributes;
            this.line = line;
        }

        XmlElement build() {
            return new XmlElement(name, attributes, children, text.toString().strip(), line);
        }
    }
}
