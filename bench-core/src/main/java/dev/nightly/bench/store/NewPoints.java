package dev.nightly.bench.store;

import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.SeriesKey;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The new points of one series in one ingest, kept in columns (time, commit, value, error, fingerprint) until
 * they are written: a backfill brings ten thousand per series, two million in all, and as objects they were
 * most of an ingest's garbage and of its sorting.
 */
final class NewPoints {
    /** Equal times in a row (values of a format without times) beyond this are looked up in a set, not scanned. */
    private static final int SCANNED_RUN = 32;

    final SeriesKey key;
    /** The series' share of the fingerprints of its points. */
    final long seriesPart;
    /** The unit the last value gave. */
    String unit = "";
    /** The newest time of the series' dataset in the store's index (milliseconds, as {@link #add} takes them). */
    long storedUntil = Long.MIN_VALUE;
    private long[] times;
    private String[] commits;
    private double[] values;
    /** Null while every error is unknown. */
    private double[] errors;
    private long[] fingerprints;
    private int size;

    /** {@code capacity}: how many values the results hold for the series (its columns are not grown then). */
    NewPoints(SeriesKey key, int capacity) {
        this.key = key;
        this.seriesPart = Fingerprints.seriesPart(key);
        times = new long[Math.max(1, capacity)];
        commits = new String[times.length];
        values = new double[times.length];
        fingerprints = new long[times.length];
    }

    /** Adds a value measured at {@code millis} (local time, milliseconds since 1970-01-01T00:00) on {@code commit}. */
    void add(long millis, String commit, double value, double error, long fingerprint) {
        if (size == times.length) {
            int capacity = size * 2;
            times = Arrays.copyOf(times, capacity);
            commits = Arrays.copyOf(commits, capacity);
            values = Arrays.copyOf(values, capacity);
            fingerprints = Arrays.copyOf(fingerprints, capacity);
            if (errors != null) {
                errors = Arrays.copyOf(errors, capacity);
            }
        }
        if (errors == null && !Double.isNaN(error)) {
            errors = new double[times.length];
            Arrays.fill(errors, 0, size, Double.NaN);
        }
        times[size] = millis;
        commits[size] = commit;
        values[size] = value;
        fingerprints[size] = fingerprint;
        if (errors != null) {
            errors[size] = error;
        }
        size++;
    }

    int size() {
        return size;
    }

    /** {@code first}, with the points of {@code then} (of the same series) after its own; for joining plans. */
    static NewPoints append(NewPoints first, NewPoints then) {
        for (int i = 0; i < then.size; i++) {
            first.add(then.times[i], then.commits[i], then.values[i], then.errors == null ? Double.NaN : then.errors[i],
                    then.fingerprints[i]);
        }
        if (then.size > 0) {
            first.unit = then.unit;
        }
        return first;
    }

    /**
     * Puts the points in time order (equal times keep the order they came in, as the stored order of a series
     * does) and drops the repeats of a point given twice in this ingest (same fingerprint: same time, commit and
     * value), keeping the first. Returns how many were dropped.
     */
    int order() {
        if (!isSorted()) {
            permute(StableOrder.of(times, size));
        }
        int kept = 0;
        int runStart = 0;
        LongSet run = null;
        for (int i = 0; i < size; i++) {
            if (i == 0 || times[i] != times[kept - 1]) {
                runStart = kept;
                run = null;
            }
            if (kept - runStart > SCANNED_RUN && run == null) {
                run = new LongSet();
                for (int j = runStart; j < kept; j++) {
                    run.add(fingerprints[j]);
                }
            }
            if (run != null ? !run.add(fingerprints[i]) : contains(fingerprints, runStart, kept, fingerprints[i])) {
                continue;
            }
            move(i, kept++);
        }
        int dropped = size - kept;
        size = kept;
        return dropped;
    }

    private boolean isSorted() {
        for (int i = 1; i < size; i++) {
            if (times[i] < times[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(long[] values, int from, int to, long value) {
        for (int i = from; i < to; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    private void move(int from, int to) {
        if (from != to) {
            times[to] = times[from];
            commits[to] = commits[from];
            values[to] = values[from];
            fingerprints[to] = fingerprints[from];
            if (errors != null) {
                errors[to] = errors[from];
            }
        }
    }

    private void permute(int[] order) {
        long[] newTimes = new long[size];
        String[] newCommits = new String[size];
        double[] newValues = new double[size];
        long[] newFingerprints = new long[size];
        double[] newErrors = errors == null ? null : new double[size];
        for (int i = 0; i < size; i++) {
            int from = order[i];
            newTimes[i] = times[from];
            newCommits[i] = commits[from];
            newValues[i] = values[from];
            newFingerprints[i] = fingerprints[from];
            if (newErrors != null) {
                newErrors[i] = errors[from];
            }
        }
        times = newTimes;
        commits = newCommits;
        values = newValues;
        fingerprints = newFingerprints;
        errors = newErrors;
    }

    long fingerprint(int index) {
        return fingerprints[index];
    }

    /** The time of point {@code index} (after {@link #order}: the first is the oldest, the last the newest). */
    LocalDateTime time(int index) {
        return localTime(times[index]);
    }

    /** Writes the lines of the points, in their order, as a series file holds them, into {@code lines} (cleared first). */
    void writeLines(long build, PointLines lines) {
        lines.clear();
        for (int i = 0; i < size; i++) {
            lines.add(build, times[i], commits[i], values[i], errors == null ? Double.NaN : errors[i]);
        }
    }

    /** The points as objects, for a preview. */
    List<Point> points(long build) {
        List<Point> points = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            points.add(new Point(build, commits[i], time(i), values[i], errors == null ? Double.NaN : errors[i]));
        }
        return points;
    }

    static LocalDateTime localTime(long millis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000,
                ZoneOffset.UTC);
    }
}
