package dev.nightly.bench.hawd;

import java.util.function.UnaryOperator;

/**
 * A string derived from some characters, looked up by the characters themselves: a streaming parser
 * holds each value's text in its own buffer, and making a string of it only to look it up in a map is
 * most of the cost of a lookup. Holds a bounded number of entries (it starts again when full).
 */
final class TextCache {
    private static final int SIZE = 1024;
    private final String[] texts = new String[SIZE];
    private final String[] derived = new String[SIZE];
    private int entries;

    /** What {@code derive} makes of the text {@code chars[offset, offset + length)}, made once per text. */
    String get(char[] chars, int offset, int length, UnaryOperator<String> derive) {
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + chars[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (SIZE - 1);
        while (texts[slot] != null) {
            if (same(texts[slot], chars, offset, length)) {
                return derived[slot];
            }
            slot = (slot + 1) & (SIZE - 1);
        }
        if (entries >= SIZE / 2) {
            java.util.Arrays.fill(texts, null);
            java.util.Arrays.fill(derived, null);
            entries = 0;
            return get(chars, offset, length, derive);
        }
        String text = new String(chars, offset, length);
        texts[slot] = text;
        derived[slot] = derive.apply(text);
        entries++;
        return derived[slot];
    }

    private static boolean same(String text, char[] chars, int offset, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
