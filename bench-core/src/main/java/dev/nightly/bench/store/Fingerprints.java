package dev.nightly.bench.store;

import dev.nightly.bench.model.SeriesKey;
import java.time.LocalDateTime;

/**
 * 64-bit identities of stored points. {@code hawd json} prints the whole history every night, so an ingest
 * must recognise rows it stored before without reading the series themselves. At 64 bits, a million points
 * make a false match about one in ten million.
 *
 * <p>Two kinds: the first (indexes of kind 1, stores written before values counted) is of series, time and
 * commit; the second (kind 2) adds the value, so that another value under the same series, time and commit
 * (a second run of a format without times, in the same minute of the same commit) is a new point and not a
 * re-printed one. The bits of both must never change: they are on disk.
 */
final class Fingerprints {
    private Fingerprints() {
    }

    static long of(SeriesKey key, LocalDateTime time, String commit) {
        return of(seriesPart(key), time.toString(), commit);
    }

    /** The series' share of its points' fingerprints: the same for all of them, so an ingest keeps it. */
    static long seriesPart(SeriesKey key) {
        return mix(mix(0xcbf29ce484222325L, key.id()), "\u0000");
    }

    /** As {@link #of(SeriesKey, LocalDateTime, String)}, from the series part and the time as text. */
    static long of(long seriesPart, String time, String commit) {
        return finish(unfinished(seriesPart, time, commit));
    }

    /** The shared start of both kinds for one row; {@link #keyOnly} and {@link #withValue} finish it. */
    static long unfinished(long seriesPart, String time, String commit) {
        long hash = mix(seriesPart, time);
        hash = mix(hash, "\u0000");
        return mix(hash, commit);
    }

    /**
     * The time and commit of a row as {@link #unfinished(long, String, String)} reads them (the time as
     * {@code LocalDateTime.toString()} writes it, NUL, the commit), kept in one reused buffer: the values of a
     * row share both, and a backfill has hundreds of thousands of rows.
     */
    static final class RowText {
        private char[] chars = new char[64];
        private int length;

        /** Now the row measured at {@code millis} (local, years 0000 to 9999) on {@code commit}. */
        void set(long millis, String commit) {
            if (chars.length < 24 + commit.length()) {
                chars = new char[24 + commit.length() * 2];
            }
            length = LocalMillis.isoText(millis, chars);
            chars[length++] = '\u0000';
            commit.getChars(0, commit.length(), chars, length);
            length += commit.length();
        }
    }

    /** As {@link #unfinished(long, String, String)} of the row's time and commit: the same bits. */
    static long unfinished(long seriesPart, RowText row) {
        long h = seriesPart;
        char[] chars = row.chars;
        for (int i = 0; i < row.length; i++) {
            h ^= chars[i];
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The first kind (series, time, commit), from {@link #unfinished}. */
    static long keyOnly(long unfinished) {
        return finish(unfinished);
    }

    /** The second kind (series, time, commit and value), from {@link #unfinished}. */
    static long withValue(long unfinished, double value) {
        // 0.0 and -0.0 are one measurement; the bits of a finite double are otherwise its identity.
        long bits = Double.doubleToLongBits(value == 0 ? 0.0 : value);
        long h = unfinished ^ 0x01;
        h *= 0x100000001b3L;
        for (int shift = 0; shift < Long.SIZE; shift += Byte.SIZE) {
            h ^= (bits >>> shift) & 0xff;
            h *= 0x100000001b3L;
        }
        return finish(h);
    }

    static long of(String text) {
        return finish(mix(0xcbf29ce484222325L, text));
    }

    private static long mix(long hash, String text) {
        long h = hash;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** MurmurHash3's finaliser: spreads FNV's weak low bits over the whole word. */
    private static long finish(long hash) {
        long h = hash;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
