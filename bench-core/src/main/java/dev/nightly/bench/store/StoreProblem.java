package dev.nightly.bench.store;

/**
 * One thing wrong with a history store.
 *
 * @param file  the file (or the store directory) it is in
 * @param where where in the file ({@code "line 12"}, {@code "lines 40-52"}), empty when the whole file
 * @param what  what is wrong
 */
public record StoreProblem(String file, String where, String what) {
    @Override
    public String toString() {
        return file + (where.isEmpty() ? "" : ": " + where) + ": " + what;
    }
}
