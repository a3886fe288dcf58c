package dev.nightly.bench.hawd;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.nightly.bench.definitions.ColumnDefinition;
import dev.nightly.bench.definitions.DatasetDefinition;
import dev.nightly.bench.ingest.ReadSettings;
import dev.nightly.bench.json.JsonInput;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.SeriesKey;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Streams one {@code hawd json} export into observations. Lenient where HAWD's output needs it (rows in
 * any order, keys in any order, numbers as numeric strings, {@code null} for unset values, empty units);
 * strict about everything else: an unknown key, a value of the wrong kind or a text where a number must
 * be refuses the whole file with its dataset, row and column.
 *
 * <p>It streams rather than building a tree so that a history of ten thousand nights costs one pass.
 */
final class HawdJsonReader {
    private static final List<String> DOCUMENT_KEYS = List.of("dataset", "name", "description", "rows");
    private static final List<String> ROW_KEYS = List.of("timestamp", "commit", "columns");
    private static final List<String> COLUMN_KEYS = List.of("name", "unit", "value");


    private final Path file;
    private final ReadSettings settings;
    private final Optional<DatasetDefinition> noDefinition = Optional.empty();

    private String dataset;
    private Optional<DatasetDefinition> definition = noDefinition;
    private int rowNumber;
    private JsonParser parser;
    /**
     * What each (column, unit) of the dataset is, and one key per series: a history has ten thousand rows
     * of the same few columns, so definitions are looked up and keys made once, not per row.
     */
    private final Map<String, Map<String, ColumnRole>> roles = new HashMap<>();
    private final Map<Map<String, String>, Map<String, SeriesKey>> seriesKeys = new HashMap<>();
    private final Map<String, String> canonicalNumbers = new HashMap<>();
    /** Observations of rows read after "dataset", or {@code null} when the rows are kept raw. */
    private List<Observation> streamed;
    /** The first error of a streamed row's values. */
    private BadInputException deferred;
    /** The role of the column at each position of the previous row: rows of a dataset repeat their columns. */
    private RawColumn[] lastColumns = new RawColumn[8];

    HawdJsonReader(Path file, ReadSettings settings) {
        this.file = file;
        this.settings = settings;
    }

    BenchmarkResults read() throws IOException {
        // Jackson's duplicate detection keeps a set of names per object, which doubles the cost of a pass;
        // every object here has a few known keys, so a bit per key does the same job.
        try (JsonParser p = JsonInput.factoryWithoutDuplicateDetection().createParser(file.toFile())) {
            parser = p;
            return readDocument();
        }
        catch (JsonProcessingException e) {
            throw JsonInput.syntaxError(file, e);
        }
    }

