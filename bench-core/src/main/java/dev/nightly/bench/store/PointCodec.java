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
    static final byte TAB = '\t';
    static final byte LF = '\n';
    /** {@code 2018-07-28T03:04:12.345}. */
    static final int TIME_LENGTH = 23;

    private PointCodec() {
    }

    /** Times are kept to the millisecond, as HAWD records them. */
    static LocalDateTime normalize(LocalDateTime time) {
        return time.truncatedTo(ChronoUnit.MILLIS);
    }

    /** A time in the fixed form, for the manifest (series lines are written by {@link PointLines}). */
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

    private static final int[] POWERS = {1, 10, 100, 1000, 10000};

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        if (value >= 0 && value < POWERS[width]) {
            // Digit by digit: Integer.toString made a string per field, seven per point of a backfill.
            for (int unit = POWERS[width - 1]; unit > 0; unit /= 10) {
                out.append((char) ('0' + value / unit % 10));
            }
            return out;
        }
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
     * Parses the line {@code bytes[from, to)} (without its LF) in place; a series file has a line per night,
     * and reading them is most of what a page view or a check costs. Anything but the usual form (or a
     * malformed line) goes the way of {@link #parse(String)}, with its messages.
     */
    static Point parse(byte[] bytes, int from, int to) {
        int tab1 = indexOf(bytes, TAB, from, to);
        int tab2 = tab1 < 0 ? -1 : indexOf(bytes, TAB, tab1 + 1, to);
        int tab3 = tab2 < 0 ? -1 : indexOf(bytes, TAB, tab2 + 1, to);
        if (tab3 > 0 && indexOf(bytes, TAB, tab3 + 1, to) < 0) {
            long build = digitsOrMinus(bytes, from, tab1);
            LocalDateTime time = tab2 - tab1 - 1 == TIME_LENGTH ? fixedTime(bytes, tab1 + 1) : null;
            double value = decimal(bytes, tab3 + 1, to);
            if (build >= 0 && time != null && !Double.isNaN(value)) {
                return new Point(build, new String(bytes, tab2 + 1, tab3 - tab2 - 1, StandardCharsets.UTF_8), time, value,
                        Double.NaN);
            }
        }
        return parse(new String(bytes, from, to - from, StandardCharsets.UTF_8));
    }

    /**
     * Reads only the build and the value of the line that starts at {@code from} into {@code builds[index]}
     * and {@code values[index]}, for charts, which look at every value but show few points whole. Returns
     * the index of the line's LF, or -1 when the line is not in the usual form (then nothing is stored and
     * the caller parses it whole). The fields are found exactly where the general parser finds them and the
     * value and error read as it reads them; the time is only measured (23 printable bytes of the usual
     * shape), not read: a point shown, checked or verified is parsed whole, its time checked then.
     */
    static int scanBuildAndValue(byte[] bytes, int from, long[] builds, double[] values, int index) {
        // The build's digits and the TAB after them in one pass.
        long build = 0;
        int tab1 = from;
        int digitsEnd = Math.min(bytes.length, from + 18);
        for (int digit; tab1 < digitsEnd && (digit = bytes[tab1] - '0') >= 0 && digit <= 9; tab1++) {
            build = build * 10 + digit;
        }
        int tab2 = tab1 + 1 + TIME_LENGTH;
        if (tab1 == from || tab1 >= bytes.length || bytes[tab1] != TAB || tab2 >= bytes.length || bytes[tab2] != TAB
                || bytes[tab1 + 5] != '-' || bytes[tab1 + 11] != 'T' || bytes[tab1 + 20] != '.' || !isPrintable(bytes, tab1 + 1, tab2)) {
            return -1;
        }
        int tab3 = fieldEnd(bytes, tab2 + 1);
        int valueEnd = fieldEnd(bytes, tab3 + 1);
        // An error column may follow; charts do not draw it, but it must read as the general parser reads it.
        boolean hasError = valueEnd < bytes.length && bytes[valueEnd] == TAB;
        int end = hasError ? fieldEnd(bytes, valueEnd + 1) : valueEnd;
        if (tab3 >= bytes.length || bytes[tab3] != TAB || end >= bytes.length || bytes[end] != LF) {
            return -1;
        }
        double value = decimal(bytes, tab3 + 1, valueEnd);
        try {
            if (Double.isNaN(value)) {
                // 16 or more digits, an exponent, NaN: read as the general parser reads a value.
                value = Double.parseDouble(new String(bytes, tab3 + 1, valueEnd - tab3 - 1, StandardCharsets.ISO_8859_1));
            }
            if (hasError && Double.isNaN(decimal(bytes, valueEnd + 1, end))) {
                Double.parseDouble(new String(bytes, valueEnd + 1, end - valueEnd - 1, StandardCharsets.ISO_8859_1));
            }
        }
        catch (NumberFormatException e) {
            return -1;
        }
        builds[index] = build;
        values[index] = value;
        return end;
    }

    /**
     * Whether every byte of {@code bytes[from, to)} is printable ASCII, so that no TAB or LF hides in a
     * field of fixed width. Branch-free: the sign bits of {@code LF - b} are all set exactly then.
     */
    private static boolean isPrintable(byte[] bytes, int from, int to) {
        int all = -1;
        for (int i = from; i < to; i++) {
            all &= LF - bytes[i];
        }
        return all < 0;
    }

    /** Where the field that starts at {@code from} ends: at its TAB or LF, or earlier at an unusual byte. */
    private static int fieldEnd(byte[] bytes, int from) {
        int end = from;
        // One comparison a byte: fields hold printable ASCII; anything else stops here and the line goes
        // to the general parser, as TAB and LF end the field.
        while (end < bytes.length && bytes[end] > LF) {
            end++;
        }
        return end;
    }

    static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** A non-negative decimal of at most 18 digits, or -1. */
    private static long digitsOrMinus(byte[] bytes, int from, int to) {
        if (to <= from || to - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int c = bytes[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /** 10^15: below it a whole number of digits is exact as a double (2^53 is about 9 x 10^15). */
    private static final long EXACT_MANTISSA_LIMIT = 1_000_000_000_000_000L;

    /**
     * {@code [-]digits[.digits]} with at most 15 significant digits (18 in all), exactly as
     * {@link Double#parseDouble} reads it, or {@code NaN} for any other form. Exact because both the digits
     * and the power of ten are doubles without rounding, and one IEEE division rounds correctly.
     */
    private static double decimal(byte[] bytes, int from, int to) {
        int i = from;
        boolean negative = i < to && bytes[i] == '-';
        if (negative) {
            i++;
        }
        int digitsStart = i;
        long mantissa = 0;
        int dot = -1;
        for (; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit >= 0 && digit <= 9) {
                mantissa = mantissa * 10 + digit;
            }
            else if (bytes[i] == '.' && dot < 0) {
                dot = i;
            }
            else {
                return Double.NaN;
            }
        }
        int digits = to - digitsStart - (dot < 0 ? 0 : 1);
        int fraction = dot < 0 ? 0 : to - dot - 1;
        // 18 digits cannot overflow the long; ".5", "5." and "-" are left to the general parser.
        if (digits == 0 || digits > 18 || dot == digitsStart || dot == to - 1 || fraction >= POWERS_OF_TEN.length
                || mantissa >= EXACT_MANTISSA_LIMIT) {
            return Double.NaN;
        }
        double value = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : mantissa;
        return negative ? -value : value;
    }

    /** The 23-character form this codec writes, or {@code null}. */
    private static LocalDateTime fixedTime(byte[] text, int at) {
        if (text[at + 4] != '-' || text[at + 7] != '-' || text[at + 10] != 'T'
                || text[at + 13] != ':' || text[at + 16] != ':' || text[at + 19] != '.') {
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
}
