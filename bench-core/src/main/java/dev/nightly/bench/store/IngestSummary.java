package dev.nightly.bench.store;

/**
 * What an ingest did.
 *
 * @param build       the build that ingested
 * @param newPoints   points stored for the first time (they belong to this build)
 * @param knownPoints points that were already stored and were recognised, so not stored again
 * @param newSeries   series that did not exist before
 * @param series      series that received new points
 * @param warnings    what was stored but deserves a look (a build that already held values, an older build)
 */
public record IngestSummary(long build, int newPoints, int knownPoints, int newSeries, int series, java.util.List<String> warnings)
        implements java.io.Serializable {
    private static final long serialVersionUID = 2L;

    public IngestSummary {
        warnings = java.util.List.copyOf(warnings);
    }

    public IngestSummary(long build, int newPoints, int knownPoints, int newSeries, int series) {
        this(build, newPoints, knownPoints, newSeries, series, java.util.List.of());
    }

    @Override
    public String toString() {
        return "build " + build + ": " + newPoints + " new points in " + series + " series (" + newSeries + " new series), "
                + knownPoints + " already stored";
    }
}
