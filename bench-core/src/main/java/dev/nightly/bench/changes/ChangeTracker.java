package dev.nightly.bench.changes;

import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.SeriesInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Change points of a store's series with what was decided about them: the API of the CLI's
 * {@code bench changes} and {@code bench ack}, of the {@code change} check, and of a Changes page.
 *
 * <pre>{@code
 * ChangeTracker tracker = ChangeTracker.withDefaults();
 * List<TrackedChange> open = tracker.list(snapshot).stream().filter(c -> c.status().isOpen()).toList();
 * tracker.acknowledge(snapshot, "mail_query/queryTime{rows=5000}", 12, AckStatus.EXPECTED, "new index", "anna", Instant.now());
 * }</pre>
 */
public final class ChangeTracker {
    private final ChangeDetector detector;
    private final Directions directions;

    public ChangeTracker(ChangeSettings settings, Directions directions) {
        this.detector = new ChangeDetector(settings);
        this.directions = Objects.requireNonNull(directions, "directions");
    }

    /** Default settings, directions from the units. */
    public static ChangeTracker withDefaults() {
        return new ChangeTracker(ChangeSettings.defaults(), Directions.FROM_UNIT);
    }

    public ChangeDetector detector() {
        return detector;
    }

    /** Every change point of every series with its status, series by series, oldest first. Reads each series whole. */
    public List<TrackedChange> list(HistorySnapshot snapshot) {
        Acknowledgements acks = Acknowledgements.read(snapshot.directory());
        List<TrackedChange> all = new ArrayList<>();
        for (SeriesInfo info : snapshot.series()) {
            all.addAll(track(changePoints(snapshot.read(info.key())), acks));
        }
        return all;
    }

    /** The change points of one series with their status. */
    public List<TrackedChange> list(HistorySnapshot snapshot, Series series) {
        return track(changePoints(series), Acknowledgements.read(snapshot.directory()));
    }

    /** The change points of a series as far as its points go. */
    public List<ChangePoint> changePoints(Series series) {
        return detector.detect(series, direction(series.key(), series.unit())).changePoints();
    }

    private Direction direction(dev.nightly.bench.model.SeriesKey key, String unit) {
        return directions.of(key, unit);
    }

    static List<TrackedChange> track(List<ChangePoint> points, Acknowledgements acks) {
        List<TrackedChange> tracked = new ArrayList<>(points.size());
        for (ChangePoint point : points) {
            tracked.add(TrackedChange.of(point, acks));
        }
        return tracked;
    }

    /**
     * Records a decision about the change point of {@code seriesId} at {@code build} (or within
     * {@link Acknowledgements#BUILD_SLACK} builds of it; the change point's own build is recorded).
     *
     * @throws BadInputException when the store has no such series or the series no change point there
     */
    public Acknowledgement acknowledge(HistorySnapshot snapshot, String seriesId, long build, AckStatus status, String note,
                                      String user, Instant time) {
        SeriesInfo info = snapshot.series().stream().filter(s -> s.key().id().equals(seriesId)).findFirst()
                .orElseThrow(() -> new BadInputException("series " + seriesId + " is not in " + snapshot.directory()));
        List<ChangePoint> points = changePoints(snapshot.read(info.key()));
        ChangePoint nearest = null;
        for (ChangePoint point : points) {
            long distance = Math.abs(point.build() - build);
            if (distance <= Acknowledgements.BUILD_SLACK && (nearest == null || distance < Math.abs(nearest.build() - build))) {
                nearest = point;
            }
        }
        if (nearest == null) {
            throw new BadInputException("series " + seriesId + " has no change point at build " + build
                    + (points.isEmpty() ? " (it has none)" : "; its change points are at builds "
                    + points.stream().map(p -> Long.toString(p.build())).collect(Collectors.joining(", "))));
        }
        Acknowledgement ack = new Acknowledgement(seriesId, nearest.build(), status, note, user, time);
        Acknowledgements.append(snapshot.directory(), ack);
        return ack;
    }

    /**
     * A checking session over one snapshot: reads the acknowledgements once and keeps each series' search
     * state in the store's cache, so that checking the newest build searches only each series' open window.
     * Close it to save the cache.
     */
    public Session session(HistorySnapshot snapshot) {
        return new Session(snapshot);
    }

    /**
     * The change points of a series as known on the night of one build and on the two nights before, the
     * first with the points up to the checked one, each next one with one point less (fewer points than
     * that give an empty list): what a check needs to tell a change point confirmed tonight from one it
     * reported before. The two earlier lists are empty when tonight has no open regression.
     */
    public record Nights(List<TrackedChange> tonight, List<TrackedChange> lastNight, List<TrackedChange> nightBefore) {
    }

