package dev.nightly.bench.chart;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import dev.nightly.bench.changes.ChangeStatus;
import dev.nightly.bench.check.Verdict;
import dev.nightly.bench.model.Bounds;
import dev.nightly.bench.model.Numbers;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Writes trend charts as ECharts options: plain JSON that {@code echarts.init(element).setOption(option)}
 * draws as it is, with no script of ours, so the static report and the Jenkins page (echarts-api) show
 * the same chart from the same JSON.
 *
 * <p>Shape of one option (build axis):
 * <pre>{@code
 * { "animation": true, "title": {"text": "Mail Query – ms"},          // title only if the chart is titled
 *   "legend": {...}, "tooltip": {"trigger": "axis", ...}, "toolbox": {...},
 *   "grid": {...}, "dataZoom": [{"type": "inside"}, {"type": "slider"}],
 *   "xAxis": {"type": "value", "name": "build", "min": "dataMin", "max": "dataMax", ...},
 *   "yAxis": [{"type": "value", "name": "ms", "scale": false, "max": 450}, ...],   // min/max only where bounds need room
 *   "series": [ { "id": "mail_query/time{rows=5000}", "name": "time [ms] (rows=5000)", "type": "line",
 *                 "yAxisIndex": 0, "sampling": "lttb",
 *                 "dimensions": [{"name": "build"}, {"name": "value"}, {"name": "commit"}, {"name": "date"}],
 *                 "encode": {"x": "build", "y": "value", "tooltip": ["value", "commit", "date"]},
 *                 "data": [[41, 12.5, "0a1b2c3d4", "2018-07-28 03:04:12"], ...],
 *                 "markLine": {... one dashed line per drawn bound, see TrendLine#drawnBounds, and one vertical
 *                              line per change point: {"xAxis": 12, "name": "regression +28.1% at build 12 ...",
 *                              "lineStyle": {"color": ...}, "label": {"formatter": "▲ regression ..."}} ...},
 *                 "markPoint": {"data": [{"name": "regressed +25.0% vs ...", "coord": [42, 15.6],
 *                                         "value": "✗", "symbol": "pin", "itemStyle": {"color": "#c62828"}}]} } ] }
 * }</pre>
 * With the time axis, each point is {@code [date, value, build, commit, "build 42"]} and x is a time axis.
 * In both, a point's build number is in the dimension named {@code build} ({@code params.value[0]} or
 * {@code params.value[2]}; in click handlers {@code params.data[params.dimensionNames.indexOf('build')]}),
 * and each series' {@code id} is the series id. Values are written with at most 7 significant digits
 * (whole numbers without a fraction), which is more than a chart or its tooltip shows.
 *
 * <p>A page ({@link #page}) is {@code [{"id", "title", "dataset", "unit", "description", "points", "option"}]}:
 * one entry per chart; {@code id} is the dataset id, shared by the charts of a dataset split by unit.
 *
 * <p>All text is data for ECharts, which draws it on canvas or escapes it in its default tooltips; no
 * formatter functions or HTML templates are used. {@link #option} and {@link #write} escape
 * {@code < > & '} and the line separators so that the JSON can be embedded in an HTML {@code <script>}
 * element as it is (the report does). {@link #page} and {@link #writePage} are for JSON answers (the
 * Jenkins page's {@code @JavaScriptMethod}) and skip that escaping, which costs a fifth of the time on
 * a job's worth of charts: never put their output into HTML unescaped.
 */
public final class ChartJson {
    static final String BAD_COLOR = "#c62828";
    static final String BOUNDS_COLOR = "#6a1b9a";
    static final String GOOD_COLOR = "#2e7d32";
    static final String EXPECTED_COLOR = "#757575";
    /** Above this many points in one chart, it is drawn without animation. */
    static final int LARGE_CHART = 5000;

    private static final JsonFactory HTML_SAFE = new com.fasterxml.jackson.core.JsonFactoryBuilder().characterEscapes(new HtmlSafeEscapes()).build();
    private static final JsonFactory PLAIN = new JsonFactory();

    private ChartJson() {
    }

    /** The ECharts option of one chart, safe to embed in an HTML script element. */
    public static String option(TrendChart chart) {
        StringWriter out = new StringWriter(chart.pointCount() * 48 + 4096);
        write(chart, out);
        return out.toString();
    }

    /** Writes the ECharts option of one chart, safe to embed in an HTML script element. */
    public static void write(TrendChart chart, Writer out) {
        try (JsonGenerator json = HTML_SAFE.createGenerator(out)) {
            writeOption(chart, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A page of charts as a JSON answer: {@code [{"id", "title", "dataset", "unit", "description", "points",
     * "option"}]}. The Jenkins page gives each {@code option} to its own ECharts instance. Not escaped for
     * embedding in HTML.
     */
    public static String page(List<TrendChart> charts) {
        int points = 0;
        for (TrendChart chart : charts) {
            points += chart.pointCount();
        }
        StringWriter out = new StringWriter(points * 40 + charts.size() * 2048 + 16);
        writePage(charts, out);
        return out.toString();
    }

    /** Writes {@link #page}. */
    public static void writePage(List<TrendChart> charts, Writer out) {
        try (JsonGenerator json = PLAIN.createGenerator(out)) {
            json.writeStartArray();
            for (TrendChart chart : charts) {
                json.writeStartObject();
                json.writeStringField("id", chart.id());
                json.writeStringField("title", chart.title());
                json.writeStringField("dataset", chart.datasetName());
                json.writeStringField("unit", chart.unit());
                json.writeStringField("description", chart.description());
                json.writeNumberField("points", chart.pointCount());
                json.writeFieldName("option");
                writeOption(chart, json);
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one option into a generator of the caller's, e.g. inside a larger JSON document. */
    public static void writeOption(TrendChart chart, JsonGenerator json) throws IOException {
        boolean byTime = chart.xAxis() == XAxis.TIME;
        json.writeStartObject();
        // Animating tens of thousands of points costs more than it shows.
        json.writeBooleanField("animation", chart.pointCount() <= LARGE_CHART);
        if (chart.titled()) {
            json.writeObjectFieldStart("title");
            json.writeStringField("text", chart.title());
            json.writeStringField("left", "left");
            json.writeEndObject();
        }

        json.writeObjectFieldStart("legend");
        json.writeStringField("type", "scroll");
        json.writeNumberField("top", chart.titled() ? 28 : 0);
        json.writeEndObject();

        json.writeObjectFieldStart("tooltip");
        json.writeStringField("trigger", "axis");
        json.writeBooleanField("confine", true);
        json.writeEndObject();

        json.writeObjectFieldStart("toolbox");
        json.writeObjectFieldStart("feature");
        json.writeObjectFieldStart("dataZoom");
        json.writeStringField("yAxisIndex", "none");
        json.writeEndObject();
        json.writeObjectFieldStart("restore");
        json.writeEndObject();
        json.writeObjectFieldStart("saveAsImage");
        json.writeStringField("name", chart.id());
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();

        json.writeObjectFieldStart("grid");
        json.writeNumberField("top", chart.titled() ? 70 : 44);
        json.writeNumberField("left", 20);
        json.writeNumberField("right", 20 + Math.max(0, chart.units().size() - 1) * 55);
        // Room under the axis labels for the axis name, and under that for the zoom slider.
        json.writeNumberField("bottom", 62);
        json.writeBooleanField("containLabel", true);
        json.writeEndObject();

        json.writeArrayFieldStart("dataZoom");
        json.writeStartObject();
        json.writeStringField("type", "inside");
        json.writeEndObject();
        json.writeStartObject();
        json.writeStringField("type", "slider");
        json.writeNumberField("height", 18);
        json.writeNumberField("bottom", 4);
        json.writeEndObject();
        json.writeEndArray();

        json.writeObjectFieldStart("xAxis");
        json.writeStringField("type", byTime ? "time" : "value");
        json.writeStringField("name", byTime ? "date" : "build");
        // Centred below the labels, so it never meets the last label of an axis.
        json.writeStringField("nameLocation", "middle");
        json.writeNumberField("nameGap", 28);
        // From the first to the last build shown, not from a rounded 0 to a rounded end.
        json.writeStringField("min", "dataMin");
        json.writeStringField("max", "dataMax");
        if (!byTime) {
            json.writeNumberField("minInterval", 1);
            json.writeObjectFieldStart("axisPointer");
            json.writeObjectFieldStart("label");
            json.writeStringField("formatter", "build {value}");
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndObject();

        json.writeArrayFieldStart("yAxis");
        List<String> units = chart.units();
        for (int axis = 0; axis < Math.max(1, units.size()); axis++) {
            TrendChart.ValueRange range = chart.valueRange(axis);
            json.writeStartObject();
            json.writeStringField("type", "value");
            json.writeStringField("name", units.isEmpty() ? "" : units.get(axis));
            json.writeBooleanField("scale", range.scale());
            if (range.min() != null) {
                json.writeNumberField("min", range.min());
            }
            if (range.max() != null) {
                json.writeNumberField("max", range.max());
            }
            json.writeStringField("position", axis == 0 ? "left" : "right");
            if (axis > 1) {
                json.writeNumberField("offset", (axis - 1) * 55);
            }
            if (axis > 0) {
                json.writeObjectFieldStart("splitLine");
                json.writeBooleanField("show", false);
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        json.writeEndArray();

        json.writeArrayFieldStart("series");
        char[] buffer = new char[32];
        java.util.Set<String> labelledBounds = new java.util.HashSet<>();
        for (TrendLine line : chart.lines()) {
            writeSeries(line, byTime, json, buffer, labelledBounds);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeSeries(TrendLine line, boolean byTime, JsonGenerator json, char[] buffer,
                                    java.util.Set<String> labelledBounds) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", line.key().id());
        json.writeStringField("name", line.label());
        json.writeStringField("type", "line");
        json.writeNumberField("yAxisIndex", line.yAxisIndex());
        json.writeBooleanField("showSymbol", line.size() <= 200);
        json.writeNumberField("symbolSize", 5);
        json.writeStringField("sampling", "lttb");
        json.writeObjectFieldStart("emphasis");
        json.writeStringField("focus", "series");
        json.writeEndObject();

        json.writeArrayFieldStart("dimensions");
        if (byTime) {
            dimension(json, "date", "time");
            dimension(json, "value", "float");
            dimension(json, "build", "int");
            dimension(json, "commit", "ordinal");
            dimension(json, "label", "ordinal");
        } else {
            dimension(json, "build", "int");
            dimension(json, "value", "float");
            dimension(json, "commit", "ordinal");
            dimension(json, "date", "ordinal");
        }
        json.writeEndArray();
        json.writeObjectFieldStart("encode");
        json.writeStringField("x", byTime ? "date" : "build");
        json.writeStringField("y", "value");
        json.writeArrayFieldStart("tooltip");
        json.writeString("value");
        if (byTime) {
            json.writeString("label");
            json.writeString("commit");
        } else {
            json.writeString("commit");
            json.writeString("date");
        }
        json.writeEndArray();
        json.writeEndObject();

        json.writeArrayFieldStart("data");
        long[] builds = line.builds();
        double[] values = line.values();
        String[] commits = line.commits();
        LocalDateTime[] times = line.times();
        for (int i = 0; i < values.length; i++) {
            json.writeStartArray();
            if (byTime) {
                json.writeString(buffer, 0, formatTime(times[i], buffer));
                writeValue(json, values[i], buffer);
                json.writeNumber(builds[i]);
                json.writeString(commits[i]);
                json.writeString("build " + builds[i]);
            } else {
                json.writeNumber(builds[i]);
                writeValue(json, values[i], buffer);
                json.writeString(commits[i]);
                json.writeString(buffer, 0, formatTime(times[i], buffer));
            }
            json.writeEndArray();
        }
        json.writeEndArray();

        writeBounds(line, byTime, json, labelledBounds, buffer);
        writeMarks(line, byTime, json, buffer);
        json.writeEndObject();
    }

    private static void dimension(JsonGenerator json, String name, String type) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeStringField("type", type);
        json.writeEndObject();
    }

    /**
     * The drawn bounds as dashed lines. Series of one measure share its bounds: each line carries them
     * (hiding a series in the legend must not hide the bound), but only the first on an axis is labelled.
     */
    private static void writeBounds(TrendLine line, boolean byTime, JsonGenerator json, java.util.Set<String> labelledBounds,
                                    char[] buffer) throws IOException {
        Bounds bounds = line.drawnBounds();
        if (bounds.isNone() && line.changes().isEmpty()) {
            return;
        }
        json.writeObjectFieldStart("markLine");
        json.writeBooleanField("silent", true);
        json.writeStringField("symbol", "none");
        json.writeObjectFieldStart("lineStyle");
        json.writeStringField("type", "dashed");
        json.writeStringField("color", BOUNDS_COLOR);
        json.writeEndObject();
        json.writeArrayFieldStart("data");
        String allowed = "allowed " + line.bounds();
        if (bounds.min() != null) {
            bound(json, "min", bounds.min(), allowed, labelledBounds.add(line.yAxisIndex() + " min " + bounds.min()));
        }
        if (bounds.max() != null) {
            bound(json, "max", bounds.max(), allowed, labelledBounds.add(line.yAxisIndex() + " max " + bounds.max()));
        }
        for (ChangeMark change : line.changes()) {
            changeLine(json, change, byTime, buffer);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /**
     * A change point as a vertical line at its build: red for a regression, green for an improvement, grey
     * once acknowledged as expected, dashed while it is a known bug; labelled at the top with an arrow and
     * the change (the colour is not the only sign).
     */
    private static void changeLine(JsonGenerator json, ChangeMark change, boolean byTime, char[] buffer) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", change.text());
        if (byTime) {
            json.writeStringField("xAxis", new String(buffer, 0, formatTime(change.time(), buffer)));
        } else {
            json.writeNumberField("xAxis", change.build());
        }
        json.writeObjectFieldStart("lineStyle");
        json.writeStringField("type", change.status() == ChangeStatus.KNOWN_BUG ? "dashed" : "solid");
        json.writeStringField("color", changeColor(change));
        json.writeNumberField("width", 1.5);
        json.writeEndObject();
        json.writeObjectFieldStart("label");
        json.writeBooleanField("show", true);
        json.writeStringField("formatter", change.label());
        json.writeStringField("position", "insideEndTop");
        json.writeStringField("color", changeColor(change));
        json.writeEndObject();
        json.writeEndObject();
    }

    static String changeColor(ChangeMark change) {
        if (change.status() == ChangeStatus.EXPECTED) {
            return EXPECTED_COLOR;
        }
        return change.regression() ? BAD_COLOR : GOOD_COLOR;
    }

    private static void bound(JsonGenerator json, String name, double value, String allowed, boolean labelled) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", name + ", " + allowed);
        json.writeNumberField("yAxis", value);
        json.writeObjectFieldStart("label");
        json.writeBooleanField("show", labelled);
        json.writeStringField("formatter", name + " " + Numbers.format(value));
        // At the start: the newest points, where a value meets its bound, are at the end.
        json.writeStringField("position", "insideStartTop");
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeMarks(TrendLine line, boolean byTime, JsonGenerator json, char[] buffer) throws IOException {
        if (line.marks().isEmpty()) {
            return;
        }
        json.writeObjectFieldStart("markPoint");
        json.writeNumberField("symbolSize", 34);
        json.writeArrayFieldStart("data");
        for (TrendLine.Marked marked : line.marks()) {
            int i = marked.index();
            Verdict verdict = marked.mark().verdict();
            json.writeStartObject();
            json.writeStringField("name", "build " + line.builds()[i] + ": " + marked.mark().text());
            json.writeArrayFieldStart("coord");
            if (byTime) {
                json.writeString(buffer, 0, formatTime(line.times()[i], buffer));
            } else {
                json.writeNumber(line.builds()[i]);
            }
            writeValue(json, line.values()[i], buffer);
            json.writeEndArray();
            json.writeStringField("value", symbolText(verdict));
            json.writeStringField("symbol", verdict == Verdict.IMPROVED ? "pin" : verdict == Verdict.OUT_OF_BOUNDS ? "diamond" : "pin");
            if (verdict == Verdict.OUT_OF_BOUNDS) {
                json.writeNumberField("symbolSize", 22);
            }
            if (verdict == Verdict.IMPROVED) {
                json.writeNumberField("symbolRotate", 180);
            }
            json.writeObjectFieldStart("itemStyle");
            json.writeStringField("color", color(verdict));
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** The text inside a marker: readable without colour. */
    static String symbolText(Verdict verdict) {
        return switch (verdict) {
            case OUT_OF_BOUNDS -> "!";
            case REGRESSED -> "✗";
            case IMPROVED -> "✓";
            default -> "";
        };
    }

    static String color(Verdict verdict) {
        return switch (verdict) {
            case OUT_OF_BOUNDS -> BOUNDS_COLOR;
            case IMPROVED -> GOOD_COLOR;
            default -> BAD_COLOR;
        };
    }

    private static final long[] POWERS = new long[19];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    private static void writeValue(JsonGenerator json, double value, char[] buffer) throws IOException {
        int length = formatValue(value, buffer);
        if (length < 0) {
            json.writeNumber(value);
        } else {
            json.writeNumber(buffer, 0, length);
        }
    }

    /**
     * A finite value with at most 7 significant digits and no trailing zeros ({@code 41}, {@code 17.98561},
     * {@code 0.0001234568}), without {@link Double#toString}: this runs for every point shown. Whole parts
     * are never rounded. Returns the length written, or -1 for values it leaves to Jackson (below 1e-9
     * or from 1e15 on).
     */
    static int formatValue(double value, char[] out) {
        double magnitude = Math.abs(value);
        if (magnitude == 0) {
            out[0] = '0';
            return 1;
        }
        if (!(magnitude >= 1e-9 && magnitude < 1e15)) {
            return -1;
        }
        // Digits of the whole part (0 for magnitudes below 1), or minus the zeros after the point.
        int exponent;
        if (magnitude >= 1) {
            exponent = 1;
            while (exponent < POWERS.length && magnitude >= POWERS[exponent]) {
                exponent++;
            }
        } else {
            exponent = 0;
            double scaled = magnitude * 10;
            while (scaled < 1) {
                scaled *= 10;
                exponent--;
            }
        }
        int decimals = Math.min(16, Math.max(0, 7 - exponent));
        long digits = Math.round(magnitude * POWERS[decimals]);
        while (decimals > 0 && digits % 10 == 0) {
            digits /= 10;
            decimals--;
        }
        long whole = digits / POWERS[decimals];
        long fraction = digits % POWERS[decimals];
        int at = 0;
        if (value < 0) {
            out[at++] = '-';
        }
        at = writeLong(out, at, whole);
        if (decimals > 0) {
            out[at++] = '.';
            for (int i = decimals - 1; i >= 0; i--) {
                out[at + i] = (char) ('0' + fraction % 10);
                fraction /= 10;
            }
            at += decimals;
        }
        return at;
    }

    private static int writeLong(char[] out, int at, long value) {
        if (value == 0) {
            out[at] = '0';
            return at + 1;
        }
        int length = 0;
        for (long rest = value; rest > 0; rest /= 10) {
            length++;
        }
        for (int i = at + length - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + length;
    }

    /** {@code 2018-07-28 03:04:12} without a formatter: this runs for every point shown. */
    static int formatTime(LocalDateTime time, char[] out) {
        int year = time.getYear();
        if (year < 0 || year > 9999) {
            String text = time.toString();
            text.getChars(0, Math.min(text.length(), out.length), out, 0);
            return Math.min(text.length(), out.length);
        }
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, time.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, time.getDayOfMonth(), 2);
        out[10] = ' ';
        digits(out, 11, time.getHour(), 2);
        out[13] = ':';
        digits(out, 14, time.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, time.getSecond(), 2);
        return 19;
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Escapes what could end or confuse an HTML script element, so that the JSON embeds as it is. */
    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        HtmlSafeEscapes() {
            escapes = standardAsciiEscapesForJSON();
            escapes['<'] = ESCAPE_STANDARD;
            escapes['>'] = ESCAPE_STANDARD;
            escapes['&'] = ESCAPE_STANDARD;
            escapes['\''] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028 || ch == 0x2029) {
                return new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
