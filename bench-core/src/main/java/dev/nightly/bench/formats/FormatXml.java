package dev.nightly.bench.formats;

import dev.nightly.bench.json.JsonInput;
import dev.nightly.bench.model.BadInputException;
import java.io.IOException;
import java.io.InputStream;
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
        // The JDK's own parser, not whatever StAX implementation a class path (a Jenkins plugin's) brings.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        XMLStreamReader reader = null;
        try (InputStream in = Files.newInputStream(file)) {
            reader = factory.createXMLStreamReader(in);
            return readDocument(file, reader);
        }
        catch (XMLStreamException e) {
            throw syntaxError(file, e);
        }
        catch (IOException e) {
            throw JsonInput.unreadable(file, e);
        }
        finally {
            if (reader != null) {
                try {
                    reader.close();
                }
                catch (XMLStreamException e) {
                    // Closing a reader of a file we already have closed cannot lose anything.
                }
            }
        }
    }

    private static XmlElement readDocument(Path file, XMLStreamReader reader) throws XMLStreamException {
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
        if (root == null) {
            throw new BadInputException(file + ": holds no XML element");
        }
        return root;
    }

    private static BadInputException syntaxError(Path file, XMLStreamException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // The JDK prefixes "ParseError at [row,col]:[3,5]\nMessage: ..."; keep the message, say where ourselves.
        int at = message.indexOf("Message:");
        String what = JsonInput.firstLine(at >= 0 ? message.substring(at + "Message:".length()) : message);
        if (what.contains("DOCTYPE") || what.contains("DTD")) {
            what = "a DOCTYPE is not allowed in a results file";
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
