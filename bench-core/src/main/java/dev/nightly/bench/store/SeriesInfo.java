package dev.nightly.bench.store;

import dev.nightly.bench.model.SeriesKey;
import java.time.LocalDateTime;

/**
 * What the store knows about a series without reading its points.
 *
 * @param key        the series
 * @param unit       its unit (the latest one ingested), possibly empty
 * @param count      how many points it has
 * @param firstBuild the lowest build that added a point
 * @param lastBuild  the highest build that added a point
 * @param lastTime   the time of its newest point
 */
public record SeriesInfo(SeriesKey key, String unit, int count, long firstBuild, long lastBuild, LocalDateTime lastTime) {
    public boolean mayHaveBuild(long build) {
        return build >= firstBuild && build <= lastBuild;
    }
}
