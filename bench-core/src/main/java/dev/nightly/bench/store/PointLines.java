package dev.nightly.bench.store;

import dev.nightly.bench.model.Point;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lines of a series file ({@code build TAB time TAB commit TAB value [TAB error] LF}, see {@link PointCodec}) written
 * straight into bytes. A backfill writes two million of them: a {@code Point}, a {@code LocalDateTime}, a
 * {@code StringBuilder} and a {@code String} per line cost more than the rest of its writing, and kept the
 * collector busy.
 */
final class PointLines {
    /** 2^53: up to here every whole number is a double. */
    private static final long EXACT_LIMIT = 1L << 53;
    /** Fraction digits tried for the short form of a value; the reader's exact path takes up to 22. */
    private static final int MAX_FRACTION_DIGITS = 9;

    private byte[] bytes;
    private int length;

    PointLines(int expectedLines) {
        bytes = new byte[Math.max(64, expectedLines * 48)];
    }

    /** Appends one line; {@code millis} is the local time as milliseconds since 1970-01-01T00:00 (years 0000 to 9999). */
    void add(long build, long millis, String commit, double value, double error) {
        // Digits of a long (20), the time (23), a value (at most 26: Double.toString's longest), four TABs and an LF.
        ensure(2 * 26 + 20 + 23 + 5 + commit.length() * 3);
        putWhole(build);
        bytes[length++] = PointCodec.TAB;
        putTime(millis);
        bytes[length++] = PointCodec.TAB;
        putText(commit);
        bytes[length++] = PointCodec.TAB;
        putValue(value);
        if (!Double.isNaN(error)) {
            bytes[length++] = PointCodec.TAB;
            putValue(error);
        }
        bytes[length++] = PointCodec.LF;
    }

    /** Appends the line of {@code point}, whose time must be in years 0000 to 9999 (as every stored one is). */
    void add(Point point) {
        add(point.build(), LocalMillis.of(point.time()), point.commit(), point.value(), point.error());
    }

    /** The lines so far: the first {@link #length()} bytes of this array (valid until the next {@link #add}). */
    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** Empty again, keeping the buffer: one buffer serves every series of an ingest. */
    void clear() {
        length = 0;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    /** A non-negative whole number (builds, whole values), as {@link Long#toString} writes it. */
    private void putWhole(long value) {
        if (value < 0) {
            // Only Long.MIN_VALUE's magnitude does not fit; no build or value of this codec is negative here.
            put(Long.toString(value));
            return;
        }
        if (value <= Integer.MAX_VALUE) {
            putDigits((int) value, Digits.count((int) value));
            return;
        }
        put(Long.toString(value));
    }

    /** {@code value} in {@code digits} digits, zeros first. */
    private void putDigits(int value, int digits) {
        Digits.write(bytes, length, value, digits);
        length += digits;
    }

    /** The codec's fixed 23-character form: {@code 2018-07-28T03:04:12.345}. */
    private void putTime(long millis) {
        int date = LocalMillis.date(millis);
        int ofDay = LocalMillis.ofDay(millis);
        putDigits(LocalMillis.year(date), 4);
        bytes[length++] = '-';
        putDigits(LocalMillis.month(date), 2);
        bytes[length++] = '-';
        putDigits(LocalMillis.day(date), 2);
        bytes[length++] = 'T';
        int seconds = Digits.thousandth(ofDay);
        int minutes = Digits.sixtieth(seconds);
        int hours = Digits.sixtieth(minutes);
        putDigits(hours, 2);
        bytes[length++] = ':';
        putDigits(minutes - hours * 60, 2);
        bytes[length++] = ':';
        putDigits(seconds - minutes * 60, 2);
        bytes[length++] = '.';
        putDigits(ofDay - seconds * 1000, 3);
    }

    /** UTF-8, as {@link String#getBytes} writes it (the usual commit is ASCII, copied byte by byte). */
    private void putText(String text) {
        int start = length;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                length = start;
                put(text);
                return;
            }
            bytes[length++] = (byte) c;
        }
    }

    private void put(String text) {
        byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
        ensure(encoded.length);
        System.arraycopy(encoded, 0, bytes, length, encoded.length);
        length += encoded.length;
    }

    /**
     * A value in a form that reads back as exactly the same double. Between 10^-3 and 10^7 that is
     * Double.toString's plain form, {@code digits.digits}: found here as the fewest fraction digits whose decimal
     * reads back as the value (a whole number and a power of ten are both exact doubles, and one division rounds
     * correctly, as the reader's does), which costs a few multiplications instead of Double.toString's
     * arbitrary-precision arithmetic. Other values (exponents, 16 digits and more) go to Double.toString.
     */
    private void putValue(double value) {
        double magnitude = Math.abs(value);
        if (magnitude < 1e7 && magnitude >= 1e-3 || magnitude == 0) {
            if (Double.doubleToRawLongBits(value) < 0) {
                bytes[length++] = '-';
            }
            if (magnitude == Math.rint(magnitude)) {
                putWhole((long) magnitude);
                bytes[length++] = '.';
                bytes[length++] = '0';
                return;
            }
            for (int fraction = 1; fraction <= MAX_FRACTION_DIGITS; fraction++) {
                double scale = PointCodec.POWERS_OF_TEN[fraction];
                long digits = Math.round(magnitude * scale);
                if (digits >= EXACT_LIMIT) {
                    break;
                }
                if (digits / scale == magnitude) {
                    // Below 10^7 the whole part is an int, and so is the fraction (at most nine digits).
                    int whole = (int) magnitude;
                    putWhole(whole);
                    bytes[length++] = '.';
                    putDigits((int) (digits - whole * (long) scale), fraction);
                    return;
                }
            }
            if (value < 0) {
                length--;
            }
        }
        byte[] text = Double.toString(value).getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(text, 0, bytes, length, text.length);
        length += text.length;
    }
}
