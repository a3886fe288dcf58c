package dev.nightly.bench.store;

/**
 * What an ingest did.
 *
 * @param build       the build that ingested
 * @param newPoints   points stored for the first time (they belong to this build)
 * @param knownPoints points that were already stored and were recognised, so not stored again
 * @param newSeries   series that did not exist before
 * @param series      series that received new points
 */
public record IngestSummary(long build, int newPoints, int knownPoints, int newSeries, int series)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
        return "build " + build + ": " + newPoints + " new points in " + series + " series (" + newSeries + " new series), "
                + knownPoints + " already stored";
    }
}
