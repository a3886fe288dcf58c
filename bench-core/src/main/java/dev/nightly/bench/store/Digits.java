package dev.nightly.bench.store;

/**
 * Divisions by the constants of writing numbers and times, as a multiplication and a shift. The code of a short run
 * is compiled by C1, which divides with the processor's divide instruction (tens of cycles; a call, for a long): a
 * backfill writes some forty million digits, and their divisions were a third of its writing. Each identity is
 * exact over the range stated (the usual compiler constants; DigitsTest checks them).
 */
final class Digits {
    private Digits() {
    }

    /** {@code x / 10} for {@code 0 <= x <= Integer.MAX_VALUE}. */
    static int tenth(int x) {
        return (int) ((x * 0xCCCCCCCDL) >>> 35);
    }

    /** {@code x / 60} for {@code 0 <= x <= Integer.MAX_VALUE}. */
    static int sixtieth(int x) {
        return (int) ((x * 0x88888889L) >>> 37);
    }

    /** {@code x / 1000} for {@code 0 <= x <= Integer.MAX_VALUE}. */
    static int thousandth(int x) {
        return (int) ((x * 0x10624DD3L) >>> 38);
    }

    /** Writes {@code value} ({@code >= 0}) in {@code digits} digits, zeros first, at {@code bytes[at]}. */
    static void write(byte[] bytes, int at, int value, int digits) {
        int rest = value;
        for (int i = at + digits - 1; i >= at; i--) {
            int next = tenth(rest);
            bytes[i] = (byte) ('0' + rest - next * 10);
            rest = next;
        }
    }

    /** As {@link #write(byte[], int, int, int)}, into chars. */
    static void write(char[] chars, int at, int value, int digits) {
        int rest = value;
        for (int i = at + digits - 1; i >= at; i--) {
            int next = tenth(rest);
            chars[i] = (char) ('0' + rest - next * 10);
            rest = next;
        }
    }

    /** How many digits {@code value} ({@code >= 0}) has. */
    static int count(int value) {
        int digits = 1;
        for (int rest = tenth(value); rest > 0; rest = tenth(rest)) {
            digits++;
        }
        return digits;
    }
}
