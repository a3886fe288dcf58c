package dev.nightly.bench.changes;

import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.Series;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The change points found in a series' windows on the last few nights (the open window, and a window that
 * filled), each with a fingerprint of the points it was searched on. A check asks for tonight's change
 * points and, when tonight has an open regression, for last night's and the night before's (to tell a new
 * change point from one reported before), and it carries the search on from the state of the night before
 * last: with these remembered, a night searches each window that changed once instead of up to three
 * times, and a search that finds a regression costs a permutation test of a thousand shuffles. A
 * remembered result is used only for the very same points (window start, end and a fingerprint of every
 * point's build, commit, time and value), so it is what the search would find again.
 */
final class OpenWindows {
    /** Windows ending tonight, last night and the night before: what the next night's check can ask for again. */
    static final int NIGHTS = 3;
    /** At most this many results are kept: an open and a filled window each night. */
    static final int KEEP = 2 * NIGHTS;

    /**
     * One search of an open window.
     *
     * @param start       index of the window's first point
     * @param size        index after its last point (its end)
     * @param fingerprint {@link #fingerprint} of the points searched
     * @param changes     what the search found
     */
    record Result(int start, int size, long fingerprint, List<ChangePoint> changes) {
        Result {
            changes = List.copyOf(changes);
        }
    }

    private final List<Result> results;

    OpenWindows(List<Result> results) {
        this.results = new ArrayList<>(results);
    }

    static OpenWindows empty() {
        return new OpenWindows(List.of());
    }

    Optional<List<ChangePoint>> get(int start, int size, long fingerprint) {
        for (Result result : results) {
            if (result.start() == start && result.size() == size && result.fingerprint() == fingerprint) {
                return Optional.of(result.changes());
            }
        }
        return Optional.empty();
    }

    void put(Result result) {
        results.removeIf(r -> r.start() == result.start() && r.size() == result.size());
        results.add(result);
    }

    /** The results of windows ending on the {@link #NIGHTS} newest nights, newest first. */
    List<Result> recent() {
        int newest = results.stream().mapToInt(Result::size).max().orElse(0);
        return results.stream().filter(r -> r.size() > newest - NIGHTS)
                .sorted(Comparator.comparingInt(Result::size).reversed().thenComparingInt(Result::start)).limit(KEEP).toList();
    }

    /**
     * A 64-bit fingerprint of the points {@code [from, to)} of {@code series} (indices into its point list)
     * and of what else a search's result depends on: a series whose points were rewritten, or a unit or
     * direction that changed, gives another fingerprint.
     */
    static long fingerprint(Series series, int from, int to, Direction direction) {
        long h = mix(0x6F70656E77696E64L ^ series.unit().hashCode() ^ ((long) direction.ordinal() << 40));
        List<Point> points = series.points();
        for (int i = from; i < to; i++) {
            Point p = points.get(i);
            h = mix(h ^ p.build());
            h = mix(h ^ Double.doubleToLongBits(p.value()));
            h = mix(h ^ Double.doubleToLongBits(p.error()));
            h = mix(h ^ p.commit().hashCode());
            h = mix(h ^ p.time().hashCode());
        }
        return mix(h ^ (to - from));
    }

    /** SplitMix64's finaliser: every input bit moves every output bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
