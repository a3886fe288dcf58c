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
 * @param titled             whether the ECharts option carries the chart's title. On by default: an option
 *                           drawn on a page without a heading of its own (the Jenkins job page's chart) or
 *                           saved as an image must name its dataset. Pages that put a heading above each
 *                           chart (the HTML report) turn it off, so the name is not shown twice.
 */
public record ChartSettings(XAxis xAxis, int maxPointsPerSeries, int maxBuilds, int maxMarksPerSeries, boolean titled) {
    /** Points per line in the report and on one dataset's page: zoomed in, a line keeps its detail. */
    public static final int DEFAULT_MAX_POINTS = 1000;
    /**
     * Points per line where a whole job's charts load at once (200 series): a chart a thousand pixels
     * wide shows no more, and the JSON stays a few MB.
     */
    public static final int JOB_PAGE_MAX_POINTS = 300;
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

    /** Titled charts. */
    public ChartSettings(XAxis xAxis, int maxPointsPerSeries, int maxBuilds, int maxMarksPerSeries) {
        this(xAxis, maxPointsPerSeries, maxBuilds, maxMarksPerSeries, true);
    }

    /** Build axis, {@value #DEFAULT_MAX_POINTS} points per line, the whole history, titled. */
    public static ChartSettings defaults() {
        return new ChartSettings(XAxis.BUILD, DEFAULT_MAX_POINTS, 0, DEFAULT_MAX_MARKS, true);
    }

    /** As {@link #defaults()} with {@value #JOB_PAGE_MAX_POINTS} points per line: every chart of a job on one page. */
    public static ChartSettings jobPage() {
        return defaults().withMaxPointsPerSeries(JOB_PAGE_MAX_POINTS);
    }

    public ChartSettings withXAxis(XAxis axis) {
        return new ChartSettings(axis, maxPointsPerSeries, maxBuilds, maxMarksPerSeries, titled);
    }

    public ChartSettings withMaxPointsPerSeries(int maxPoints) {
        return new ChartSettings(xAxis, maxPoints, maxBuilds, maxMarksPerSeries, titled);
    }

    public ChartSettings withMaxBuilds(int builds) {
        return new ChartSettings(xAxis, maxPointsPerSeries, builds, maxMarksPerSeries, titled);
    }

    public ChartSettings withMaxMarksPerSeries(int marks) {
        return new ChartSettings(xAxis, maxPointsPerSeries, maxBuilds, marks, titled);
    }

    public ChartSettings withTitle(boolean title) {
        return new ChartSettings(xAxis, maxPointsPerSeries, maxBuilds, maxMarksPerSeries, title);
    }
}
