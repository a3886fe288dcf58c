package dev.nightly.bench.formats;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element of a small XML results file, read by {@link FormatXml}: enough of a tree for QtTest and
 * Catch2 output, with the line it starts on for messages.
 *
 * @param name       the element's local name
 * @param attributes its attributes by local name
 * @param children   its child elements in document order
 * @param text       its own character data, stripped (environment values such as {@code QtVersion})
 * @param line       the line its start tag is on
 */
public record XmlElement(String name, Map<String, String> attributes, List<XmlElement> children, String text, int line) {
    public XmlElement {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    public Optional<String> attribute(String attribute) {
        return Optional.ofNullable(attributes.get(attribute));
    }

    public List<XmlElement> children(String childName) {
        return children.stream().filter(child -> child.name.equals(childName)).toList();
    }

    public Optional<XmlElement> child(String childName) {
        return children.stream().filter(child -> child.name.equals(childName)).findFirst();
    }

    /** The place of this element in {@code file}, e.g. {@code line 12, <BenchmarkResult> in "append"}. */
    public Place place(Path file, String context) {
        return new Place(file, "line " + line + ", <" + name + ">" + (context == null || context.isEmpty() ? "" : " in " + context));
    }

    /** A required attribute that is not blank. */
    public String required(String attribute, Place place) {
        String value = attributes.get(attribute);
        if (value == null) {
            throw place.error("attribute \"" + attribute + "\" is missing");
        }
        if (value.isBlank()) {
            throw place.error("attribute \"" + attribute + "\" is empty");
        }
        return value;
    }

    /** A required attribute holding a finite number (XML writers in C++ print e.g. {@code 1.5e+06}). */
    public double number(String attribute, Place place) {
        String text = required(attribute, place).strip();
        double value;
        try {
            value = Double.parseDouble(text);
        }
        catch (NumberFormatException e) {
            throw place.error("attribute \"" + attribute + "\" is not a number: " + Place.quote(text));
        }
        // Double.parseDouble also takes "NaN", "Infinity" and hex floats; none of them is a measurement.
        if (!Double.isFinite(value) || !text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            throw place.error("attribute \"" + attribute + "\" is not a finite number: " + Place.quote(text));
        }
        return value;
    }
}
