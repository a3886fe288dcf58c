package dev.nightly.bench.chart;

/** What a trend chart's horizontal axis counts. */
public enum XAxis {
    /** Build numbers: evenly spaced nights, the usual view of a CI job. */
    BUILD,
    /** Measurement time: shows gaps when nights were skipped. */
    TIME
}
