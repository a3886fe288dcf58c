package dev.nightly.bench.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.nightly.bench.json.JsonInput;
import dev.nightly.bench.json.ModelJson;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Observations;
import dev.nightly.bench.model.SeriesKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Streams a {@link ResultsJson} file into {@link Observations}: the first recording of a long HAWD history
 * is millions of observations, which as a JSON tree cost gigabytes on the Jenkins controller. Each
 * observation object is read into a few fields and goes straight into the builder's columns; its strings
 * (dataset, measure, unit, parameters) are the same few hundred texts over and over and are not made again.
 *
 * <p>As strict as the tree reader it replaces: unknown keys, duplicate keys (a bit per known key, cheaper
 * than Jackson's set of names per object), values of the wrong kind and missing required values refuse the
 * file with its path ({@code observations[12].value}) and place.
 */
final class ResultsJsonReader {
    private static final String WHAT = "a nightly results file";
    private static final String TOP_KEYS = "datasets, format, observations, version";
    private static final String[] TOP = {"format", "version", "datasets", "observations"};
    private static final int FORMAT = 0;
    private static final int VERSION = 1;
    private static final int DATASETS = 2;
    private static final int OBSERVATIONS = 3;
    /** An observation's keys in the order {@link ResultsJson#write} writes them; the index is the key's bit. */
    private static final SerializedString[] OBSERVATION = keys("dataset", "measure", "parameters", "unit", "time",
            "commit", "value", "error");
    private static final String OBSERVATION_KEYS = String.join(", ", new java.util.TreeSet<>(
            Arrays.stream(OBSERVATION).map(SerializedString::getValue).toList()));
    private static final int DATASET = 0;
    private static final int MEASURE = 1;
    private static final int PARAMETERS = 2;
    private static final int UNIT = 3;
    private static final int TIME = 4;
    private static final int COMMIT = 5;
    private static final int VALUE = 6;
    private static final int ERROR = 7;
    /** {@link #nextKey}: the end of the object, and a key that is not one of those asked for. */
    private static final int END = -1;
    private static final int UNKNOWN = -2;
    private static final long NO_TIME = Long.MIN_VALUE;

    private final Path file;
    private final JsonParser parser;
    private final Observations.Builder observations = Observations.builder();
    private final Texts texts = new Texts();
    /** The series number of each combination of texts seen, looked up with {@link #probe} without making a key. */
    private final Map<SeriesText, Integer> seriesNumbers = new HashMap<>();
    private final SeriesText probe = new SeriesText();
    private int index;
    /** The current row of the builder; observations of one night share it. */
    private boolean inRow;
    private long rowSecond;
    private int rowNano;
    private String rowCommit;
    /** The last time and commit as written, and what they were read as: consecutive observations repeat them. */
    private String lastTimeText;
    private long lastSecond;
    private int lastNano;
    private String lastCommit;

    private ResultsJsonReader(Path file, JsonParser parser) {
        this.file = file;
        this.parser = parser;
    }

    static BenchmarkResults read(Path file) {
        JsonInput.checkStart(file, '{', WHAT);
        try (JsonParser parser = JsonInput.factoryWithoutDuplicateDetection().createParser(file.toFile())) {
            return new ResultsJsonReader(file, parser).readDocument();
        }
        catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw JsonInput.syntaxError(file, e);
        }
        catch (IOException e) {
            throw JsonInput.unreadable(file, e);
        }
    }

    private static SerializedString[] keys(String... names) {
        return Arrays.stream(names).map(SerializedString::new).toArray(SerializedString[]::new);
    }

    private BenchmarkResults readDocument() throws IOException {
        JsonToken start = parser.nextToken();
        if (start != JsonToken.START_OBJECT) {
            throw error("", "must be a JSON object, found " + found(start));
        }
        Map<String, DatasetInfo> datasets = null;
        boolean format = false;
        boolean version = false;
        boolean read = false;
        int seen = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int bit = Arrays.asList(TOP).indexOf(key);
            if (bit < 0) {
                throw error(key, "unknown key (allowed: " + TOP_KEYS + ")");
            }
            if ((seen & 1 << bit) != 0) {
                throw error(key, "appears twice (duplicate key)");
            }
            seen |= 1 << bit;
            JsonToken value = parser.nextToken();
            switch (bit) {
                case FORMAT -> format = value == JsonToken.VALUE_STRING && "nightly-results".equals(parser.getText());
                case VERSION -> version = value.isNumeric() && parser.getDoubleValue() == 1;
                case DATASETS -> datasets = readDatasets(value);
                default -> {
                    readObservations(value);
                    read = true;
                }
            }
            // Checked as soon as known, so that another kind of file is refused before its content is read.
            if (bit == FORMAT && !format || bit == VERSION && !version) {
                throw notResults();
            }
        }
        if (parser.nextToken() != null) {
            throw new BadInputException(file + ": " + JsonInput.where(parser.currentLocation())
                    + "unexpected content after the end of the JSON document");
        }
        if (!format || !version) {
            throw notResults();
        }
        if (datasets == null) {
            throw error("datasets", "must be an array");
        }
        if (!read) {
            throw error("observations", "must be an array");
        }
        return new BenchmarkResults(datasets, observations.build());
    }

    private BadInputException notResults() {
        return new BadInputException(file + ": not a nightly results file (format nightly-results, version 1)");
    }

    /** A few datasets: each read as a small tree (which refuses duplicate keys too). */
    private Map<String, DatasetInfo> readDatasets(JsonToken token) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            throw error("datasets", "must be an array");
        }
        Map<String, DatasetInfo> datasets = new LinkedHashMap<>();
        int i = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            DatasetInfo dataset = ModelJson.readDataset(file.toString(), "datasets[" + i++ + "]", JsonInput.readTree(parser));
            datasets.put(dataset.id(), dataset);
        }
        return datasets;
    }

    private void readObservations(JsonToken token) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            throw error("observations", "must be an array");
        }
        index = 0;
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (next != JsonToken.START_OBJECT) {
                throw error(path(), "must be a JSON object, found " + found(next));
            }
            readObservation();
            index++;
        }
    }

    /** One observation into the builder; a value of the same series, time and commit costs no new object. */
    private void readObservation() throws IOException {
        String dataset = null;
        String measure = null;
        String unit = "";
        String commit = "";
        long second = NO_TIME;
        int nano = 0;
        double value = 0;
        double error = Double.NaN;
        boolean hasValue = false;
        probe.count = 0;
        int seen = 0;
        int expected = 0;
        int key;
        while ((key = nextKey(OBSERVATION, expected)) != END) {
            if (key == UNKNOWN) {
                throw error(path() + "." + parser.currentName(), "unknown key (allowed: " + OBSERVATION_KEYS + ")");
            }
            if ((seen & 1 << key) != 0) {
                // The path is only made here: a string per key of two million objects adds up.
                throw error(path() + "." + OBSERVATION[key].getValue(), "appears twice (duplicate key)");
            }
            seen |= 1 << key;
            expected = key + 1;
            JsonToken token = parser.nextToken();
            switch (key) {
                case DATASET -> dataset = text(token, DATASET);
                case MEASURE -> measure = text(token, MEASURE);
                case PARAMETERS -> readParameters(token);
                case UNIT -> unit = Objects.requireNonNullElse(text(token, UNIT), "");
                case TIME -> {
                    if (token != JsonToken.VALUE_NULL) {
                        readTime(token);
                        second = lastSecond;
                        nano = lastNano;
                    }
                }
                case COMMIT -> commit = commit(token);
                case VALUE -> {
                    hasValue = token != JsonToken.VALUE_NULL;
                    if (hasValue) {
                        value = number(token, VALUE);
                    }
                }
                default -> error = token == JsonToken.VALUE_NULL ? Double.NaN : number(token, ERROR);
            }
        }
        if (!hasValue) {
            throw error(path() + ".value", "is required");
        }
        if (dataset == null || dataset.isBlank()) {
            throw error(path() + ".dataset", "is required and must be a non-empty string");
        }
        if (measure == null || measure.isBlank()) {
            throw error(path() + ".measure", "is required and must be a non-empty string");
        }
        if (!inRow || second != rowSecond || nano != rowNano || !commit.equals(rowCommit)) {
            if (second == NO_TIME) {
                observations.row(null, commit);
            }
            else {
                observations.row(second, nano, commit);
            }
            inRow = true;
            rowSecond = second;
            rowNano = nano;
            rowCommit = commit;
        }
        observations.value(series(dataset, measure, unit), value, error);
    }

    /** The builder's number of the series, made the first time these texts come. */
    private int series(String dataset, String measure, String unit) {
        probe.set(dataset, measure, unit);
        Integer number = seriesNumbers.get(probe);
        if (number == null) {
            TreeMap<String, String> parameters = new TreeMap<>();
            for (int i = 0; i < probe.count; i++) {
                parameters.put(probe.parameters[2 * i], probe.parameters[2 * i + 1]);
            }
            number = observations.series(new SeriesKey(dataset, measure, parameters), unit);
            seriesNumbers.put(probe.copy(), number);
        }
        return number;
    }

    private void readParameters(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token != JsonToken.START_OBJECT) {
            throw error(path() + ".parameters", "must be a JSON object, found " + found(token));
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            // Jackson gives the same string for the same name: the names need no cache.
            String name = parser.currentName();
            for (int i = 0; i < probe.count; i++) {
                if (probe.parameters[2 * i].equals(name)) {
                    throw error(path() + ".parameters." + name, "appears twice (duplicate key)");
                }
            }
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                throw error(path() + ".parameters." + name, "must be a string, found " + found(parser.currentToken()));
            }
            probe.add(name, texts.get(parser));
        }
    }

    /** A text field of an observation, {@code null} when null. */
    private String text(JsonToken token, int key) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw error(path() + "." + OBSERVATION[key].getValue(), "must be a string, found " + found(token));
        }
        return texts.get(parser);
    }

    private double number(JsonToken token, int key) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw error(path() + "." + OBSERVATION[key].getValue(), "must be a number, found " + found(token));
        }
        return parser.getDoubleValue();
    }

    /** The commit: the one of the previous observation, usually (a row's values come one after the other). */
    private String commit(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return "";
        }
        if (token != JsonToken.VALUE_STRING) {
            throw error(path() + ".commit", "must be a string, found " + found(token));
        }
        if (lastCommit == null || !sameText(lastCommit)) {
            lastCommit = parser.getText();
        }
        return lastCommit;
    }

    /** Reads the time into {@link #lastSecond} and {@link #lastNano}, parsing only a text not seen just before. */
    private void readTime(JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw error(path() + ".time", "must be a string, found " + found(token));
        }
        if (lastTimeText != null && sameText(lastTimeText)) {
            return;
        }
        String text = parser.getText();
        LocalDateTime time;
        try {
            time = LocalDateTime.parse(text);
        }
        catch (DateTimeParseException e) {
            throw error(path() + ".time", "must be a date and time such as 2018-07-28T03:04:12, found " + quoted(text));
        }
        lastTimeText = text;
        lastSecond = time.toEpochSecond(ZoneOffset.UTC);
        lastNano = time.getNano();
    }

    /**
     * The index of the next key of the current object in {@code order}, {@link #UNKNOWN} for another key
     * (then {@code parser.currentName()}), {@link #END} at the end of the object. The key {@code expected}
     * (the one after the previous, as the writer orders them) is matched against the raw input first, which
     * is cheaper than reading a name.
     */
    private int nextKey(SerializedString[] order, int expected) throws IOException {
        if (expected < order.length) {
            if (parser.nextFieldName(order[expected])) {
                return expected;
            }
            if (parser.currentToken() != JsonToken.FIELD_NAME) {
                return END;
            }
        }
        else if (parser.nextToken() != JsonToken.FIELD_NAME) {
            return END;
        }
        String name = parser.currentName();
        for (int i = 0; i < order.length; i++) {
            if (order[i].getValue().equals(name)) {
                return i;
            }
        }
        return UNKNOWN;
    }

    private boolean sameText(String text) throws IOException {
        int length = parser.getTextLength();
        if (text.length() != length) {
            return false;
        }
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        for (int i = length - 1; i >= 0; i--) {
            // From the end: commits and times of consecutive rows differ there more often than at the start.
            if (text.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code observations[12]}, made only for a message. */
    private String path() {
        return "observations[" + index + "]";
    }

    private String found(JsonToken token) throws IOException {
        if (token == null) {
            return "the end of the file";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> quoted(parser.getText());
            case VALUE_NULL -> "null";
            default -> parser.getText();
        };
    }

    private static String quoted(String text) {
        return "\"" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "\"";
    }

    /** As {@code JsonFields} says it, with the line and column: {@code file: line 3, column 9: "path" message}. */
    private BadInputException error(String path, String message) {
        String label = path.isEmpty() ? "" : "\"" + path + "\" ";
        return new BadInputException(file + ": " + JsonInput.where(parser.currentLocation()) + label + message);
    }

    /**
     * What makes a series as the file writes it: its texts and its parameters as name, value pairs in file
     * order. One instance is reused to look numbers up; copies are the map's keys.
     */
    private static final class SeriesText {
        String dataset;
        String measure;
        String unit;
        String[] parameters = new String[8];
        int count;
        int hash;

        void add(String name, String value) {
            if (2 * count + 1 >= parameters.length) {
                parameters = Arrays.copyOf(parameters, parameters.length * 2);
            }
            parameters[2 * count] = name;
            parameters[2 * count + 1] = value;
            count++;
        }

        void set(String dataset, String measure, String unit) {
            this.dataset = dataset;
            this.measure = measure;
            this.unit = unit;
            int h = (dataset.hashCode() * 31 + measure.hashCode()) * 31 + unit.hashCode();
            for (int i = 0; i < 2 * count; i++) {
                h = h * 31 + parameters[i].hashCode();
            }
            hash = h;
        }

        SeriesText copy() {
            SeriesText copy = new SeriesText();
            copy.dataset = dataset;
            copy.measure = measure;
            copy.unit = unit;
            copy.parameters = Arrays.copyOf(parameters, 2 * count);
            copy.count = count;
            copy.hash = hash;
            return copy;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof SeriesText that) || hash != that.hash || count != that.count
                    || !dataset.equals(that.dataset) || !measure.equals(that.measure) || !unit.equals(that.unit)) {
                return false;
            }
            for (int i = 0; i < 2 * count; i++) {
                if (!parameters[i].equals(that.parameters[i])) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * The string values of a file, each made once while it is among the last few hundred different ones:
     * datasets, measures, units and parameter values repeat for every observation.
     */
    private static final class Texts {
        private static final int SIZE = 1024;
        private final String[] slots = new String[SIZE];
        private int entries;

        String get(JsonParser parser) throws IOException {
            char[] chars = parser.getTextCharacters();
            int offset = parser.getTextOffset();
            int length = parser.getTextLength();
            int hash = 0;
            for (int i = offset; i < offset + length; i++) {
                hash = 31 * hash + chars[i];
            }
            int slot = (hash ^ (hash >>> 16)) & (SIZE - 1);
            for (String text; (text = slots[slot]) != null; slot = (slot + 1) & (SIZE - 1)) {
                if (text.length() == length && same(text, chars, offset)) {
                    return text;
                }
            }
            if (entries >= SIZE / 2) {
                // Bounded: a file of many different texts makes strings as without the cache.
                Arrays.fill(slots, null);
                entries = 0;
                slot = (hash ^ (hash >>> 16)) & (SIZE - 1);
            }
            String text = new String(chars, offset, length);
            slots[slot] = text;
            entries++;
            return text;
        }

        private static boolean same(String text, char[] chars, int offset) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) != chars[offset + i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
