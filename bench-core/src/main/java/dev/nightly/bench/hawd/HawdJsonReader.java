package dev.nightly.bench.hawd;

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
import java.util.regex.Pattern;

/**
 * Streams one {@code hawd json} export into observations. Lenient where HAWD's output needs it (rows in
 * any order, keys in any order, numbers as numeric strings, {@code null} for unset values, empty units);
 * strict about everything else: an unknown key, a value of the wrong kind or a text where a number must
 * be refuses the whole file with its dataset, row and column.
 *
 * <p>It streams rather than building a tree so that a history of ten thousand nights costs one pass.
 */
final class HawdJsonReader {
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{4,64}");

    private final Path file;
    private final ReadSettings settings;
    private final Optional<DatasetDefinition> noDefinition = Optional.empty();

    private String dataset;
    private Optional<DatasetDefinition> definition = noDefinition;
    private int rowNumber;
    private JsonParser parser;

    HawdJsonReader(Path file, ReadSettings settings) {
        this.file = file;
        this.settings = settings;
    }

    BenchmarkResults read() throws IOException {
        try (JsonParser p = JsonInput.factory().createParser(file.toFile())) {
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
        List<RawRow> rows = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
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
        definition = settings.definitions().get(dataset);
        DatasetInfo info = datasetInfo(name, description);
        List<Observation> observations = new ArrayList<>();
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
        rowNumber = 0;
        while (true) {
            JsonToken next = parser.nextToken();
            if (next == JsonToken.END_ARRAY) {
                return rows;
            }
            rowNumber++;
            rows.add(readRow(next));
        }
    }

    private RawRow readRow(JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw error(rowLabel() + "must be an object, found " + describe(token));
        }
        RawRow row = new RawRow(rowNumber, parser.currentLocation().getLineNr());
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (key) {
                case "timestamp" -> row.time = timestamp(text(value, rowLabel() + "\"timestamp\" must be a string"));
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
            column.line = parser.currentLocation().getLineNr();
            boolean hasValue = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (key) {
                    case "name" -> column.name = text(value, rowLabel() + "column " + index + ": \"name\" must be a string");
                    case "unit" -> column.unit = value == JsonToken.VALUE_NULL ? ""
                            : text(value, rowLabel() + "column " + index + ": \"unit\" must be a string");
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
                if (NUMBER.matcher(trimmed).matches()) {
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
        column.valueLine = parser.currentLocation().getLineNr();
        column.valueColumn = parser.currentLocation().getColumnNr();
    }

    private String commit(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return "";
        }
        String commit = text(token, rowLabel() + "\"commit\" must be a string").strip();
        if (!commit.isEmpty() && !COMMIT.matcher(commit).matches()) {
            throw error(rowLabel() + "\"commit\" must be a hexadecimal commit id or empty, found \"" + clip(commit) + "\"");
        }
        return commit;
    }

    private LocalDateTime timestamp(String text) {
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text.strip());
            // HAWD writes local time without a zone; should a zone be there, its local reading is kept.
            return LocalDateTime.from(parsed);
        }
        catch (DateTimeParseException e) {
            throw error(rowLabel() + "\"timestamp\" is not an ISO-8601 date and time: \"" + clip(text) + "\"");
        }
    }

    private String text(JsonToken token, String message) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw error(message + ", found " + describe(token));
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

    private static String clip(String text) {
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }

    private static String canonical(RawColumn column) {
        if (column.numeric) {
            return new BigDecimal(column.text).stripTrailingZeros().toPlainString();
        }
        return column.text;
    }

    private static final class RawColumn {
        String name;
        String unit = "";
        String text;
        double number;
        boolean numeric;
        int line;
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
            Map<String, String> parameters = new HashMap<>();
            List<RawColumn> measures = new ArrayList<>(columns.size());
            Map<RawColumn, String> units = new HashMap<>();
            for (RawColumn column : columns) {
                Optional<ColumnDefinition> columnDefinition = definition.flatMap(d -> d.column(column.name));
                String unit = column.unit.isEmpty() ? columnDefinition.map(ColumnDefinition::unit).orElse("") : column.unit;
                boolean textType = columnDefinition.map(c -> c.type().isText()).orElse(false);
                if (settings.parameterColumns().isParameter(dataset, column.name, unit)) {
                    if (column.text != null) {
                        if (!column.numeric && !textType && !isBoolean(column.text)) {
                            throw columnError(column, "value \"" + clip(column.text) + "\" is not a number"
                                    + " (a text parameter needs a definition with type string)");
                        }
                        parameters.put(column.name, canonical(column));
                    }
                }
                else if (column.text != null) {
                    if (!column.numeric) {
                        throw columnError(column, "value \"" + clip(column.text) + "\" is not a number");
                    }
                    measures.add(column);
                    units.put(column, unit);
                }
            }
            TreeMap<String, String> sorted = new TreeMap<>(parameters);
            for (RawColumn column : measures) {
                out.add(new Observation(new SeriesKey(dataset, column.name, sorted), units.get(column), time, commit,
                        column.number));
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