    private BenchmarkResults readDocument() throws IOException {
        expect(parser.nextToken(), JsonToken.START_OBJECT, "the export must be a JSON object");
        String name = null;
        String description = null;
        // Rows may come before "dataset" when keys are not sorted; keep them raw until the dataset is known.
        // HAWD sorts keys, so "dataset" comes first and rows are turned into observations as they are read.
        List<RawRow> rows = null;
        int seen = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            seen = once(seen, DOCUMENT_KEYS.indexOf(key), key, "");
            JsonToken value = parser.nextToken();
            switch (key) {
                case "dataset" -> dataset = text(value, "\"dataset\" must be a string");
                case "name" -> name = text(value, "\"name\" must be a string");
                case "description" -> description = text(value, "\"description\" must be a string");
                case "rows" -> rows = readRows(value);
                default -> throw error("unknown key \"" + key + "\" (a hawd json export has dataset, name, description, rows)");
            }
        }
        if (parser.nextToken() != null) {
            throw error("unexpected content after the end of the JSON document");
        }
        if (dataset == null || dataset.isBlank()) {
            throw new BadInputException(file + ": no \"dataset\" (the dataset id); is this a hawd json export?");
        }
        if (rows == null) {
            throw new BadInputException(file + ": dataset " + dataset + ": no \"rows\" array");
        }
        if (deferred != null) {
            throw deferred;
        }
        definition = settings.definitions().get(dataset);
        DatasetInfo info = datasetInfo(name, description);
        List<Observation> observations = streamed != null ? streamed : new ArrayList<>();
        for (RawRow row : rows) {
            row.toObservations(observations);
        }
        return new BenchmarkResults(Map.of(dataset, info), observations);
    }

    /** The export's own name and description win over the definition's; bounds come from the definition. */
    private DatasetInfo datasetInfo(String name, String description) {
        if (definition.isEmpty()) {
            return new DatasetInfo(dataset, name, description, Map.of());
        }
        DatasetInfo defined = definition.get().info();
        return new DatasetInfo(dataset, name == null ? defined.name() : name,
                description == null ? defined.description() : description, defined.bounds());
    }

    private List<RawRow> readRows(JsonToken token) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            throw error("\"rows\" must be an array, found " + describe(token));
        }
        List<RawRow> rows = new ArrayList<>();
        boolean streaming = dataset != null && !dataset.isBlank();
        if (streaming) {
            definition = settings.definitions().get(dataset);
            streamed = new ArrayList<>();
        }
        rowNumber = 0;
        while (true) {
            JsonToken next = parser.nextToken();
            if (next == JsonToken.END_ARRAY) {
                return rows;
            }
            rowNumber++;
            RawRow row = readRow(next);
            if (!streaming) {
                rows.add(row);
            }
            else if (deferred == null) {
                try {
                    row.toObservations(streamed);
                }
                catch (BadInputException e) {
                    // Reported once the whole file has been read, as if the rows were kept: errors of the
                    // JSON itself anywhere in the file are reported first.
                    deferred = e;
                }
            }
        }
    }

    /** Refuses a key seen before in the same object; {@code index} is its place among the known keys. */
    private int once(int seen, int index, String key, String where) throws IOException {
        if (index < 0) {
            return seen;
        }
        int bit = 1 << index;
        if ((seen & bit) != 0) {
            throw error(where + "key \"" + key + "\" appears twice");
        }
        return seen | bit;
    }

    private RawRow readRow(JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw error(rowLabel() + "must be an object, found " + describe(token));
        }
        RawRow row = new RawRow(rowNumber, parser.currentLocation().getLineNr());
        int seen = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            seen = once(seen, ROW_KEYS.indexOf(key), key, rowLabel());
            JsonToken value = parser.nextToken();
            switch (key) {
                case "timestamp" -> row.time = timestamp(rowText(value, "\"timestamp\" must be a string"));
                case "commit" -> row.commit = commit(value);
                case "columns" -> readColumns(value, row);
                default -> throw error(rowLabel() + "unknown key \"" + key + "\" (a row has timestamp, commit, columns)");
            }
        }
        if (row.time == null) {
            throw error(rowLabel() + "has no \"timestamp\"");
        }
        if (row.columns == null) {
            throw error(rowLabel() + "has no \"columns\" array");
        }
        return row;
    }

    private void readColumns(JsonToken token, RawRow row) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            throw error(rowLabel() + "\"columns\" must be an array, found " + describe(token));
        }
        row.columns = new ArrayList<>();
        int index = 0;
        while (true) {
            JsonToken next = parser.nextToken();
            if (next == JsonToken.END_ARRAY) {
                return;
            }
            index++;
            if (next != JsonToken.START_OBJECT) {
                throw error(rowLabel() + "column " + index + " must be an object, found " + describe(next));
            }
            RawColumn column = new RawColumn();
            boolean hasValue = false;
            int seen = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                seen = once(seen, COLUMN_KEYS.indexOf(key), key, rowLabel() + "column " + index + ": ");
                JsonToken value = parser.nextToken();
                switch (key) {
                    case "name" -> column.name = columnText(value, index, "\"name\" must be a string");
                    case "unit" -> column.unit = value == JsonToken.VALUE_NULL ? ""
                            : columnText(value, index, "\"unit\" must be a string");
                    case "value" -> {
                        hasValue = true;
                        readValue(value, column, index);
                    }
                    default -> throw error(rowLabel() + "column " + index + ": unknown key \"" + key
                            + "\" (a column has name, unit, value)");
                }
            }
            if (column.name == null || column.name.isEmpty()) {
                throw error(rowLabel() + "column " + index + " has no \"name\"");
            }
            if (!hasValue) {
                throw error(rowLabel() + "column \"" + column.name + "\" has no \"value\"");
            }
            for (RawColumn other : row.columns) {
                if (other.name.equals(column.name)) {
                    throw error(rowLabel() + "column \"" + column.name + "\" appears twice");
                }
            }
            row.columns.add(column);
        }
    }

    private void readValue(JsonToken token, RawColumn column, int index) throws IOException {
        switch (token) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                column.number = parser.getDoubleValue();
                column.text = parser.getText();
                column.numeric = true;
            }
            case VALUE_STRING -> {
                column.text = parser.getText();
                String trimmed = column.text.strip();
                if (isNumber(trimmed)) {
                    column.number = Double.parseDouble(trimmed);
                    column.text = trimmed;
                    column.numeric = true;
                }
            }
            case VALUE_TRUE, VALUE_FALSE -> column.text = parser.getText();
            case VALUE_NULL -> column.text = null;
            default -> throw error(rowLabel() + "column " + index + ": \"value\" must be a number, a numeric string or null, found "
                    + describe(token));
        }
        JsonLocation location = parser.currentLocation();
        column.valueLine = location.getLineNr();
        column.valueColumn = location.getColumnNr();
    }

    private String commit(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return "";
        }
        String commit = rowText(token, "\"commit\" must be a string").strip();
        if (!commit.isEmpty() && !isCommit(commit)) {
            throw error(rowLabel() + "\"commit\" must be a hexadecimal commit id or empty, found \"" + clip(commit) + "\"");
        }
        return commit;
    }

    private LocalDateTime timestamp(String text) {
        LocalDateTime usual = hawdTimestamp(text);
        if (usual != null) {
            return usual;
        }
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text.strip());
            // HAWD writes local time without a zone; should a zone be there, its local reading is kept.
            return LocalDateTime.from(parsed);
        }
        catch (DateTimeParseException e) {
            throw error(rowLabel() + "\"timestamp\" is not an ISO-8601 date and time: \"" + clip(text) + "\"");
        }
    }

    /**
     * HAWD's usual {@code 2018-07-28T03:04:12.345} without a general parser (the formatter costs more than
     * the rest of a row); {@code null} for any other form or an invalid date, which the formatter then
     * parses or refuses as before.
     */
    static LocalDateTime hawdTimestamp(String text) {
        if (text.length() != 23 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        int millis = number(text, 20, 23);
        if ((year | month | day | hour | minute | second | millis) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000);
        }
        catch (java.time.DateTimeException invalid) {
            return null;
        }
    }

    /** The ASCII digits from {@code from} to {@code to} as a number, or -1. */
    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private String text(JsonToken token, String message) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw error(message + ", found " + describe(token));
        }
        return parser.getText();
    }

    /** As {@link #text}, for a row's field; the message is only built when it is needed (once per row adds up). */
    private String rowText(JsonToken token, String message) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw error(rowLabel() + message + ", found " + describe(token));
        }
        return parser.getText();
    }

    private String columnText(JsonToken token, int index, String message) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw error(rowLabel() + "column " + index + ": " + message + ", found " + describe(token));
        }
        return parser.getText();
    }

    private void expect(JsonToken token, JsonToken expected, String message) throws IOException {
        if (token != expected) {
            throw error(message + ", found " + describe(token));
        }
    }

    private String describe(JsonToken token) throws IOException {
        if (token == null) {
            return "the end of the file";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "the string \"" + clip(parser.getText()) + "\"";
            case VALUE_NULL -> "null";
            default -> parser.getText();
        };
    }

    private String rowLabel() {
        return "row " + rowNumber + ": ";
    }

    private BadInputException error(String message) {
        String where = dataset == null ? "" : "dataset " + dataset + ", ";
        return new BadInputException(file + ": " + where + JsonInput.where(parser.currentLocation()) + message);
    }

    /** A JSON number: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, checked by hand (a regex per value is slow). */
    static boolean isNumber(String text) {
        int n = text.length();
        int i = 0;
        if (i < n && text.charAt(i) == '-') {
            i++;
        }
        if (i >= n || !isDigit(text.charAt(i))) {
            return false;
        }
        if (text.charAt(i++) != '0') {
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
        }
        if (i < n && text.charAt(i) == '.') {
            i = digits(text, i + 1);
            if (i < 0) {
                return false;
            }
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            i = digits(text, i);
            if (i < 0) {
                return false;
            }
        }
        return i == n;
    }

    /** The index after one or more digits from {@code from}, or -1 when there is none. */
    private static int digits(String text, int from) {
        int i = from;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i > from ? i : -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** 4 to 64 hexadecimal digits. */
    static boolean isCommit(String text) {
        if (text.length() < 4 || text.length() > 64) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    private static String clip(String text) {
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }

    /** A parameter's value as one text however it was written ({@code 5000}, {@code 5000.0}, {@code "5e3"}). */
    private String canonicalOf(RawColumn column) {
        if (column.numeric) {
            return canonicalNumbers.computeIfAbsent(column.text, text -> new BigDecimal(text).stripTrailingZeros().toPlainString());
        }
        return column.text;
    }

    /**
     * The unit a column's values get (its own, else the definition's), whether a definition makes it text,
     * and whether it is a parameter.
     */
    private record ColumnRole(String unit, boolean textType, boolean parameter) {
    }

    private ColumnRole roleOf(RawColumn column, int index) {
        if (index >= lastColumns.length) {
            lastColumns = java.util.Arrays.copyOf(lastColumns, Math.max(index + 1, lastColumns.length * 2));
        }
        RawColumn last = lastColumns[index];
        if (last != null && last.name.equals(column.name) && last.unit.equals(column.unit)) {
            column.role = last.role;
        }
        else {
            column.role = lookUpRole(column);
            lastColumns[index] = column;
        }
        return column.role;
    }

    private ColumnRole lookUpRole(RawColumn column) {
        return roles.computeIfAbsent(column.name, name -> new HashMap<>()).computeIfAbsent(column.unit, rawUnit -> {
            Optional<ColumnDefinition> columnDefinition = definition.flatMap(d -> d.column(column.name));
            String unit = rawUnit.isEmpty() ? columnDefinition.map(ColumnDefinition::unit).orElse("") : rawUnit;
            boolean textType = columnDefinition.map(c -> c.type().isText()).orElse(false);
            return new ColumnRole(unit, textType, settings.parameterColumns().isParameter(dataset, column.name, unit));
        });
    }

    private static final class RawColumn {
        String name;
        ColumnRole role;
        String unit = "";
        String text;
        double number;
        boolean numeric;
        int valueLine;
        int valueColumn;
    }

    /** One row as read; turned into observations once the dataset (and so its definition) is known. */
    private final class RawRow {
        final int number;
        final int line;
        LocalDateTime time;
        String commit = "";
        List<RawColumn> columns;

        RawRow(int number, int line) {
            this.number = number;
            this.line = line;
        }

        void toObservations(List<Observation> out) {
            TreeMap<String, String> parameters = new TreeMap<>();
            int measures = 0;
            for (int i = 0; i < columns.size(); i++) {
                RawColumn column = columns.get(i);
                ColumnRole role = roleOf(column, i);
                if (role.parameter) {
                    if (column.text != null) {
                        if (!column.numeric && !role.textType && !isBoolean(column.text)) {
                            throw columnError(column, "value \"" + clip(column.text) + "\" is not a number"
                                    + " (a text parameter needs a definition with type string)");
                        }
                        parameters.put(column.name, canonicalOf(column));
                    }
                }
                else if (column.text != null) {
                    if (!column.numeric) {
                        throw columnError(column, "value \"" + clip(column.text) + "\" is not a number");
                    }
                    measures++;
                }
            }
            if (measures == 0) {
                return;
            }
            Map<String, SeriesKey> keys = seriesKeys.computeIfAbsent(parameters, p -> new HashMap<>());
            for (RawColumn column : columns) {
                ColumnRole role = column.role;
                if (!role.parameter && column.text != null) {
                    SeriesKey key = keys.computeIfAbsent(column.name, measure -> new SeriesKey(dataset, measure, parameters));
                    out.add(new Observation(key, role.unit, time, commit, column.number));
                }
            }
        }

        private BadInputException columnError(RawColumn column, String message) {
            return new BadInputException(file + ": dataset " + dataset + ", row " + number + " (line " + line
                    + "), column \"" + column.name + "\" (line " + column.valueLine + ", column " + column.valueColumn
                    + "): " + message);
        }

        private boolean isBoolean(String text) {
            return "true".equals(text) || "false".equals(text);
        }
    }
}
