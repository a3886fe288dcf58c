package dev.nightly.bench.store;

import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.SeriesKey;
import java.util.List;

/**
 * What an ingest would store ({@link HistoryStore#preview}), for {@code bench ingest --dry-run}.
 *
 * @param summary the counts an ingest would report
 * @param series  the series that would get new points, in the order of the results
 */
public record IngestPreview(IngestSummary summary, List<SeriesPreview> series) {
    public IngestPreview {
        series = List.copyOf(series);
    }

    /**
     * One series that would get new points.
     *
     * @param key       the series
     * @param unit      its unit (the stored one where the results give none)
     * @param points    the new points
     * @param newSeries whether the store does not hold the series yet
     */
    public record SeriesPreview(SeriesKey key, String unit, List<Point> points, boolean newSeries) {
        public SeriesPreview {
            points = List.copyOf(points);
        }
    }
}
