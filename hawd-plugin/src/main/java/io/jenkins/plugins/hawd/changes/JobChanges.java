package io.jenkins.plugins.hawd.changes;

import dev.nightly.bench.changes.ChangeListing;
import dev.nightly.bench.changes.ChangePoint;
import dev.nightly.bench.changes.ChangeSettings;
import dev.nightly.bench.changes.ChangeTracker;
import dev.nightly.bench.changes.Directions;
import dev.nightly.bench.changes.TrackedChange;
import dev.nightly.bench.chart.ChangeMarks;
import dev.nightly.bench.check.CheckSettings;
import dev.nightly.bench.model.SeriesKey;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.SeriesInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The change points of a job's history for its pages and charts. Only reads: the engine's
 * {@link ChangeListing} starts each series from the change point cache that the recordings' checks keep and
 * never writes it. What it finds is remembered per series as the store's manifest describes it (point count,
 * first and last build, newest time), so that a page view searches again only the series that changed since;
 * their status always comes from the acknowledgements as they are now.
 */
public final class JobChanges {
    static final ChangeSettings SETTINGS = ChangeSettings.defaults();
    /**
     * As {@code nightly bench changes} without {@code --checks}: the unit tells which way a series gets better.
     * A Pipeline's check rules live in its Jenkinsfile, out of a page's reach.
     */
    static final Directions DIRECTIONS = CheckSettings.defaults().directions();
    private static final int REMEMBERED_SERIES = 4096;
    private static final Map<Found, List<ChangePoint>> FOUND = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Found, List<ChangePoint>> eldest) {
            return size() > REMEMBERED_SERIES;
        }
    };

    private final HistorySnapshot snapshot;
    private final ChangeListing listing;

    private JobChanges(HistorySnapshot snapshot) {
        this.snapshot = snapshot;
        this.listing = ChangeListing.of(snapshot, SETTINGS, DIRECTIONS);
    }

    /**
     * Reads the acknowledgements and the change point cache of a job's history.
     *
     * @throws dev.nightly.bench.model.BadInputException when the acknowledgements file is damaged
     */
    public static JobChanges of(HistorySnapshot snapshot) {
        return new JobChanges(snapshot);
    }

    /** The tracker that acknowledges with the same settings and directions as this listing. */
    static ChangeTracker tracker() {
        return new ChangeTracker(SETTINGS, DIRECTIONS);
    }

    /** Every change point with its status, series by series. */
    public List<TrackedChange> all() {
        List<TrackedChange> all = new ArrayList<>();
        for (SeriesInfo info : snapshot.series()) {
            all.addAll(listing.track(changePoints(info)));
        }
        return all;
    }

    /** The change points of one series with their status. */
    public List<TrackedChange> of(SeriesKey key) {
        return snapshot.info(key).map(info -> listing.track(changePoints(info))).orElse(List.of());
    }

    /** The marks of the trend charts, as the report draws them; each series is searched when its line is drawn. */
    public ChangeMarks marks() {
        return key -> ChangeMarks.of(of(key)).of(key);
    }

    private List<ChangePoint> changePoints(SeriesInfo info) {
        Found found = new Found(snapshot.directory(), info);
        List<ChangePoint> known;
        synchronized (FOUND) {
            known = FOUND.get(found);
        }
        if (known != null) {
            return known;
        }
        // Searched outside the lock: one slow series does not hold up the pages of other jobs.
        List<ChangePoint> points = List.copyOf(listing.changePoints(info));
        synchronized (FOUND) {
            FOUND.put(found, points);
        }
        return points;
    }

    /** A series of one store as the manifest describes it: new points or a deleted build make another one. */
    private record Found(Path store, SeriesInfo info) {
    }
}
