package dev.nightly.bench.store;

import dev.nightly.bench.model.SeriesKey;
import java.time.LocalDateTime;

/**
 * 64-bit identities of stored points: series, time and commit. {@code hawd json} prints the whole history
 * every night, so an ingest must recognise rows it stored before without reading the series themselves.
 * At 64 bits, a million points make a false match about one in ten million.
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
        long hash = mix(seriesPart, time);
        hash = mix(hash, "\u0000");
        hash = mix(hash, commit);
        return finish(hash);
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
