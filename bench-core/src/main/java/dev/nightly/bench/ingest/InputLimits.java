package dev.nightly.bench.ingest;

import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.Observations;
import dev.nightly.bench.model.SeriesKey;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What every format's results must hold to be stored, checked once per file whatever the format: values
 * are finite numbers ({@code 1e400} reads as Infinity, which no chart or check can use and an export
 * would write as a string), and names are printable one-line text of reasonable length (a name travels
 * into file names, JSON, HTML and log lines).
 */
final class InputLimits {
    /** The longest dataset, measure, unit, parameter name or value accepted. */
    static final int MAX_NAME = 1000;

    private InputLimits() {
    }

    static void check(Path file, BenchmarkResults results) {
        Set<SeriesKey> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        if (results.observations() instanceof Observations columns) {
            columns.forEachKey(key -> {
                if (seen.add(key)) {
                    checkNames(file, key);
                }
            });
            Observation bad = columns.firstNonFinite();
            if (bad != null) {
                throw nonFinite(file, bad);
            }
        }
        else {
            for (Observation observation : results.observations()) {
                if (seen.add(observation.key())) {
                    checkNames(file, observation.key());
                }
                if (!Double.isFinite(observation.value()) || Double.isInfinite(observation.error())) {
                    throw nonFinite(file, observation);
                }
            }
        }
        for (Map.Entry<String, dev.nightly.bench.model.DatasetInfo> dataset : results.datasets().entrySet()) {
            checkName(file, "dataset", dataset.getKey(), null);
        }
    }

    private static BadInputException nonFinite(Path file, Observation observation) {
        boolean value = !Double.isFinite(observation.value());
        double number = value ? observation.value() : observation.error();
        return new BadInputException(file + ": series " + observation.key().id() + ": " + (value ? "value" : "error") + " "
                + (Double.isNaN(number) ? "is not a number (NaN)" : "is " + (number > 0 ? "" : "minus ") + "infinite"
                        + " (a number beyond 1.8e308 in the file?)")
                + "; only finite numbers are stored");
    }

    private static void checkNames(Path file, SeriesKey key) {
        checkName(file, "dataset", key.dataset(), null);
        checkName(file, "measure", key.measure(), key);
        for (Map.Entry<String, String> parameter : key.parameters().entrySet()) {
            checkName(file, "parameter name", parameter.getKey(), key);
            checkName(file, null, parameter.getValue(), key, parameter.getKey());
        }
    }

    private static void checkName(Path file, String what, String name, SeriesKey key) {
        checkName(file, what, name, key, null);
    }

    /**
     * {@code what} names the kind of name, or is null for the value of {@code parameter}. The message parts are
     * made only for a name that is refused: every name of every series is checked, on every ingest.
     */
    private static void checkName(Path file, String what, String name, SeriesKey key, String parameter) {
        if (name.length() <= MAX_NAME && !hasControlCharacter(name)) {
            return;
        }
        if (what == null) {
            what = "value of parameter " + printable(parameter);
        }
        String where = key == null ? "" : " (dataset " + printable(key.dataset()) + ")";
        if (name.length() > MAX_NAME) {
            throw new BadInputException(file + ": a " + what + where + " is " + name.length() + " characters long; at most "
                    + MAX_NAME + " are accepted");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                throw new BadInputException(file + ": " + what + " " + printable(name) + where + " holds a control character ("
                        + String.format("U+%04X", (int) c) + ", at position " + (i + 1) + "); names are one line of printable text");
            }
        }
    }

    private static boolean hasControlCharacter(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A name for a message: control characters shown as {@code \\uXXXX}, and shortened. */
    private static String printable(String name) {
        StringBuilder text = new StringBuilder("\"");
        for (int i = 0; i < name.length() && text.length() < 80; i++) {
            char c = name.charAt(i);
            text.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return text.append(name.length() > 80 ? "...\"" : "\"").toString();
    }
}
