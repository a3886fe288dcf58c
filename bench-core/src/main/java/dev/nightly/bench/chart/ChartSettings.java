package dev.nightly.bench.chart;

/**
 * How trend charts are drawn.
 *
 * @param xAxis              builds or time along the horizontal axis
 * @param maxPointsPerSeries above this many points a line is down-sampled (extremes and marked points
 *                           are kept); browsers stay responsive with tens of thousands of points per chart
 * @param maxBuilds          only the newest this many builds are shown; 0 shows the whole history
 * @param maxMarksPerSeries  at most this many markers per line, the newest; a series that has been out
 *                           of bounds for years would otherwise bury the chart under pins
 */
public record ChartSettings(XAxis xAxis, int maxPointsPerSeries, int maxBuilds, int maxMarksPerSeries) {
    public static final int DEFAULT_MAX_POINTS = 1000;
    public static final int DEFAULT_MAX_MARKS = 100;

    public ChartSettings {
        if (xAxis == null) {
            xAxis = XAxis.BUILD;
        }
        if (maxPointsPerSeries < 10) {
            throw new IllegalArgumentException("maxPointsPerSeries must be at least 10, got " + maxPointsPerSeries);
        }
        if (maxBuilds < 0) {
            throw new IllegalArgumentException("maxBuilds must be 0 (all) or positive, got " + maxBuilds);
        }
        if (maxMarksPerSeries < 0) {
            throw new IllegalArgumentException("maxMarksPerSeries must not be negative, got " + maxMarksPerSeries);
        }
    }

    public static ChartSettings defaults() {
        return new ChartSettings(XAxis.BUILD, DEFAULT_MAX_POINTS, 0, DEFAULT_MAX_MARKS);
    }

    public ChartSettings withXAxis(XAxis axis) {
        return new ChartSettings(axis, maxPointsPerSeries, maxBuilds, maxMarksPerSeries);
    }

    public ChartSettings withMaxPointsPerSeries(int maxPoints) {
        return new ChartSettings(xAxis, maxPoints, maxBuilds, maxMarksPerSeries);
    }

    public ChartSettings withMaxBuilds(int builds) {
        return new ChartSettings(xAxis, maxPointsPerSeries, builds, maxMarksPerSeries);
    }

    public ChartSettings withMaxMarksPerSeries(int marks) {
        return new ChartSettings(xAxis, maxPointsPerSeries, maxBuilds, marks);
    }
}
