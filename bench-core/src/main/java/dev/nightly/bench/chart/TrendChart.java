package dev.nightly.bench.chart;

import dev.nightly.bench.model.Bounds;
import java.util.List;

/**
 * A trend chart of one dataset: one line per series. {@link ChartJson} turns it into an ECharts option.
 * {@link TrendCharts#job} draws one chart per dataset and unit (a dataset whose series have different
 * units gets several charts, so no two scales share a plot area); {@link TrendCharts#dataset} draws a
 * dataset in one chart with a value axis per unit.
 *
 * @param id          the dataset id (charts of one dataset split by unit share it)
 * @param title       what the chart is called: the dataset's name, followed by the unit when the dataset is
 *                    split by unit ({@code Mail Query – ms})
 * @param description the dataset's description, possibly empty (shown next to the chart, not in it)
 * @param xAxis       builds or time
 * @param units       the units of the value axes, in axis order (the empty string for unit-less series)
 * @param lines       the lines, ordered by series key
 * @param datasetName the dataset's name, without any unit
 * @param titled      whether the ECharts option shows {@code title} inside the chart (see {@link ChartSettings#titled()})
 */
public record TrendChart(String id, String title, String description, XAxis xAxis, List<String> units,
                         List<TrendLine> lines, String datasetName, boolean titled) {
    /** Separates the dataset's name from the unit in the title of a chart split by unit. */
    public static final String UNIT_SEPARATOR = " – ";

    public TrendChart {
        units = List.copyOf(units);
        lines = List.copyOf(lines);
        datasetName = datasetName == null ? title : datasetName;
    }

    /** A titled chart of a whole dataset. */
    public TrendChart(String id, String title, String description, XAxis xAxis, List<String> units, List<TrendLine> lines) {
        this(id, title, description, xAxis, units, lines, title, true);
    }

    /** The unit of a chart with one value axis, else the empty string. */
    public String unit() {
        return units.size() == 1 ? units.get(0) : "";
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

    /**
     * The extent of value axis {@code axis}. Bound lines (ECharts mark lines) do not widen an axis by
     * themselves, so a max of 400 over values up to 300 would be drawn off the plot; the range given here
     * reaches past every drawn bound. Axes start at zero, so that a 2 % wobble looks like one, except
     * where a positive lower bound is drawn: then the band between the bounds is what matters and the
     * axis is fitted to data and bounds.
     */
    public ValueRange valueRange(int axis) {
        double dataMin = Double.POSITIVE_INFINITY;
        double dataMax = Double.NEGATIVE_INFINITY;
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        boolean positiveLowerBound = false;
        for (TrendLine line : lines) {
            if (line.yAxisIndex() != axis) {
                continue;
            }
            for (double value : line.values()) {
                dataMin = Math.min(dataMin, value);
                dataMax = Math.max(dataMax, value);
            }
            Bounds drawn = line.drawnBounds();
            if (drawn.min() != null) {
                low = Math.min(low, drawn.min());
                positiveLowerBound |= drawn.min() > 0;
            }
            if (drawn.max() != null) {
                high = Math.max(high, drawn.max());
            }
        }
        if (dataMin > dataMax) {
            return ValueRange.AUTO;
        }
        low = Math.min(low, dataMin);
        high = Math.max(high, dataMax);
        if (positiveLowerBound && dataMin > 0) {
            double step = ValueRange.niceStep((high - low) / 8);
            double min = Math.max(0, Math.floor((low - (high - low) * 0.05) / step) * step);
            double max = Math.ceil((high + (high - low) * 0.05) / step) * step;
            return new ValueRange(min, max, true);
        }
        double base = Math.min(0, low);
        double top = Math.max(0, high);
        // A multiple of the step ECharts itself picks for about five intervals, so the last tick is labelled.
        double step = ValueRange.niceStep((top - base) * 1.05 / 5);
        Double min = low < dataMin && low < 0 ? Math.floor((low - (top - base) * 0.05) / step) * step : null;
        Double max = high > dataMax && high > 0 ? Math.ceil((high + (top - base) * 0.05) / step) * step : null;
        return new ValueRange(min, max, false);
    }

    /**
     * The extent of a value axis.
     *
     * @param min   the lowest value shown, or {@code null} for the one ECharts picks
     * @param max   the highest value shown, or {@code null} for the one ECharts picks
     * @param scale {@code false}: the axis includes zero (ECharts' {@code scale: false})
     */
    public record ValueRange(Double min, Double max, boolean scale) {
        static final ValueRange AUTO = new ValueRange(null, null, false);

        /** 1, 2, 2.5 or 5 times a power of ten, at least {@code rough}. */
        static double niceStep(double rough) {
            if (!(rough > 0) || Double.isInfinite(rough)) {
                return 1;
            }
            double power = Math.pow(10, Math.floor(Math.log10(rough)));
            double fraction = rough / power;
            double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
            return nice * power;
        }
    }
}
