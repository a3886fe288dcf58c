package dev.nightly.bench.store;

/**
 * The lines of one series file as the store wrote them, for a reader that copies their fields as text
 * instead of making a {@link dev.nightly.bench.model.Point} of each (the export: making two million points
 * and printing their numbers and times again was most of its time).
 *
 * <p>A cursor: {@link #next()} moves to the next line and says whether it is in the usual form and in time
 * order after the one before (see {@link #next()}); the fields of that line are then at the offsets this
 * class gives into {@link #bytes()}. Anything else (an unusual or damaged line, a late row, a number of lines
 * that is not the manifest's) is for the caller to read the general way, {@link HistorySnapshot#read}, which
 * sorts, and reports damage with its messages.
 */
public final class LineCursor {
    private final byte[] bytes;
    private final int length;
    private final int expected;
    private int count;
    /** Where the next line starts. */
    private int nextStart;
    private long build;
    private int time = -1;
    private int commitEnd;
    private int valueStart;
    private int valueEnd;
    private int errorStart;
    private int end;

    LineCursor(byte[] bytes, int expected) {
        this(bytes, bytes.length, expected);
    }

    /** The lines of {@code bytes[0, length)}. */
    LineCursor(byte[] bytes, int length, int expected) {
        this.bytes = bytes;
        this.length = length;
        this.expected = expected;
    }

    /** The file's committed bytes (and possibly more beyond them); the fields of the current line are ranges of it. */
    public byte[] bytes() {
        return bytes;
    }

    /**
     * Moves to the next line. True when there is one, in the usual form ({@code build TAB time TAB commit TAB
     * value [TAB error] LF} with a build of at most 18 digits, a valid time in the 23-character form, a
     * commit of printable ASCII and a value and error without control bytes) and not earlier than the line
     * before ({@link dev.nightly.bench.model.Point#CHRONOLOGICAL}: time, then build). False at the end of the
     * file or at the first line that is not so; {@link #complete()} tells which.
     */
    public boolean next() {
        int from = nextStart;
        if (from >= length || count == expected) {
            return false;
        }
        long number = 0;
        int i = from;
        int limit = Math.min(length, from + 18);
        for (int digit; i < limit && (digit = bytes[i] - '0') >= 0 && digit <= 9; i++) {
            number = number * 10 + digit;
        }
        int tab2 = i + 1 + PointCodec.TIME_LENGTH;
        if (i == from || tab2 >= length || bytes[i] != PointCodec.TAB || bytes[tab2] != PointCodec.TAB
                || !isTime(bytes, i + 1)) {
            return false;
        }
        int tab3 = tab2 + 1;
        while (tab3 < length && bytes[tab3] >= ' ' && bytes[tab3] < 0x7f) {
            tab3++;
        }
        int afterValue = fieldEnd(tab3 + 1);
        int errorFrom = -1;
        int lineEnd = afterValue;
        if (afterValue < length && bytes[afterValue] == PointCodec.TAB) {
            errorFrom = afterValue + 1;
            lineEnd = fieldEnd(errorFrom);
        }
        if (tab3 >= length || bytes[tab3] != PointCodec.TAB || afterValue == tab3 + 1 || errorFrom == lineEnd
                || lineEnd >= length || bytes[lineEnd] != PointCodec.LF) {
            return false;
        }
        if (count > 0) {
            int order = compareTimes(bytes, time, i + 1);
            if (order > 0 || order == 0 && build > number) {
                return false;
            }
        }
        count++;
        build = number;
        time = i + 1;
        commitEnd = tab3;
        valueStart = tab3 + 1;
        valueEnd = afterValue;
        errorStart = errorFrom;
        end = lineEnd;
        nextStart = lineEnd + 1;
        return true;
    }

    /** After {@link #next()} returned false: whether every line was read and their number is the manifest's. */
    public boolean complete() {
        return count == expected && nextStart == length;
    }

    public long build() {
        return build;
    }

    /** Where the time's 23 bytes ({@code 2018-07-28T03:04:12.345}) start. */
    public int time() {
        return time;
    }

    public int commitStart() {
        return time + PointCodec.TIME_LENGTH + 1;
    }

    public int commitEnd() {
        return commitEnd;
    }

    public int valueStart() {
        return valueStart;
    }

    public int valueEnd() {
        return valueEnd;
    }

    /** Where the error starts, or -1 when the line has none. */
    public int errorStart() {
        return errorStart;
    }

    /** Where the error ends (the line's LF). */
    public int errorEnd() {
        return end;
    }

    private int fieldEnd(int from) {
        int i = from;
        while (i < length && bytes[i] > PointCodec.LF && bytes[i] != 0x7f) {
            i++;
        }
        return i;
    }

    /**
     * Whether the 23 bytes at {@code at} are a time {@link PointCodec} reads without its general parser and
     * {@link java.time.LocalDateTime#of} accepts: the same checks, without making the date.
     */
    static boolean isTime(byte[] text, int at) {
        if (text[at + 4] != '-' || text[at + 7] != '-' || text[at + 10] != 'T' || text[at + 13] != ':'
                || text[at + 16] != ':' || text[at + 19] != '.') {
            return false;
        }
        int year = number(text, at, 4);
        int month = number(text, at + 5, 2);
        int day = number(text, at + 8, 2);
        int hour = number(text, at + 11, 2);
        int minute = number(text, at + 14, 2);
        int second = number(text, at + 17, 2);
        int millis = number(text, at + 20, 3);
        return (year | month | day | hour | minute | second | millis) >= 0 && month >= 1 && month <= 12 && day >= 1
                && day <= java.time.Month.of(month).length(java.time.Year.isLeap(year)) && hour <= 23 && minute <= 59
                && second <= 59;
    }

    /** The decimal of {@code width} digits at {@code at}, or -1. */
    private static int number(byte[] text, int at, int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** Times of the fixed form compare as their text does. */
    private static int compareTimes(byte[] text, int a, int b) {
        for (int k = 0; k < PointCodec.TIME_LENGTH; k++) {
            int difference = text[a + k] - text[b + k];
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }
}
