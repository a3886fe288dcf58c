package dev.nightly.bench.chart;

import dev.nightly.bench.model.Bounds;
import dev.nightly.bench.model.SeriesKey;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One line of a trend chart: the (possibly down-sampled) points of one series, held in parallel arrays
 * rather than one object per point. The arrays are shared, not copied: treat them as read-only.
 *
 * @param key          the series
 * @param unit         its unit, possibly empty
 * @param label        the legend label: {@code measure [unit] (parameters)}
 * @param yAxisIndex   which of the chart's value axes (one per unit) it is drawn against
 * @param bounds       the allowed range of the measure, drawn as dashed lines
 * @param builds       the build of each point
 * @param values       the value of each point
 * @param commits      the commit of each point, possibly empty strings
 * @param times        when each point was measured
 * @param marks        the marked points, by index into the arrays
 * @param sourcePoints how many points the series had before down-sampling (within the shown builds)
 * @param changes      the change points within the shown builds, drawn as vertical marks
 */
public record TrendLine(SeriesKey key, String unit, String label, int yAxisIndex, Bounds bounds,
                        long[] builds, double[] values, String[] commits, LocalDateTime[] times,
                        List<Marked> marks, int sourcePoints, List<ChangeMark> changes) {
    public TrendLine {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public TrendLine(SeriesKey key, String unit, String label, int yAxisIndex, Bounds bounds, long[] builds, double[] values,
                     String[] commits, LocalDateTime[] times, List<Marked> marks, int sourcePoints) {
        this(key, unit, label, yAxisIndex, bounds, builds, values, commits, times, marks, sourcePoints, List.of());
    }

    /**
     * A marked point.
     *
     * @param index where it is in the line's arrays
     * @param mark  why it is marked
     */
    public record Marked(int index, PointMark mark) {
    }

    public int size() {
        return values.length;
    }

    public boolean isDownSampled() {
        return sourcePoints > values.length;
    }

    /**
     * The bounds drawn as lines: {@link #bounds()} without a lower bound at or below zero when every
     * value is at least zero. A minimum of 0 ms (HAWD writes one whenever only a maximum was meant) says
     * nothing about a duration and would only pull the eye to the axis; the full bounds stay in the
     * marks' explanations and the checks.
     */
    public Bounds drawnBounds() {
        if (bounds.min() == null || bounds.min() > 0 || values.length == 0) {
            return bounds;
        }
        for (double value : values) {
            if (value < 0) {
                return bounds;
            }
        }
        return bounds.max() == null ? Bounds.NONE : new Bounds(null, bounds.max());
    }

    /** {@code time [ms] (rows=5000)}; units and parameters only where there are any. */
    public static String labelOf(SeriesKey key, String unit) {
        StringBuilder label = new StringBuilder(key.measure());
        if (unit != null && !unit.isEmpty()) {
            label.append(" [").append(unit).append(']');
        }
        if (!key.parameters().isEmpty()) {
            label.append(" (").append(key.parameterText()).append(')');
        }
        return label.toString();
    }
}
