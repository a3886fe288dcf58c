package dev.nightly.bench.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.nightly.bench.json.JsonInput;
import dev.nightly.bench.json.ModelJson;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.LineCursor;
import dev.nightly.bench.store.SeriesInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.util.function.Predicate;

/**
 * The whole history as JSON, one series at a time so that memory stays bounded by the largest series:
 * {@code {"series":[{"dataset","measure","unit","parameters":{},"points":[{"build","commit","time","value"}]}]}},
 * points in time order. Other tools read this form; change it only compatibly.
 */
public final class HistoryExport {
    /** A point's field names, encoded once: written as strings, they were re-encoded for each of millions of points. */
    private static final SerializedString BUILD = new SerializedString("build");
    private static final SerializedString COMMIT = new SerializedString("commit");
    private static final SerializedString TIME = new SerializedString("time");
    private static final SerializedString VALUE = new SerializedString("value");
    private static final SerializedString ERROR = new SerializedString("error");
    private static final SerializedString POINTS = new SerializedString("points");

    private HistoryExport() {
    }

    public static void write(HistorySnapshot snapshot, OutputStream out) throws IOException {
        write(snapshot, info -> true, out);
    }

    public static void write(HistorySnapshot snapshot, Predicate<SeriesInfo> filter, OutputStream out) throws IOException {
        write(snapshot, filter, out, true);
    }

    /** With {@code copyText} false, every series goes the Jackson way (tests hold the two ways against each other). */
    static void write(HistorySnapshot snapshot, Predicate<SeriesInfo> filter, OutputStream out, boolean copyText)
            throws IOException {
        try (JsonGenerator json = JsonInput.factory().createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeArrayFieldStart("series");
            char[] time = new char[32];
            PointsText text = new PointsText();
            LineCursor lines = null;
            for (SeriesInfo info : snapshot.series()) {
                if (!filter.test(info)) {
                    continue;
                }
                // Copied from the series file as text where every line allows it; else read as points. One
                // array holds file after file: the export then touches little more memory than its largest file.
                LineCursor read = copyText ? snapshot.readLines(info.key(), lines).orElse(null) : null;
                lines = read == null ? lines : read;
                boolean copied = text.of(read);
                Series series = copied ? null : snapshot.read(info.key());
                json.writeStartObject();
                json.writeStringField("dataset", info.key().dataset());
                json.writeStringField("measure", info.key().measure());
                json.writeStringField("unit", copied ? info.unit() : series.unit());
                ModelJson.writeParameters(json, info.key().parameters());
                json.writeFieldName(POINTS);
                if (copied) {
                    // The separator before the value from the generator, the array itself past it.
                    json.writeRawValue("");
                    json.flush();
                    text.writeTo(out);
                }
                else {
                    writePoints(json, series, time);
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    private static void writePoints(JsonGenerator json, Series series, char[] time) throws IOException {
        json.writeStartArray();
        for (Point point : series.points()) {
            json.writeStartObject();
            json.writeFieldName(BUILD);
            json.writeNumber(point.build());
            json.writeFieldName(COMMIT);
            json.writeString(point.commit());
            json.writeFieldName(TIME);
            json.writeString(time, 0, timeText(point.time(), time));
            json.writeFieldName(VALUE);
            json.writeNumber(point.value());
            if (point.hasError()) {
                json.writeFieldName(ERROR);
                json.writeNumber(point.error());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /**
     * {@link LocalDateTime#toString()} of {@code time} into {@code out}, returning its length: the same text (minutes
     * always, seconds unless they and the fraction are zero, the fraction in 3, 6 or 9 digits), without the
     * builders and strings {@code toString} makes per call, which were a third of an export of millions of points.
     */
    static int timeText(LocalDateTime time, char[] out) {
        int year = time.getYear();
        if (year < 0 || year > 9999) {
            String text = time.toString();
            text.getChars(0, text.length(), out, 0);
            return text.length();
        }
        int n = digits(out, 0, year, 4);
        out[n++] = '-';
        n = digits(out, n, time.getMonthValue(), 2);
        out[n++] = '-';
        n = digits(out, n, time.getDayOfMonth(), 2);
        out[n++] = 'T';
        n = digits(out, n, time.getHour(), 2);
        out[n++] = ':';
        n = digits(out, n, time.getMinute(), 2);
        int second = time.getSecond();
        int nano = time.getNano();
        if (second > 0 || nano > 0) {
            out[n++] = ':';
            n = digits(out, n, second, 2);
            if (nano > 0) {
                out[n++] = '.';
                if (nano % 1_000_000 == 0) {
                    n = digits(out, n, nano / 1_000_000, 3);
                }
                else if (nano % 1000 == 0) {
                    n = digits(out, n, nano / 1000, 6);
                }
                else {
                    n = digits(out, n, nano, 9);
                }
            }
        }
        return n;
    }

    private static int digits(char[] out, int at, int value, int width) {
        int v = value;
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return at + width;
    }
}
