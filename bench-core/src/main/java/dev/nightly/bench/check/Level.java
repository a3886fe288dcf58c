package dev.nightly.bench.check;

/** What a flagged check does to the build: the same two results Jenkins knows. */
public enum Level {
    UNSTABLE,
    FAILURE;

    public static Level worse(Level a, Level b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }
}
