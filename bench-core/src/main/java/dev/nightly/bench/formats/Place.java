package dev.nightly.bench.formats;

import dev.nightly.bench.model.BadInputException;
import java.nio.file.Path;

/**
 * Where in a results file something is, for one-line messages such as
 * {@code results/jmh.json: benchmark 3 ("org.x.Bench.run"), primaryMetric.score: not a number}.
 *
 * @param file   the file
 * @param where  the item in it, e.g. {@code benchmark 3 ("org.x.Bench.run")} or {@code line 12, <BenchmarkResult>}
 * @param prefix what field names are relative to, e.g. {@code primaryMetric.}, or the empty string
 */
public record Place(Path file, String where, String prefix) {
    public Place(Path file, String where) {
        this(file, where, "");
    }

    /** The same place, with fields named relative to {@code object} ({@code primaryMetric.score}). */
    public Place within(String object) {
        return new Place(file, where, prefix + object + ".");
    }

    /** The place of the {@code index}-th (0-based) item, counted from 1 for people, with its name when known. */
    public static Place item(Path file, String kind, int index, String name) {
        return new Place(file, kind + " " + (index + 1) + (name == null || name.isEmpty() ? "" : " (" + quote(name) + ")"));
    }

    /** A message about this place as a whole. */
    public BadInputException error(String message) {
        return new BadInputException(file + ": " + where + ": " + message);
    }

    /** A message about one field of this place. */
    public BadInputException error(String field, String message) {
        return new BadInputException(file + ": " + where + ", " + prefix + field + ": " + message);
    }

    /** A name in quotes, shortened so that a message stays one readable line. */
    public static String quote(String text) {
        String oneLine = text.replaceAll("[\\r\\n\\t]+", " ");
        return "\"" + (oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine) + "\"";
    }
}
