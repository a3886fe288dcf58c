package dev.nightly.bench.changes;

import java.util.List;

/**
 * What a search of a series' first {@code size} points leaves for the next night: the change points that
 * are confirmed (they will not move again) and where the open window starts. The next night searches only
 * from {@code windowStart} on, so a night costs what its window costs, however long the history.
 *
 * @param size             how many points were searched
 * @param windowStart      index of the first point of the open window
 * @param windowStartBuild the build of that point, to tell whether the series is still the one searched
 * @param confirmed        the confirmed change points, all before {@code windowStart} or at it
 */
public record ChangeState(int size, int windowStart, long windowStartBuild, List<ChangePoint> confirmed)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** Nothing searched yet. */
    public static final ChangeState EMPTY = new ChangeState(0, 0, -1, List.of());

    public ChangeState {
        confirmed = List.copyOf(confirmed);
    }
}
