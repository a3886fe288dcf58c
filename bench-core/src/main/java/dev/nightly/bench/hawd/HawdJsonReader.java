package dev.nightly.bench.hawd;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.io.NumberInput;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.nightly.bench.definitions.ColumnDefinition;
import dev.nightly.bench.definitions.DatasetDefinition;
import dev.nightly.bench.ingest.ReadSettings;
import dev.nightly.bench.json.ContentKind;
import dev.nightly.bench.json.JsonInput;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Observations;
import dev.nightly.bench.model.SeriesKey;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
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
    /** A bit per known key of a row and of a column, in the order HAWD writes them (sorted). */
    private static final int COLUMNS = 1;
    private static final int COMMIT = 2;
    private static final int TIMESTAMP = 4;
    private static final SerializedString[] ROW_KEY_ORDER = keys("columns", "commit", "timestamp");
    private static final int NAME = 1;
    private static final int UNIT = 2;
    private static final int VALUE = 4;
    private static final SerializedString[] COLUMN_KEY_ORDER = keys("name", "unit", "value");
    /** A time outside the range of {@link LocalDateTime}: none. */
    private static final long NO_TIME = Long.MIN_VALUE;
    private static final long DAYS_0000_TO_1970 = 719_528L;

    private final Path file;
    private final ReadSettings settings;
    private final Optional<DatasetDefinition> noDefinition = Optional.empty();

    private String dataset;
    private Optional<DatasetDefinition> definition = noDefinition;
    private int rowNumber;
    private JsonParser parser;
    /**
     * Whether rows are turned into observations as they are read (the dataset came first, as HAWD writes
     * it); then a column's role is known when its value is read, and a measured value needs no text.
     */
    private boolean streaming;
    /** What each (column, unit) of the dataset is: a history has ten thousand rows of the same few columns. */
    private final Map<String, Map<String, ColumnRole>> roles = new HashMap<>();
    /** One key per series, shared by all its observations. */
    private final Map<Map<String, String>, Map<String, SeriesKey>> seriesKeys = new HashMap<>();
    private final Map<String, String> canonicalNumbers = new HashMap<>();
    /** The canonical text of numeric parameter values by their raw characters, without making a string each time. */
    private final TextCache canonicalByChars = new TextCache();
    /** Rows without parameters; below it, one node per parameter value, each with the series numbers of its measures. */
    private final ParameterNode parameterRoot = new ParameterNode(new TreeMap<>());
    /**
     * The observations of the file: of each row as it is read when streaming, else of the raw rows at the
     * end. One builder per reader, since parameter nodes keep its series numbers.
     */
    private final Observations.Builder observations = Observations.builder();
    /**
     * Rows with the same parameters, time and commit, found by a hash of those per row (one long and a slot in
     * an int table per row: a history has hundreds of thousands of rows), and told apart from hash collisions,
     * and a row printed again from a conflict, once the observations are built.
     */
    private final RowTwins rowTwins = new RowTwins();
    private int nextNodeId;

    /** The first error of a streamed row's values. */
    private BadInputException deferred;
    /** The row read into when streaming: rows are turned into observations at once, so one is enough. */
    private RawRow scratch;
    /**
     * The name and unit text of the column at each position of the previous row, reused when the same
     * characters come again (rows of a dataset repeat their columns); and the role last looked up there.
     */
    private String[] lastNames = new String[8];
    private String[] lastUnits = new String[8];
    private String[] roleNames = new String[8];
    private String[] roleUnits = new String[8];
    private ColumnRole[] lastRoles = new ColumnRole[8];
    /** The column names of the last row whose names were checked for duplicates, by position. */
    private String[] checkedNames = new String[8];
    private int checkedCount;
    /** The previous row's commit as written and as kept: the rows of one night share it. */
    private String lastCommitText;
    private String lastCommit;

    private static SerializedString[] keys(String... names) {
        return java.util.Arrays.stream(names).map(SerializedString::new).toArray(SerializedString[]::new);
    }

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
            int index = DOCUMENT_KEYS.indexOf(key);
            seen = once(seen, index < 0 ? 0 : 1 << index, 0);
            JsonToken value = parser.nextToken();
            switch (key) {
                case "dataset" -> dataset = text(value, "\"dataset\" must be a string");
                case "name" -> name = text(value, "\"name\" must be a string");
                case "description" -> description = text(value, "\"description\" must be a string");
                case "rows" -> rows = readRows(value);
                default -> throw error("unknown key " + ContentKind.quoteName(key) + " (a hawd json export has dataset, name, description, rows)");
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
        for (RawRow row : rows) {
            row.toObservations(observations);
        }
        Observations built = observations.build();
        rowTwins.check(built);
        return new BenchmarkResults(Map.of(dataset, info), built);
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
            throw error("\"rows\" must be an array, found " + shape(token));
        }
        List<RawRow> rows = new ArrayList<>();
        streaming = dataset != null && !dataset.isBlank();
        if (streaming) {
            definition = settings.definitions().get(dataset);
            scratch = new RawRow();
        }
        rowNumber = 0;
        while (true) {
            JsonToken next = parser.nextToken();
            if (next == JsonToken.END_ARRAY) {
                // Rows read after this are kept raw (a second "rows" is refused anyway).
                streaming = false;
                return rows;
            }
            rowNumber++;
            RawRow row = streaming ? scratch : new RawRow();
            readRow(next, row);
            if (!streaming) {
                rows.add(row);
            }
            else if (deferred == null) {
                try {
                    row.toObservations(observations);
                }
                catch (BadInputException e) {
                    // Reported once the whole file has been read, as if the rows were kept: errors of the
                    // JSON itself anywhere in the file are reported first.
                    deferred = e;
                }
            }
        }
    }

    /**
     * Refuses the current key when seen before in the same object; {@code bit} is its bit among the
     * object's known keys (0 for an unknown key), {@code column} the position from 1 of the column it is
     * in, -1 for a row's key, 0 for the document's.
     */
    private int once(int seen, int bit, int column) throws IOException {
        if ((seen & bit) != 0) {
            // The place is only made here: a label per key of every row adds up.
            String where = column < 0 ? rowLabel() : column == 0 ? "" : rowLabel() + "column " + column + ": ";
            throw error(where + "key \"" + parser.currentName() + "\" appears twice");
        }
        return seen | bit;
    }

    /**
     * The bit of the next key of the current object among the known keys ({@code order}), 0 for an unknown
     * key (its name is then {@code parser.currentName()}), -1 at the end of the object. HAWD sorts keys, so
     * the key that usually comes next (the first known key not {@code seen} yet) is matched against the raw
     * bytes, which is cheaper than reading a name; any other key is read as usual.
     */
    private int nextKey(SerializedString[] order, int seen) throws IOException {
        int expected = Integer.numberOfTrailingZeros(~seen);
        if (expected < order.length) {
            if (parser.nextFieldName(order[expected])) {
                return 1 << expected;
            }
            if (parser.currentToken() != JsonToken.FIELD_NAME) {
                return -1;
            }
        }
        else if (parser.nextToken() != JsonToken.FIELD_NAME) {
            return -1;
        }
        String key = parser.currentName();
        for (int i = 0; i < order.length; i++) {
            if (order[i].getValue().equals(key)) {
                return 1 << i;
            }
        }
        return 0;
    }

    /** The line of the current token, without making a location object per row where the parser allows. */
    private int tokenLine() {
        return parser instanceof ParserBase base ? base.getTokenLineNr() : parser.currentLocation().getLineNr();
    }

    private void readRow(JsonToken token, RawRow row) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw error(rowLabel() + "must be an object, found " + shape(token));
        }
        row.start(rowNumber, tokenLine());
        int seen = 0;
        int bit;
        while ((bit = nextKey(ROW_KEY_ORDER, seen)) >= 0) {
            seen = once(seen, bit, -1);
            JsonToken value = parser.nextToken();
            switch (bit) {
                case TIMESTAMP -> timestamp(value, row);
                case COMMIT -> row.commit = commit(value);
                case COLUMNS -> readColumns(value, row);
                default -> throw error(rowLabel() + "unknown key " + ContentKind.quoteName(parser.currentName()) + " (a row has timestamp, commit, columns)");
            }
        }
        if (row.seconds == NO_TIME) {
            throw error(rowLabel() + "has no \"timestamp\"");
        }
        if (!row.hasColumns) {
            throw error(rowLabel() + "has no \"columns\" array");
        }
    }

    private void readColumns(JsonToken token, RawRow row) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            throw error(rowLabel() + "\"columns\" must be an array, found " + shape(token));
        }
        row.hasColumns = true;
        row.count = 0;
        int index = 0;
        // Whether the names so far are the very strings of the same columns of the last row checked.
        boolean checked = true;
        while (true) {
            JsonToken next = parser.nextToken();
            if (next == JsonToken.END_ARRAY) {
                if (!checked || row.count != checkedCount) {
                    checkedNames = grow(checkedNames, row.count);
                    for (int i = 0; i < row.count; i++) {
                        checkedNames[i] = row.columns[i].name;
                    }
                    checkedCount = row.count;
                }
                return;
            }
            index++;
            if (next != JsonToken.START_OBJECT) {
                throw error(rowLabel() + "column " + index + " must be an object, found " + shape(next));
            }
            int position = index - 1;
            if (position >= lastNames.length) {
                growPositions(position);
            }
            RawColumn column = row.next();
            boolean hasValue = false;
            int seen = 0;
            int bit;
            while ((bit = nextKey(COLUMN_KEY_ORDER, seen)) >= 0) {
                seen = once(seen, bit, index);
                JsonToken value = parser.nextToken();
                switch (bit) {
                    case NAME -> column.name = columnName(value, index, position);
                    case UNIT -> column.unit = value == JsonToken.VALUE_NULL ? "" : columnUnit(value, index, position);
                    case VALUE -> {
                        hasValue = true;
                        // HAWD writes name and unit before the value: then the column's role is known here.
                        boolean known = streaming && (seen & (NAME | UNIT)) == (NAME | UNIT) && column.name != null;
                        ColumnRole role = known ? roleOf(column, position) : null;
                        if (role != null && !role.parameter && (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT)) {
                            // Most values: a measured number, all it needs is its double.
                            column.present = true;
                            column.numeric = true;
                            column.number = parser.getDoubleValue();
                        }
                        else {
                            readValue(value, column, index, role);
                        }
                    }
                    default -> throw error(rowLabel() + "column " + index + ": unknown key " + ContentKind.quoteName(parser.currentName())
                            + " (a column has name, unit, value)");
                }
            }
            if (column.name == null || column.name.isEmpty()) {
                throw error(rowLabel() + "column " + index + " has no \"name\"");
            }
            if (!hasValue) {
                throw error(rowLabel() + "column \"" + column.name + "\" has no \"value\"");
            }
            // Names read from the same characters as those of a row without duplicates are no duplicates either.
            checked = checked && index <= checkedCount && column.name == checkedNames[index - 1];
            if (!checked) {
                for (int i = 0; i < row.count - 1; i++) {
                    if (row.columns[i].name.equals(column.name)) {
                        throw error(rowLabel() + "column \"" + column.name + "\" appears twice");
                    }
                }
            }
        }
    }

    /**
     * Reads a column's value. With its role known, a measured number keeps no text and a numeric parameter
     * only its canonical text; otherwise the text is kept for {@link RawRow#toObservations}.
     */
    private void readValue(JsonToken token, RawColumn column, int index, ColumnRole role) throws IOException {
        switch (token) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                column.present = true;
                column.numeric = true;
                column.number = parser.getDoubleValue();
                if (role == null) {
                    column.text = parser.getText();
                }
                else if (role.parameter) {
                    column.canonical = canonicalOf(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                }
            }
            case VALUE_STRING -> {
                column.present = true;
                char[] chars = parser.getTextCharacters();
                int offset = parser.getTextOffset();
                int length = parser.getTextLength();
                if (length > 0 && isDigit(chars[offset + length - 1]) && (isDigit(chars[offset]) || chars[offset] == '-')
                        && isNumber(chars, offset, length)) {
                    // Nothing to strip: the usual numeric string, read without making a string of it.
                    column.numeric = true;
                    column.number = parseNumber(chars, offset, length);
                    if (role == null) {
                        column.text = new String(chars, offset, length);
                    }
                    else if (role.parameter) {
                        column.canonical = canonicalOf(chars, offset, length);
                    }
                }
                else {
                    column.text = parser.getText();
                    String trimmed = column.text.strip();
                    if (isNumber(trimmed)) {
                        column.number = Double.parseDouble(trimmed);
                        column.text = trimmed;
                        column.numeric = true;
                    }
                    else {
                        column.locate(parser.currentLocation());
                    }
                }
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                column.present = true;
                column.text = parser.getText();
                column.locate(parser.currentLocation());
            }
            case VALUE_NULL -> column.present = false;
            default -> throw error(rowLabel() + "column " + index + ": \"value\" must be a number, a numeric string or null, found "
                    + describe(token));
        }
    }

    /** A JSON number's characters as a double, exactly as {@link Double#parseDouble} reads them. */
    static double parseNumber(char[] chars, int offset, int length) {
        if (length <= 15) {
            long value = 0;
            for (int i = offset; i < offset + length; i++) {
                char c = chars[i];
                if (!isDigit(c)) {
                    return NumberInput.parseDouble(chars, offset, length, true);
                }
                value = value * 10 + (c - '0');
            }
            // Below 2^53 every integer is a double: no rounding to get wrong.
            return value;
        }
        return NumberInput.parseDouble(chars, offset, length, true);
    }

    private String columnName(JsonToken token, int index, int position) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw error(rowLabel() + "column " + index + ": \"name\" must be a string, found " + describe(token));
        }
        return lastNames[position] = reuse(lastNames[position]);
    }

    private String columnUnit(JsonToken token, int index, int position) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw error(rowLabel() + "column " + index + ": \"unit\" must be a string, found " + describe(token));
        }
        return lastUnits[position] = reuse(lastUnits[position]);
    }

    /** The current string token: {@code last} when it has the same characters, else a new string. */
    private String reuse(String last) throws IOException {
        if (last != null && sameText(last)) {
            return last;
        }
        return parser.getText();
    }

    private boolean sameText(String text) throws IOException {
        int length = parser.getTextLength();
        if (text.length() != length) {
            return false;
        }
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }

    /** Room in every array kept per column position for a row with a column at {@code position}. */
    private void growPositions(int position) {
        lastNames = grow(lastNames, position);
        lastUnits = grow(lastUnits, position);
        roleNames = grow(roleNames, position);
        roleUnits = grow(roleUnits, position);
        lastRoles = grow(lastRoles, position);
    }

    private static <T> T[] grow(T[] array, int index) {
        return index < array.length ? array : java.util.Arrays.copyOf(array, Math.max(index + 1, array.length * 2));
    }

    private String commit(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return "";
        }
        if (token == JsonToken.VALUE_STRING && lastCommitText != null && sameText(lastCommitText)) {
            return lastCommit;
        }
        String text = rowText(token, "\"commit\" must be a string");
        String commit = text.strip();
        if (!commit.isEmpty() && !isCommit(commit)) {
            throw error(rowLabel() + "\"commit\" must be a hexadecimal commit id or empty, found \"" + clip(commit) + "\"");
        }
        lastCommitText = text;
        lastCommit = commit;
        return commit;
    }

    /** Reads a row's timestamp into it, as seconds and nanoseconds: one object less per row. */
    private void timestamp(JsonToken token, RawRow row) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            long millis = hawdMillis(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            if (millis != NO_TIME) {
                row.seconds = Math.floorDiv(millis, 1000);
                row.nano = (int) Math.floorMod(millis, 1000) * 1_000_000;
                return;
            }
        }
        LocalDateTime time = timestamp(rowText(token, "\"timestamp\" must be a string"));
        row.seconds = time.toEpochSecond(ZoneOffset.UTC);
        row.nano = time.getNano();
    }

    /** A timestamp in another form than HAWD's usual one, or refused. */
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

    /** As {@link #hawdMillis}, as a date and time ({@code null} for another form or an invalid date). */
    static LocalDateTime hawdTimestamp(String text) {
        long millis = hawdMillis(text.toCharArray(), 0, text.length());
        return millis == NO_TIME ? null
                : LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000, ZoneOffset.UTC);
    }

    /**
     * HAWD's usual {@code 2018-07-28T03:04:12.345} without a general parser or any object (the formatter
     * costs more than the rest of a row), read from the parser's characters, as milliseconds since
     * 1970-01-01T00:00 of the same local clock; {@link #NO_TIME} for any other form or an invalid date,
     * which the formatter then parses or refuses as before.
     */
    static long hawdMillis(char[] chars, int offset, int length) {
        if (length != 23 || chars[offset + 4] != '-' || chars[offset + 7] != '-' || chars[offset + 10] != 'T'
                || chars[offset + 13] != ':' || chars[offset + 16] != ':' || chars[offset + 19] != '.') {
            return NO_TIME;
        }
        int year = number(chars, offset, 4);
        int month = number(chars, offset + 5, 2);
        int day = number(chars, offset + 8, 2);
        int hour = number(chars, offset + 11, 2);
        int minute = number(chars, offset + 14, 2);
        int second = number(chars, offset + 17, 2);
        int millis = number(chars, offset + 20, 3);
        if ((year | month | day | hour | minute | second | millis) < 0 || month < 1 || month > 12 || day < 1
                || day > Month.of(month).length(Year.isLeap(year)) || hour > 23 || minute > 59 || second > 59) {
            return NO_TIME;
        }
        long seconds = epochDay(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second;
        return seconds * 1_000 + millis;
    }

    /** Days from 1970-01-01 to a valid date of a year from 0 to 9999, as {@link java.time.LocalDate#toEpochDay} counts them. */
    private static long epochDay(int year, int month, int day) {
        long days = 365L * year + (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
        days += (367 * month - 362) / 12 + day - 1;
        if (month > 2) {
            days -= Year.isLeap(year) ? 1 : 2;
        }
        return days - DAYS_0000_TO_1970;
    }

    /** The {@code count} ASCII digits from {@code from} as a number, or -1. */
    private static int number(char[] chars, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = chars[i];
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

    private void expect(JsonToken token, JsonToken expected, String message) throws IOException {
        if (token != expected) {
            throw error(message + ", found " + shape(token));
        }
    }

    /** What was found where an object or array belongs: the file is not this format, so its text is not quoted. */
    private static String shape(JsonToken token) {
        if (token == null) {
            return "the end of the file";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> "a number";
        };
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

    static boolean isNumber(String text) {
        return isNumber(text.toCharArray(), 0, text.length());
    }

    /** A JSON number: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, checked by hand (a regex per value is slow). */
    static boolean isNumber(char[] chars, int offset, int length) {
        int n = offset + length;
        int i = offset;
        if (i < n && chars[i] == '-') {
            i++;
        }
        if (i >= n || !isDigit(chars[i])) {
            return false;
        }
        if (chars[i++] != '0') {
            while (i < n && isDigit(chars[i])) {
                i++;
            }
        }
        if (i < n && chars[i] == '.') {
            i = digits(chars, i + 1, n);
            if (i < 0) {
                return false;
            }
        }
        if (i < n && (chars[i] == 'e' || chars[i] == 'E')) {
            i++;
            if (i < n && (chars[i] == '+' || chars[i] == '-')) {
                i++;
            }
            i = digits(chars, i, n);
            if (i < 0) {
                return false;
            }
        }
        return i == n;
    }

    /** The index after one or more digits from {@code from} (before {@code end}), or -1 when there is none. */
    private static int digits(char[] chars, int from, int end) {
        int i = from;
        while (i < end && isDigit(chars[i])) {
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
        if (!column.numeric) {
            return column.text;
        }
        if (column.canonical != null) {
            return column.canonical;
        }
        return canonicalNumbers.computeIfAbsent(column.text, HawdJsonReader::canonicalNumber);
    }

    /** As {@link #canonicalOf(RawColumn)}, for a number's characters as the parser holds them. */
    private String canonicalOf(char[] chars, int offset, int length) {
        return canonicalByChars.get(chars, offset, length, HawdJsonReader::canonicalNumber);
    }

    private static String canonicalNumber(String text) {
        BigDecimal number;
        try {
            number = new BigDecimal(text).stripTrailingZeros();
        }
        catch (NumberFormatException e) {
            return text; // an exponent beyond BigDecimal's range: no other spelling to unify it with
        }
        // Plain digits only while they are few: the plain text of 1e999999999 would be a billion characters.
        return Math.abs(number.scale()) <= PLAIN_DIGITS ? number.toPlainString() : number.toString();
    }

    /** Parameter values with more digits than this before or after the point keep an exponent. */
    private static final int PLAIN_DIGITS = 40;

    /**
     * The unit a column's values get (its own, else the definition's), whether a definition makes it text,
     * and whether it is a parameter.
     */
    private record ColumnRole(String unit, boolean textType, boolean parameter) {
    }

    /** The role of {@code column} at {@code position}: the same as in the previous row, usually. */
    private ColumnRole roleOf(RawColumn column, int position) {
        if (column.role != null) {
            return column.role;
        }
        if (column.name.equals(roleNames[position]) && column.unit.equals(roleUnits[position])) {
            column.role = lastRoles[position];
        }
        else {
            column.role = lookUpRole(column);
            roleNames[position] = column.name;
            roleUnits[position] = column.unit;
            lastRoles[position] = column.role;
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

    /** The key of series {@code measure} of the rows with {@code parameters}: one instance per series. */
    private SeriesKey seriesKey(SortedMap<String, String> parameters, String measure) {
        return seriesKeys.computeIfAbsent(parameters, p -> new HashMap<>())
                .computeIfAbsent(measure, m -> new SeriesKey(dataset, m, parameters));
    }

    private static final class RawColumn {
        String name;
        String unit;
        ColumnRole role;
        /** Whether the value is not {@code null}. */
        boolean present;
        boolean numeric;
        double number;
        /** The value's text: kept unless it is a number whose role was known when it was read. */
        String text;
        /** The canonical text of a numeric parameter, when its role was known when it was read. */
        String canonical;
        /** Where a value that is not a number is, for the message should it have to be one. */
        int valueLine;
        int valueColumn;

        void clear() {
            name = null;
            unit = "";
            role = null;
            present = false;
            numeric = false;
            number = 0;
            text = null;
            canonical = null;
        }

        void locate(JsonLocation location) {
            valueLine = location.getLineNr();
            valueColumn = location.getColumnNr();
        }
    }

    /** One row as read; turned into observations once the dataset (and so its definition) is known. */
    private final class RawRow {
        int number;
        int line;
        /** The timestamp as {@link LocalDateTime#toEpochSecond} in UTC gives it, {@link #NO_TIME} until read. */
        long seconds;
        int nano;
        String commit;
        boolean hasColumns;
        RawColumn[] columns = new RawColumn[8];
        int count;

        void start(int rowNumber, int rowLine) {
            number = rowNumber;
            line = rowLine;
            seconds = NO_TIME;
            nano = 0;
            commit = "";
            hasColumns = false;
            count = 0;
        }

        /** The next column, cleared: the objects of an earlier row are reused. */
        RawColumn next() {
            columns = grow(columns, count);
            RawColumn column = columns[count];
            if (column == null) {
                column = new RawColumn();
                columns[count] = column;
            }
            count++;
            column.clear();
            return column;
        }

        void toObservations(Observations.Builder out) {
            ParameterNode node = parameterRoot;
            int measures = 0;
            for (int i = 0; i < count; i++) {
                RawColumn column = columns[i];
                ColumnRole role = roleOf(column, i);
                if (role.parameter) {
                    if (column.present) {
                        if (!column.numeric && !role.textType && !isBoolean(column.text)) {
                            throw columnError(column, "value \"" + clip(column.text) + "\" is not a number"
                                    + " (a text parameter needs a definition with type string)");
                        }
                        node = node.child(column.name, canonicalOf(column));
                    }
                }
                else if (column.present) {
                    if (!column.numeric) {
                        throw columnError(column, "value \"" + clip(column.text) + "\" is not a number");
                    }
                    measures++;
                }
            }
            if (measures == 0) {
                return;
            }
            rowTwins.add(node.id, seconds, nano, commit, number, measures);
            out.row(seconds, nano, commit);
            int measure = 0;
            for (int i = 0; i < count; i++) {
                RawColumn column = columns[i];
                if (!column.role.parameter && column.present) {
                    out.value(node.series(out, measure++, column.name, column.role.unit), column.number);
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

    /**
     * The rows with one set of parameter values (those on the way from the root, in column order), and
     * the series number of each of their measures: found per row with a lookup per parameter, instead of
     * a map of parameters made and hashed per row.
     */
    private final class ParameterNode {
        private final int id;
        private final SortedMap<String, String> parameters;
        private final Map<String, Map<String, ParameterNode>> children = new HashMap<>();
        private String lastName;
        private Map<String, ParameterNode> lastChildren;
        private String[] measures = new String[8];
        private String[] units = new String[8];
        private int[] series = new int[8];
        private int measureCount;

        ParameterNode(SortedMap<String, String> parameters) {
            this.parameters = parameters;
            this.id = nextNodeId++;
        }

        ParameterNode child(String name, String value) {
            if (!name.equals(lastName)) {
                lastChildren = children.computeIfAbsent(name, n -> new HashMap<>());
                lastName = name;
            }
            ParameterNode child = lastChildren.get(value);
            if (child == null) {
                TreeMap<String, String> more = new TreeMap<>(parameters);
                more.put(name, value);
                child = new ParameterNode(more);
                lastChildren.put(value, child);
            }
            return child;
        }

        /**
         * The number {@code out} gives the series of {@code measure} in {@code unit} of these rows; {@code k}
         * is its place among the row's measures, where it usually is among the node's too.
         */
        int series(Observations.Builder out, int k, String measure, String unit) {
            if (k < measureCount && measures[k].equals(measure) && units[k].equals(unit)) {
                return series[k];
            }
            for (int i = 0; i < measureCount; i++) {
                if (measures[i].equals(measure) && units[i].equals(unit)) {
                    return series[i];
                }
            }
            if (measureCount == measures.length) {
                measures = java.util.Arrays.copyOf(measures, measureCount * 2);
                units = java.util.Arrays.copyOf(units, measureCount * 2);
                series = java.util.Arrays.copyOf(series, measureCount * 2);
            }
            measures[measureCount] = measure;
            units[measureCount] = unit;
            series[measureCount] = out.series(seriesKey(parameters, measure), unit);
            return series[measureCount++];
        }
    }

    /**
     * The rows of a file by parameters, time and commit. A row printed again (the same values) is fine: the
     * store keeps it once. Another value under the same series, time and commit in one file is a conflict no
     * reading can settle, so it is refused with both values rather than one of them kept. A history has
     * hundreds of thousands of rows: each costs a long (its hash and its index) and two ints while reading,
     * and the rows whose hashes meet are found by one sort at the end and compared value by value.
     */
    private final class RowTwins {
        /** Bits of a key that hold the row's index; the others hold its hash. */
        private static final int INDEX_BITS = 24;
        private long[] keys = new long[1024];
        /** Per row in the order the observations get them: its first observation, and its number in the file. */
        private int[] starts = new int[1025];
        private int[] numbers = new int[1024];
        private int rows;

        void add(int node, long seconds, int nano, String commit, int number, int measures) {
            if (rows + 1 >= keys.length) {
                keys = java.util.Arrays.copyOf(keys, keys.length * 2);
                starts = java.util.Arrays.copyOf(starts, keys.length + 1);
                numbers = java.util.Arrays.copyOf(numbers, keys.length);
            }
            long hash = mix(mix(mix(mix(0x9E3779B97F4A7C15L, node), seconds), nano), commit.hashCode());
            // Beyond 16 million rows the index no longer fits; such rows are not compared (no file is that long).
            keys[rows] = rows < (1 << INDEX_BITS) ? hash << INDEX_BITS | rows : 0;
            numbers[rows] = number;
            starts[rows + 1] = starts[rows] + measures;
            rows++;
        }

        private static long mix(long hash, long value) {
            long h = (hash ^ value) * 0xff51afd7ed558ccdL;
            return h ^ (h >>> 33);
        }

        /** Compares the rows whose hashes meet, value by value: same series, time and commit with another value is refused. */
        void check(Observations built) {
            long[] sorted = java.util.Arrays.copyOf(keys, rows);
            java.util.Arrays.sort(sorted);
            for (int k = 1; k < sorted.length; k++) {
                if (sorted[k] >>> INDEX_BITS == sorted[k - 1] >>> INDEX_BITS && sorted[k] != 0) {
                    int later = (int) (sorted[k] & ((1 << INDEX_BITS) - 1));
                    // The first row of the run of equal hashes: every later one is compared with it.
                    int j = k - 1;
                    while (j > 0 && sorted[j - 1] >>> INDEX_BITS == sorted[k] >>> INDEX_BITS) {
                        j--;
                    }
                    compare((int) (sorted[j] & ((1 << INDEX_BITS) - 1)), later, built);
                }
            }
        }

        private void compare(int first, int later, Observations built) {
            for (int i = starts[later]; i < starts[later + 1]; i++) {
                dev.nightly.bench.model.Observation again = built.get(i);
                for (int j = starts[first]; j < starts[first + 1]; j++) {
                    dev.nightly.bench.model.Observation earlier = built.get(j);
                    if (earlier.key().equals(again.key()) && java.util.Objects.equals(earlier.time(), again.time())
                            && earlier.commit().equals(again.commit())
                            && Double.compare(earlier.value() == 0 ? 0.0 : earlier.value(), again.value() == 0 ? 0.0 : again.value()) != 0) {
                        throw new BadInputException(file + ": dataset " + dataset + ", row " + numbers[later] + ": series "
                                + again.key().id() + " has two values at " + again.time()
                                + (again.commit().isEmpty() ? "" : ", commit " + again.commit()) + ": " + earlier.value()
                                + " (row " + numbers[first] + ") and " + again.value()
                                + "; a file gives one value per series, time and commit");
                    }
                }
            }
        }
    }
}
