package dev.nightly.bench.store;

import dev.nightly.bench.model.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How strict an ingest is about what it is asked to store, checked before anything is written.
 *
 * <ul>
 *   <li>A build that already holds values, or one older than the newest build of the store, is stored
 *   with a warning, never merged in silence (a CI that reuses build numbers after a reset, or a job that
 *   records twice); with {@code strict} it is refused.</li>
 *   <li>More than {@code maxNewSeries} new series from one ingest is refused: that is a results file with
 *   a run id or a timestamp in its names, which would fill the store with one-point series.</li>
 * </ul>
 *
 * @param strict       refuse instead of warning
 * @param maxNewSeries the most new series one ingest may create
 * @param source       what is ingested, for messages ("results/a.json" or "2 files")
 */
public record IngestPolicy(boolean strict, int maxNewSeries, String source) {
    public static final int DEFAULT_MAX_NEW_SERIES = 10_000;

    public IngestPolicy {
        if (maxNewSeries < 0) {
            throw new BadInputException("--max-new-series: expected 0 or more, got " + maxNewSeries);
        }
    }

    public static IngestPolicy defaults() {
        return new IngestPolicy(false, DEFAULT_MAX_NEW_SERIES, "the results");
    }

    /** Refuses or returns the warnings for storing new points of {@code series} under {@code build}. */
    List<String> check(long build, Manifest manifest, Set<dev.nightly.bench.model.SeriesKey> series) {
        long created = series.stream().filter(key -> !manifest.series().containsKey(key)).count();
        if (created > maxNewSeries) {
            throw new BadInputException(source + ": would create " + created + " new series, more than "
                    + maxNewSeries + " (a run id or time in the names?); --max-new-series N allows more; nothing was stored");
        }
        long newest = Long.MIN_VALUE;
        for (Manifest.SeriesEntry entry : manifest.series().values()) {
            newest = Math.max(newest, entry.info().lastBuild());
        }
        List<String> warnings = new ArrayList<>();
        if (newest != Long.MIN_VALUE && build <= newest) {
            String what = build == newest
                    ? "build " + build + " already holds values; the new ones are added to them"
                    : "build " + build + " is older than the newest build in the store, " + newest
                            + "; its values are stored among later builds";
            if (strict) {
                throw new BadInputException(source + ": " + what.replaceFirst("; .*", "") + "; refused (--strict), nothing was stored");
            }
            warnings.add(what);
        }
        return warnings;
    }
}
