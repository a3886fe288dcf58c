package dev.nightly.bench.changes;

import java.util.List;

/**
 * The change points of one series as far as its points go.
 *
 * @param changePoints confirmed ones, then those of the open window (which more nights may still move)
 * @param state        what the next night's search starts from
 */
public record SeriesChanges(List<ChangePoint> changePoints, ChangeState state) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public SeriesChanges {
        changePoints = List.copyOf(changePoints);
    }
}
