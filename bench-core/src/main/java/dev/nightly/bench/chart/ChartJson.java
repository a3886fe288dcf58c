package dev.nightly.bench.chart;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
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
 * { "title": {"text": "Mail query"}, "legend": {...}, "tooltip": {"trigger": "axis", ...}, "toolbox": {...},
 *   "grid": {...}, "dataZoom": [{"type": "inside"}, {"type": "slider"}],
 *   "xAxis": {"type": "value", "name": "build", ...}, "yAxis": [{"type": "value", "name": "ms"}, ...],
 *   "series": [ { "id": "mail_query/time{rows=5000}", "name": "time [ms] (rows=5000)", "type": "line",
 *                 "yAxisIndex": 0, "sampling": "lttb",
 *                 "dimensions": [{"name": "build"}, {"name": "value"}, {"name": "commit"}, {"name": "date"}],
 *                 "encode": {"x": "build", "y": "value", "tooltip": ["value", "commit", "date"]},
 *                 "data": [[41, 12.5, "0a1b2c3d4", "2018-07-28 03:04:12"], ...],
 *                 "markLine": {... one dashed line per bound ...},
 *                 "markPoint": {"data": [{"name": "regressed +25.0% vs ...", "coord": [42, 15.6],
 *                                         "value": "✗", "symbol": "pin", "itemStyle": {"color": "#c62828"}}]} } ] }
 * }</pre>
 * With the time axis, each point is {@code [date, value, build, commit, "build 42"]} and x is a time axis.
 * In both, a point's build number is in the dimension named {@code build} ({@code params.value[0]} or
 * {@code params.value[2]}; in click handlers {@code params.data[params.dimensionNames.indexOf('build')]}),
 * and each series' {@code id} is the series id.
 *
 * <p>All text is data for ECharts, which draws it on canvas or escapes it in its default tooltips; no
 * formatter functions or HTML templates are used. The JSON escapes {@code < > &} and the line separators
 * so that it can also be embedded in an HTML {@code <script>} element as it is.
 */
public final class ChartJson {
    static final String BAD_COLOR = "#c62828";
    static final String BOUNDS_COLOR = "#6a1b9a";
    static final String GOOD_COLOR = "#2e7d32";
    /** Above this many points in one chart, it is drawn without animation. */
    static final int LARGE_CHART = 5000;

    private static final JsonFactory FACTORY = new com.fasterxml.jackson.core.JsonFactoryBuilder().characterEscapes(new HtmlSafeEscapes()).build();

    private ChartJson() {
    }

    /** The ECharts option of one chart. */
    public static String option(TrendChart chart) {
        StringWriter out = new StringWriter(chart.pointCount() * 48 + 4096);
        write(chart, out);
        return out.toString();
    }

    /** Writes the ECharts option of one chart. */
    public static void write(TrendChart chart, Writer out) {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            writeOption(chart, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A page of charts: {@code [{"id": ..., "title": ..., "description": ..., "points": n, "option": {...}}]}.
     * The Jenkins page and the report give each {@code option} to its own ECharts instance.
     */
    public static String page(List<TrendChart> charts) {
        StringWriter out = new StringWriter();
        writePage(charts, out);
        return out.toString();
    }

    public static void writePage(List<TrendChart> charts, Writer out) {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartArray();
            for (TrendChart chart : charts) {
                json.writeStartObject();
                json.writeStringField("id", chart.id());
                json.writeStringField("title", chart.title());
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
        json.writeObjectFieldStart("title");
        json.writeStringField("text", chart.title());
        json.writeStringField("left", "left");
        json.writeEndObject();

        json.writeObjectFieldStart("legend");
        json.writeStringField("type", "scroll");
        json.writeNumberField("top", 28);
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
        json.writeNumberField("top", 70);
        json.writeNumberField("left", 20);
        json.writeNumberField("right", 20 + Math.max(0, chart.units().size() - 1) * 55);
        json.writeNumberField("bottom", 56);
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
        if (byTime) {
            json.writeStringField("type", "time");
            json.writeStringField("name", "date");
            json.writeStringField("nameLocation", "middle");
            json.writeNumberField("nameGap", 22);
        } else {
            json.writeStringField("type", "value");
            json.writeStringField("name", "build");
            json.writeStringField("nameLocation", "middle");
            json.writeNumberField("nameGap", 22);
            json.writeNumberField("minInterval", 1);
            json.writeBooleanField("scale", true);
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
            json.writeStartObject();
            json.writeStringField("type", "value");
            json.writeStringField("name", units.isEmpty() ? "" : units.get(axis));
            json.writeBooleanField("scale", true);
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
        char[] buffer = new char[19];
        for (TrendLine line : chart.lines()) {
            writeSeries(line, byTime, json, buffer);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeSeries(TrendLine line, boolean byTime, JsonGenerator json, char[] buffer) throws IOException {
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
                json.writeNumber(values[i]);
                json.writeNumber(builds[i]);
                json.writeString(commits[i]);
                json.writeString("build " + builds[i]);
            } else {
                json.writeNumber(builds[i]);
                json.writeNumber(values[i]);
                json.writeString(commits[i]);
                json.writeString(buffer, 0, formatTime(times[i], buffer));
            }
            json.writeEndArray();
        }
        json.writeEndArray();

        writeBounds(line.bounds(), json);
        writeMarks(line, byTime, json, buffer);
        json.writeEndObject();
    }

    private static void dimension(JsonGenerator json, String name, String type) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeStringField("type", type);
        json.writeEndObject();
    }

    private static void writeBounds(Bounds bounds, JsonGenerator json) throws IOException {
        if (bounds.isNone()) {
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
        if (bounds.min() != null) {
            bound(json, "min", bounds.min());
        }
        if (bounds.max() != null) {
            bound(json, "max", bounds.max());
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void bound(JsonGenerator json, String name, double value) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeNumberField("yAxis", value);
        json.writeObjectFieldStart("label");
        json.writeStringField("formatter", name + " " + Numbers.format(value));
        json.writeStringField("position", "insideEndTop");
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
            json.writeNumber(line.values()[i]);
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
