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

    /** Parses one line (without its LF); a malformed one throws {@link IllegalArgumentException} saying why. */
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

    /**
     * Parses the line {@code text[from, to)} without cutting it into pieces first; a series file has a line
     * per night, and reading a chart's worth of them is most of what a page view costs. Anything but the
     * usual form (or a malformed line) goes the way of {@link #parse(String)}, with its messages.
     */
    static Point parse(String text, int from, int to) {
        int tab1 = text.indexOf('\t', from);
        int tab2 = tab1 < 0 || tab1 >= to ? -1 : text.indexOf('\t', tab1 + 1);
        int tab3 = tab2 < 0 || tab2 >= to ? -1 : text.indexOf('\t', tab2 + 1);
        if (tab3 > 0 && tab3 < to && text.lastIndexOf('\t', to - 1) == tab3) {
            long build = digitsOrMinus(text, from, tab1);
            LocalDateTime time = tab2 - tab1 - 1 == 23 ? fixedTime(text, tab1 + 1) : null;
            double value = decimal(text, tab3 + 1, to);
            if (build >= 0 && time != null && !Double.isNaN(value)) {
                return new Point(build, text.substring(tab2 + 1, tab3), time, value, Double.NaN);
            }
        }
        return parse(text.substring(from, to));
    }

    /** A non-negative decimal of at most 18 digits, or -1. */
    private static long digitsOrMinus(String text, int from, int to) {
        if (to <= from || to - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * {@code [-]digits[.digits]} with at most 15 significant digits, exactly as {@link Double#parseDouble}
     * reads it, or {@code NaN} for any other form. Exact because both the digits and the power of ten are
     * doubles without rounding, and one IEEE division rounds correctly.
     */
    private static double decimal(String text, int from, int to) {
        int i = from;
        boolean negative = i < to && text.charAt(i) == '-';
        if (negative) {
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (mantissa != 0 || c != '0') {
                    digits++;
                }
                mantissa = mantissa * 10 + (c - '0');
                if (fraction >= 0) {
                    fraction++;
                }
            }
            else if (c == '.' && fraction < 0) {
                fraction = 0;
            }
            else {
                return Double.NaN;
            }
            if (digits > 15) {
                return Double.NaN;
            }
        }
        int integerStart = negative ? from + 1 : from;
        if (fraction == 0 || i == integerStart || text.charAt(integerStart) == '.' || fraction > 22) {
            return Double.NaN;
        }
        double value = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : mantissa;
        return negative ? -value : value;
    }

    /** The 23-character form this codec writes, or {@code null}. */
    private static LocalDateTime fixedTime(String text, int at) {
        if (text.charAt(at + 4) != '-' || text.charAt(at + 7) != '-' || text.charAt(at + 10) != 'T'
                || text.charAt(at + 13) != ':' || text.charAt(at + 16) != ':' || text.charAt(at + 19) != '.') {
            return null;
        }
        long year = digitsOrMinus(text, at, at + 4);
        long month = digitsOrMinus(text, at + 5, at + 7);
        long day = digitsOrMinus(text, at + 8, at + 10);
        long hour = digitsOrMinus(text, at + 11, at + 13);
        long minute = digitsOrMinus(text, at + 14, at + 16);
        long second = digitsOrMinus(text, at + 17, at + 19);
        long millis = digitsOrMinus(text, at + 20, at + 23);
        if ((year | month | day | hour | minute | second | millis) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of((int) year, (int) month, (int) day, (int) hour, (int) minute, (int) second,
                    (int) millis * 1_000_000);
        }
        catch (java.time.DateTimeException e) {
            return null;
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
