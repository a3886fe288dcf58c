package dev.nightly.bench.changes;

import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.SeriesKey;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.SeriesInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The change points of a store's series with their status, for pages that anyone may cause: it only reads.
 * {@link ChangeTracker#list(HistorySnapshot)} gives the same change points but searches every series whole;
 * this one starts from where the recordings' checks left each series' search in the store's change point
 * cache (read, never written), so that a series costs reading its open window from the end of its file and
 * one search of that window, however long its history. A series the cache does not know, or no longer fits
 * (other settings or direction, a rewritten series), is read and searched whole. The acknowledgements are
 * read once, when the listing is made, the cache once, at the first search. Not for several threads at once.
 *
 * <pre>{@code
 * ChangeListing changes = ChangeListing.of(snapshot, ChangeSettings.defaults(), Directions.FROM_UNIT);
 * List<TrackedChange> all = changes.all();
 * }</pre>
 */
public final class ChangeListing {
    private final HistorySnapshot snapshot;
    private final ChangeDetector detector;
    private final Directions directions;
    private final ChangeSettings settings;
    private final Acknowledgements acks;
    private ChangeCache cache;

    private ChangeListing(HistorySnapshot snapshot, ChangeSettings settings, Directions directions) {
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.detector = new ChangeDetector(settings);
        this.directions = Objects.requireNonNull(directions, "directions");
        this.settings = settings;
        this.acks = Acknowledgements.read(snapshot.directory());
    }

    /**
     * Reads the store's acknowledgements and change point cache.
     *
     * @throws dev.nightly.bench.model.BadInputException when the acknowledgements file is damaged (the message
     *                                                   names its line)
     */
    public static ChangeListing of(HistorySnapshot snapshot, ChangeSettings settings, Directions directions) {
        return new ChangeListing(snapshot, settings, directions);
    }

    public Acknowledgements acknowledgements() {
        return acks;
    }

    /** Every change point of every series with its status, series by series, each series' oldest first. */
    public List<TrackedChange> all() {
        List<TrackedChange> all = new ArrayList<>();
        for (SeriesInfo info : snapshot.series()) {
            all.addAll(of(info));
        }
        return all;
    }

    /** The change points of one series with their status; none for a series the store does not have. */
    public List<TrackedChange> of(SeriesKey key) {
        return snapshot.info(key).map(this::of).orElse(List.of());
    }

    /** The change points of one series with their status. */
    public List<TrackedChange> of(SeriesInfo info) {
        return track(changePoints(info));
    }

    /** Change points found before (kept by a caller that knows the series did not change) with their status now. */
    public List<TrackedChange> track(List<ChangePoint> points) {
        return ChangeTracker.track(points, acks);
    }

    /** The change points of one series as far as its points go (what {@link ChangeTracker#changePoints} finds). */
    public List<ChangePoint> changePoints(SeriesInfo info) {
        Direction direction = directions.of(info.key(), info.unit());
        return fromCache(info, direction)
                .orElseGet(() -> detector.detect(snapshot.read(info.key()), direction).changePoints());
    }

    private Optional<List<ChangePoint>> fromCache(SeriesInfo info, Direction direction) {
        if (cache == null) {
            // Read when first needed: a caller that remembers what it found may need no search at all.
            cache = ChangeCache.open(snapshot.directory(), settings);
        }
        Optional<ChangeCache.Entry> cached = cache.get(info.key(), info.unit(), direction);
        Optional<ChangeCache.Tail> tail = cached.flatMap(entry -> ChangeCache.tail(snapshot, info, entry.state()));
        if (tail.isEmpty()) {
            return Optional.empty();
        }
        try {
            // A window the check searched on these very points is taken from the cache, not searched again.
            return Optional.of(detector.resume(cached.get().state(), tail.get().points(), tail.get().offset(), direction,
                    cached.get().remembered()).changePoints());
        } catch (IllegalArgumentException rewritten) {
            // The series is not the one the cache searched (a build was deleted, the store rebuilt).
            return Optional.empty();
        }
    }
}
