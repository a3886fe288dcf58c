package dev.nightly.bench.store;

import dev.nightly.bench.model.Point;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * One point as one line of a series file: {@code build TAB time TAB commit TAB value [TAB error] LF}.
 * Text, so that a person can read a store with {@code less}; times always have the same 23-character
 * form, so that reading them back needs no general date parser.
 */
final class PointCodec {
    private PointCodec() {
    }

    /** Times are kept to the millisecond, as HAWD records them. */
    static LocalDateTime normalize(LocalDateTime time) {
        return time.truncatedTo(ChronoUnit.MILLIS);
    }

    static void append(StringBuilder out, Point point) {
        out.append(point.build()).append('\t');
        appendTime(out, point.time());
        out.append('\t').append(point.commit()).append('\t').append(point.value());
        if (point.hasError()) {
            out.append('\t').append(point.error());
        }
        out.append('\n');
    }

    static String format(LocalDateTime time) {
        StringBuilder out = new StringBuilder(23);
        appendTime(out, time);
        return out.toString();
    }

    private static void appendTime(StringBuilder out, LocalDateTime time) {
        pad(out, time.getYear(), 4).append('-');
        pad(out, time.getMonthValue(), 2).append('-');
        pad(out, time.getDayOfMonth(), 2).append('T');
        pad(out, time.getHour(), 2).append(':');
        pad(out, time.getMinute(), 2).append(':');
        pad(out, time.getSecond(), 2).append('.');
        pad(out, time.getNano() / 1_000_000, 3);
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }

    /** Parses one line (without its LF); {@code null} with {@code problem[0]} set when it is malformed. */
    static Point parse(String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 4 && fields.length != 5) {
            throw new IllegalArgumentException("expected 4 or 5 tab-separated fields, found " + fields.length);
        }
        try {
            long build = Long.parseLong(fields[0]);
            LocalDateTime time = parseTime(fields[1]);
            double value = Double.parseDouble(fields[3]);
            double error = fields.length == 5 ? Double.parseDouble(fields[4]) : Double.NaN;
            return new Point(build, fields[2], time, value, error);
        }
        catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static LocalDateTime parseTime(String text) {
        if (text.length() == 23 && text.charAt(4) == '-' && text.charAt(10) == 'T' && text.charAt(19) == '.') {
            try {
                return LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10),
                        digits(text, 11, 13), digits(text, 14, 16), digits(text, 17, 19), digits(text, 20, 23) * 1_000_000);
            }
            catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("bad time \"" + text + "\": " + e.getMessage(), e);
            }
        }
        return LocalDateTime.parse(text);
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("bad time \"" + text + "\"");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static byte[] bytes(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
