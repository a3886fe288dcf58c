package dev.nightly.bench.changes;

import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Finds the change points of a series with {@link EDivisive} window by window, and carries on from where
 * the last search stopped when a night adds points.
 *
 * <p>A window holds up to {@link ChangeSettings#window()} points and starts at the last confirmed change
 * point (or at the start of the series). While the window is not full, it is searched every night and what
 * it finds is reported, but may still move as nights add evidence. When it is full, the change points at
 * least {@link ChangeSettings#margin()} points before its end are confirmed and the next window starts at
 * the last of them (or half way into the full window when there is none, so that a change soon after has
 * enough nights before it to be told from noise). Everything
 * confirmed depends only on the points up to the window's end, so searching night by night and searching
 * the whole series at once give the same change points, and a night costs one search of one window.
 */
public final class ChangeDetector {
    private final ChangeSettings settings;
    private final EDivisive search;
    private final LongAdder searches = new LongAdder();

    public ChangeDetector(ChangeSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.search = new EDivisive(settings);
    }

    public ChangeSettings settings() {
        return settings;
    }

    /** How many windows this detector searched (those taken from what was remembered not counted). */
    long searches() {
        return searches.sum();
    }

    /** Every change point of {@code series}. */
    public SeriesChanges detect(Series series, Direction direction) {
        return resume(ChangeState.EMPTY, series, 0, direction);
    }

    /**
     * Carries a search on to the newest points.
     *
     * @param state  what the search of the series' first {@code state.size()} points left
     * @param tail   the series' points from index {@code offset} on (the whole series with offset 0)
     * @param offset the index of the tail's first point in the whole series, at most {@code state.windowStart()}
     * @throws IllegalArgumentException when the tail does not reach back to the state's window or the point
     *                                  there is not the one searched before (the series was rewritten)
     */
    public SeriesChanges resume(ChangeState state, Series tail, int offset, Direction direction) {
        return search(state, tail, offset, direction, true, OpenWindows.empty());
    }

    /**
     * {@link #resume}, taking a window's change points from {@code remembered} when it has them for these
     * very points, and remembering those it searched.
     */
    SeriesChanges resume(ChangeState state, Series tail, int offset, Direction direction, OpenWindows remembered) {
        return search(state, tail, offset, direction, true, remembered);
    }

    /**
     * What {@link #resume} leaves for the next night, without searching the open window: only a window that
     * fills is searched (to confirm its change points). Cheap on most nights.
     */
    public ChangeState advance(ChangeState state, Series tail, int offset, Direction direction) {
        return search(state, tail, offset, direction, false, OpenWindows.empty()).state();
    }

    /** {@link #advance}, with the windows searched before taken from {@code remembered}. */
    ChangeState advance(ChangeState state, Series tail, int offset, Direction direction, OpenWindows remembered) {
        return search(state, tail, offset, direction, false, remembered).state();
    }

    private SeriesChanges search(ChangeState state, Series tail, int offset, Direction direction, boolean open,
                                 OpenWindows remembered) {
        List<Point> points = tail.points();
        int size = offset + points.size();
        int start = state.windowStart();
        if (offset > start || size < state.size()) {
            throw new IllegalArgumentException(tail.key() + ": points from index " + offset + " to " + size
                    + " do not continue a search of " + state.size() + " points with its window at " + start);
        }
        if (state.size() > 0 && points.get(start - offset).build() != state.windowStartBuild()) {
            throw new IllegalArgumentException(tail.key() + ": point " + start + " is of build "
                    + points.get(start - offset).build() + ", the search had build " + state.windowStartBuild());
        }
        double[] values = new double[points.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = points.get(i).value();
        }
        List<ChangePoint> confirmed = new ArrayList<>(state.confirmed());
        int window = settings.window();
        while (size - start >= window) {
            int end = start + window;
            List<ChangePoint> found = changePoints(tail, offset, values, start, end, direction, remembered);
            int last = -1;
            for (ChangePoint point : found) {
                if (point.index() <= end - settings.margin()) {
                    confirmed.add(point);
                    last = point.index();
                }
            }
            start = last >= 0 ? last : end - window / 2;
        }
        List<ChangePoint> all = new ArrayList<>(confirmed);
        if (open) {
            all.addAll(changePoints(tail, offset, values, start, size, direction, remembered));
        }
        long startBuild = start < size ? points.get(start - offset).build() : -1;
        return new SeriesChanges(all, new ChangeState(size, start, startBuild, confirmed));
    }

    /**
     * The change points of the points {@code [from, to)} (indices into the whole series), from {@code remembered}
     * when it has a search of these very points.
     */
    private List<ChangePoint> changePoints(Series tail, int offset, double[] values, int from, int to, Direction direction,
                                           OpenWindows remembered) {
        if (to - from < 2 * settings.minSegment()) {
            return List.of();
        }
        long fingerprint = OpenWindows.fingerprint(tail, from - offset, to - offset, direction);
        Optional<List<ChangePoint>> known = remembered.get(from, to, fingerprint);
        if (known.isPresent()) {
            return known.get();
        }
        searches.increment();
        List<EDivisive.Split> splits = search.splits(values, from - offset, to - offset);
        List<ChangePoint> found = new ArrayList<>(splits.size());
        List<Point> points = tail.points();
        for (int i = 0; i < splits.size(); i++) {
            int at = splits.get(i).index();
            int before = i == 0 ? from - offset : splits.get(i - 1).index();
            int after = i + 1 < splits.size() ? splits.get(i + 1).index() : to - offset;
            found.add(new ChangePoint(tail.key(), tail.unit(), at + offset, points.get(at - 1), points.get(at),
                    Robust.median(values, before, at), Robust.median(values, at, after), splits.get(i).pValue(), direction));
        }
        remembered.put(new OpenWindows.Result(from, to, fingerprint, found));
        return found;
    }
}