    public final class Session implements AutoCloseable {
        private final HistorySnapshot snapshot;
        private final Acknowledgements acks;
        private final ChangeCache cache;

        private Session(HistorySnapshot snapshot) {
            this.snapshot = snapshot;
            this.acks = Acknowledgements.read(snapshot.directory());
            this.cache = ChangeCache.open(snapshot.directory(), detector.settings());
        }

        public Acknowledgements acknowledgements() {
            return acks;
        }

        /**
         * The change points of the series up to its point of {@code build} (the newest such point), and up to
         * the point before. For the newest build of a series only its open window is read and searched.
         */
        public Optional<Nights> nights(SeriesInfo info, long build) {
            Direction direction = direction(info.key(), info.unit());
            Optional<ChangeCache.Entry> cached = cache.get(info.key(), info.unit(), direction);
            // Windows searched before on the same points are reused whichever night is asked about.
            OpenWindows remembered = cached.map(ChangeCache.Entry::remembered).orElseGet(OpenWindows::empty);
            if (info.lastBuild() == build && cached.isPresent()) {
                Optional<Nights> quick = fromCache(info, direction, cached.get().state(), remembered);
                if (quick.isPresent()) {
                    return quick;
                }
            }
            Series whole = snapshot.read(info.key());
            List<Point> points = whole.points();
            int index = -1;
            for (int i = points.size() - 1; i >= 0; i--) {
                if (points.get(i).build() == build) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                return Optional.empty();
            }
            Series upTo = new Series(whole.key(), whole.unit(), points.subList(0, index + 1));
            ChangeState first = detector.advance(ChangeState.EMPTY,
                    new Series(whole.key(), whole.unit(), points.subList(0, Math.max(0, index - 1))), 0, direction, remembered);
            Nights nights = threeNights(first, upTo, 0, direction, remembered);
            if (index == points.size() - 1) {
                cache.put(info.key(), direction, first, remembered);
            }
            return Optional.of(nights);
        }

        private Optional<Nights> fromCache(SeriesInfo info, Direction direction, ChangeState state, OpenWindows remembered) {
            // The state is of the night before last: two nights must follow it.
            Optional<ChangeCache.Tail> cachedTail = state.size() > info.count() - 2
                    ? Optional.empty()
                    : ChangeCache.tail(snapshot, info, state);
            if (cachedTail.isEmpty()) {
                return Optional.empty();
            }
            Series tail = cachedTail.get().points();
            int offset = cachedTail.get().offset();
            try {
                int count = tail.points().size();
                ChangeState first = detector.advance(state, new Series(tail.key(), tail.unit(), tail.points().subList(0, count - 2)),
                        offset, direction, remembered);
                Nights nights = threeNights(first, tail, offset, direction, remembered);
                cache.put(info.key(), direction, first, remembered);
                return Optional.of(nights);
            } catch (IllegalArgumentException rewritten) {
                return Optional.empty();
            }
        }

        /**
         * Carries the state of the night before last ({@code first}) on to last night and tonight. The two
         * earlier nights' change points are searched for only when tonight has an open regression: only then
         * does a check ask whether it is new. Windows searched before on the very same points are not searched
         * again ({@code remembered}, from the cache), so a night checked after the one before searches its
         * open window once (and, on the night a window fills, that window once).
         */
        private Nights threeNights(ChangeState first, Series tail, int offset, Direction direction, OpenWindows remembered) {
            int count = tail.points().size();
            if (offset + count < 2) {
                SeriesChanges tonight = detector.resume(ChangeState.EMPTY, tail, offset, direction, remembered);
                return new Nights(track(tonight.changePoints(), acks), List.of(), List.of());
            }
            Series lastTail = new Series(tail.key(), tail.unit(), tail.points().subList(0, count - 1));
            ChangeState last = detector.advance(first, lastTail, offset, direction, remembered);
            List<TrackedChange> tonight = track(detector.resume(last, tail, offset, direction, remembered).changePoints(), acks);
            if (tonight.stream().noneMatch(TrackedChange::isOpenRegression)) {
                return new Nights(tonight, List.of(), List.of());
            }
            Series firstTail = new Series(tail.key(), tail.unit(), tail.points().subList(0, count - 2));
            return new Nights(tonight, track(detector.resume(first, lastTail, offset, direction, remembered).changePoints(), acks),
                    track(detector.resume(first, firstTail, offset, direction, remembered).changePoints(), acks));
        }

        @Override
        public void close() {
            cache.save();
        }
    }
}
