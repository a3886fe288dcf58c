package dev.nightly.bench.chart;

import java.util.List;

/**
 * The trend chart of one dataset: one line per series. {@link ChartJson} turns it into an ECharts
 * option.
 *
 * @param id          the dataset id
 * @param title       the dataset's name
 * @param description the dataset's description, possibly empty (shown next to the chart, not in it)
 * @param xAxis       builds or time
 * @param units       the units of the value axes, in axis order (the empty string for unit-less series)
 * @param lines       the lines, ordered by series key
 */
public record TrendChart(String id, String title, String description, XAxis xAxis, List<String> units,
                         List<TrendLine> lines) {
    public TrendChart {
        units = List.copyOf(units);
        lines = List.copyOf(lines);
    }

    /** Points drawn over all lines. */
    public int pointCount() {
        int count = 0;
        for (TrendLine line : lines) {
            count += line.size();
        }
        return count;
    }

    /** Marked points over all lines. */
    public int markCount() {
        int count = 0;
        for (TrendLine line : lines) {
            count += line.marks().size();
        }
        return count;
    }
}
