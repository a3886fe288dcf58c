package dev.nightly.bench.export;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import dev.nightly.bench.store.LineCursor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A series' {@code points} array of the export made from the lines of its file, copying each field's text
 * where it already is what the export prints: the bytes are those that {@link HistoryExport}'s Jackson
 * path writes for the same points (its pretty printer's layout at a point's depth), except that a value or
 * error is copied as the store wrote it, which is {@link Double#toString} of the value: the same text as
 * Jackson's, and text of any other form is copied only when it is a JSON number that reads as the same
 * finite double. Making and printing two million points was most of an export's time.
 *
 * <p>A series with a line it cannot copy (an unusual form, a late row, a value that is not such a JSON
 * number, a commit with non-ASCII text) is left to the Jackson path, which reads points, sorts and reports
 * damage with the store's messages.
 */
final class PointsText {
    private static final String LF = DefaultIndenter.SYS_LF;
    /** A point's fields are at depth 3 (the root, a series, a point), its closing brace at 2. */
    private static final String FIELD = LF + "      ";
    private static final byte[] OPEN = ascii("[ {" + FIELD + "\"build\" : ");
    private static final byte[] NEXT = ascii(LF + "    }, {" + FIELD + "\"build\" : ");
    private static final byte[] COMMIT = ascii("," + FIELD + "\"commit\" : \"");
    private static final byte[] TIME = ascii("\"," + FIELD + "\"time\" : \"");
    private static final byte[] VALUE = ascii("\"," + FIELD + "\"value\" : ");
    private static final byte[] ERROR = ascii("," + FIELD + "\"error\" : ");
    private static final byte[] CLOSE = ascii(LF + "    } ]");
    /** The most a line adds beyond its own bytes (field names, separators, escapes aside). */
    private static final int OVERHEAD = NEXT.length + COMMIT.length + TIME.length + VALUE.length + ERROR.length + CLOSE.length;

    private byte[] out = new byte[1 << 16];
    private int size;

    /**
     * Makes the array of {@code lines}; false (and nothing made) when a line cannot be copied, or when
     * {@code lines} is {@code null} or holds no point (the Jackson path writes those).
     */
    boolean of(LineCursor lines) {
        size = 0;
        if (lines == null) {
            return false;
        }
        byte[] in = lines.bytes();
        boolean first = true;
        while (lines.next()) {
            int commitStart = lines.commitStart();
            int commitEnd = lines.commitEnd();
            int errorStart = lines.errorStart();
            int end = lines.errorEnd();
            // Escapes double a commit at most.
            ensure(end - lines.time() + (commitEnd - commitStart) + OVERHEAD + 20);
            put(first ? OPEN : NEXT);
            first = false;
            putBuild(lines.build());
            put(COMMIT);
            for (int i = commitStart; i < commitEnd; i++) {
                byte b = in[i];
                // Printable ASCII (LineCursor checks it): Jackson escapes only these two of it.
                if (b == '"' || b == '\\') {
                    out[size++] = '\\';
                }
                out[size++] = b;
            }
            put(TIME);
            putTime(in, lines.time());
            put(VALUE);
            if (!putNumber(in, lines.valueStart(), lines.valueEnd())) {
                return false;
            }
            if (errorStart >= 0) {
                put(ERROR);
                if (!putNumber(in, errorStart, end)) {
                    return false;
                }
            }
        }
        if (first || !lines.complete()) {
            return false;
        }
        ensure(CLOSE.length);
        put(CLOSE);
        return true;
    }

    void writeTo(OutputStream target) throws IOException {
        target.write(out, 0, size);
    }

    private void ensure(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
        }
    }

    private void put(byte[] bytes) {
        System.arraycopy(bytes, 0, out, size, bytes.length);
        size += bytes.length;
    }

    /** As Jackson writes a long (builds are not negative). */
    private void putBuild(long build) {
        int digits = 1;
        for (long rest = build / 10; rest > 0; rest /= 10) {
            digits++;
        }
        long rest = build;
        for (int i = size + digits - 1; i >= size; i--) {
            out[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        size += digits;
    }

    /**
     * The 23-byte time as {@link java.time.LocalDateTime#toString()} writes it (see {@link HistoryExport#timeText}):
     * without seconds when they and the milliseconds are zero, without milliseconds when they are.
     */
    private void putTime(byte[] in, int at) {
        boolean noMillis = in[at + 20] == '0' && in[at + 21] == '0' && in[at + 22] == '0';
        int length = !noMillis ? 23 : in[at + 17] == '0' && in[at + 18] == '0' ? 16 : 19;
        System.arraycopy(in, at, out, size, length);
        size += length;
    }

    /**
     * Copies the number {@code in[from, to)} when it is a JSON number whose double is finite; false for
     * anything else (NaN and infinities the Jackson path writes as strings).
     */
    private boolean putNumber(byte[] in, int from, int to) {
        if (!isFiniteJsonNumber(in, from, to)) {
            return false;
        }
        System.arraycopy(in, from, out, size, to - from);
        size += to - from;
        return true;
    }

    /**
     * Whether {@code text[from, to)} is a JSON number ({@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?})
     * whose double is finite. Such text reads as the same double in Java ({@link Double#parseDouble}, which
     * the store used) and in any JSON reader that rounds correctly.
     */
    static boolean isFiniteJsonNumber(byte[] text, int from, int to) {
        int i = from;
        if (i < to && text[i] == '-') {
            i++;
        }
        int integerStart = i;
        while (i < to && isDigit(text[i])) {
            i++;
        }
        int integerDigits = i - integerStart;
        if (integerDigits == 0 || integerDigits > 1 && text[integerStart] == '0') {
            return false;
        }
        if (i < to && text[i] == '.') {
            int fractionStart = ++i;
            while (i < to && isDigit(text[i])) {
                i++;
            }
            if (i == fractionStart) {
                return false;
            }
        }
        if (i == to) {
            // Below 10^300 without an exponent: finite; longer integers are checked below.
            return integerDigits <= 300 || isFinite(text, from, to);
        }
        if (text[i] != 'e' && text[i] != 'E') {
            return false;
        }
        i++;
        boolean negative = i < to && text[i] == '-';
        if (i < to && (text[i] == '-' || text[i] == '+')) {
            i++;
        }
        int exponentStart = i;
        int exponent = 0;
        while (i < to && isDigit(text[i])) {
            exponent = Math.min(exponent * 10 + text[i] - '0', 100_000);
            i++;
        }
        if (i == exponentStart || i != to) {
            return false;
        }
        // Finite: a negative exponent on fewer than 300 integer digits, d.ddd x 10^e with e <= 307 (Double.toString's
        // form); the rest are read to tell.
        return (negative ? integerDigits <= 300 : integerDigits == 1 && exponent <= 307) || isFinite(text, from, to);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isFinite(byte[] text, int from, int to) {
        return Double.isFinite(Double.parseDouble(new String(text, from, to - from, StandardCharsets.ISO_8859_1)));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
