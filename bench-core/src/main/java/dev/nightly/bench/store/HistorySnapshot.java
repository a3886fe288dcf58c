package dev.nightly.bench.store;

import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.model.SeriesColumns;
import dev.nightly.bench.model.SeriesKey;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A consistent view of a store as one manifest names it. Listing series costs nothing beyond the
 * manifest; reading a series reads that series' file only. Writers only ever append beyond the committed
 * lengths this view knows, so it stays valid while they work.
 */
public final class HistorySnapshot {
    private final Path dir;
    private final Manifest manifest;

    HistorySnapshot(Path dir, Manifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /** The store's directory: side files of other layers (acknowledgements, caches) live next to the manifest. */
    public Path directory() {
        return dir;
    }

    /**
     * This view with dataset information completed by {@code more} (definitions given at check time): their
     * names and bounds win over the stored ones.
     */
    public HistorySnapshot withDatasets(Map<String, DatasetInfo> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, DatasetInfo> datasets = new java.util.TreeMap<>(manifest.datasets());
        more.forEach((id, info) -> datasets.merge(id, info, DatasetInfo::mergedWith));
        return new HistorySnapshot(dir, new Manifest(manifest.generation(), datasets, manifest.series(), manifest.indexes()));
    }

    /** Every series, sorted by dataset, measure and parameters. */
    public List<SeriesInfo> series() {
        return manifest.series().values().stream().map(Manifest.SeriesEntry::info)
                .sorted(Comparator.comparing(SeriesInfo::key)).toList();
    }

    /** The series of one dataset, sorted. */
    public List<SeriesInfo> series(String dataset) {
        return series().stream().filter(s -> s.key().dataset().equals(dataset)).toList();
    }

    public Optional<SeriesInfo> info(SeriesKey key) {
        return Optional.ofNullable(manifest.series().get(key)).map(Manifest.SeriesEntry::info);
    }

    /** Information on every dataset that has series or a definition, by id. */
    public Map<String, DatasetInfo> datasets() {
        return manifest.datasets();
    }

    public DatasetInfo dataset(String id) {
        return manifest.datasets().getOrDefault(id, DatasetInfo.of(id));
    }

    /**
     * The newest time of each series' points, by {@link SeriesKey#id()}: values after it are new to the store
     * (for {@code BenchmarkResults.newerThan}, which leaves out of a recording what the store holds). A
     * series whose newest point lies after {@code notAfter} (a clock that was wrong once) is left out, so
     * that its values are all offered and the store's fingerprints tell old from new, instead of its later
     * nights being taken for old ones.
     */
    public Map<String, LocalDateTime> lastTimes(LocalDateTime notAfter) {
        Map<String, LocalDateTime> last = new java.util.HashMap<>();
        for (Manifest.SeriesEntry entry : manifest.series().values()) {
            if (!entry.info().lastTime().isAfter(notAfter)) {
                last.put(entry.info().key().id(), entry.info().lastTime());
            }
        }
        return last;
    }

    /** The highest build that added a point, or 0 for an empty store. */
    public long latestBuild() {
        return manifest.series().values().stream().mapToLong(e -> e.info().lastBuild()).max().orElse(0);
    }

    public boolean isEmpty() {
        return manifest.series().isEmpty();
    }

    /** The points of one series in time order; an unknown series has none. */
    public Series read(SeriesKey key) {
        Manifest.SeriesEntry entry = manifest.series().get(key);
        if (entry == null) {
            return new Series(key, "", List.of());
        }
        try {
            return new Series(key, entry.info().unit(), readPoints(dir, entry));
        }
        catch (MissingFile gone) {
            // A build deletion rewrote the series after this snapshot was taken: read the newer state.
            Manifest.SeriesEntry newer = Manifest.read(dir.resolve(Manifest.FILE_NAME)).series().get(key);
            if (newer == null) {
                return new Series(key, entry.info().unit(), List.of());
            }
            if (newer.file().equals(entry.file())) {
                throw gone;
            }
            return new Series(key, newer.info().unit(), readPoints(dir, newer));
        }
    }

    /**
     * At least the newest {@code count} points of a series (all of them when it has fewer), in time order.
     * A series whose file is in time order is read from its end only, so that checking the newest build
     * costs the same whatever the length of the history.
     */
    public Series readRecent(SeriesKey key, int count) {
        Manifest.SeriesEntry entry = manifest.series().get(key);
        if (entry != null && entry.chronological()) {
            try {
                return new Series(key, entry.info().unit(), readTail(dir, entry, count));
            }
            catch (MissingFile gone) {
                // rewritten since this snapshot: the whole read below finds the newer state
            }
        }
        Series whole = read(key);
        List<Point> points = whole.points();
        return new Series(key, whole.unit(), points.subList(Math.max(0, points.size() - count), points.size()));
    }

    /**
     * The points of a series that belong to its own newest {@code builds} builds, in time order: what a
     * chart of the newest builds needs of it (the job's newest builds that this series has are among its
     * own newest). A chronological file holds its builds in ascending order, so it is read from its end,
     * further back only while the newest builds are not all in; any other is read whole.
     */
    public Series readNewestBuilds(SeriesKey key, int builds) {
        if (builds <= 0) {
            throw new IllegalArgumentException("builds must be positive, got " + builds);
        }
        Manifest.SeriesEntry entry = manifest.series().get(key);
        if (entry != null && entry.chronological()) {
            try {
                for (int count = builds; ; count *= 4) {
                    List<Point> tail = readTail(dir, entry, count);
                    // More builds than wanted in the tail: the newest ones are wholly in it.
                    if (tail.size() >= entry.info().count() || distinctBuilds(tail) > builds) {
                        return new Series(key, entry.info().unit(), newestBuilds(tail, builds));
                    }
                }
            }
            catch (MissingFile gone) {
                // rewritten since this snapshot: the whole read below finds the newer state
            }
        }
        Series whole = read(key);
        return new Series(key, whole.unit(), newestBuilds(whole.points(), builds));
    }

    private static int distinctBuilds(List<Point> points) {
        return (int) points.stream().mapToLong(Point::build).distinct().count();
    }

    /** The points of the newest {@code builds} distinct builds among {@code points}, in their order. */
    private static List<Point> newestBuilds(List<Point> points, int builds) {
        long[] distinct = points.stream().mapToLong(Point::build).distinct().sorted().toArray();
        if (distinct.length <= builds) {
            return points;
        }
        long first = distinct[distinct.length - builds];
        return points.stream().filter(point -> point.build() >= first).toList();
    }

    /** Reads lines from the end of a chronological series file until {@code count} whole lines are in. */
    static List<Point> readTail(Path dir, Manifest.SeriesEntry entry, int count) {
        Path file = dir.resolve(entry.file());
        long window = Math.min(entry.length(), 96L * count + 128);
        while (true) {
            long from = entry.length() - window;
            byte[] bytes = readCommitted(file, entry, from);
            // Unless the read starts at the file's start, its first line is cut: begin after it.
            int start = from == 0 ? 0 : PointCodec.indexOf(bytes, PointCodec.LF, 0, bytes.length) + 1;
            List<Point> points = new ArrayList<>();
            int end;
            while (start < bytes.length && (end = PointCodec.indexOf(bytes, PointCodec.LF, start, bytes.length)) >= 0) {
                try {
                    points.add(PointCodec.parse(bytes, start, end));
                }
                catch (IllegalArgumentException e) {
                    throw damaged(file, "near its end (" + (from + start) + " bytes in): " + e.getMessage());
                }
                start = end + 1;
            }
            if (start < bytes.length) {
                throw damaged(file, "last line is not terminated");
            }
            if (points.size() >= count || from == 0) {
                return points.subList(Math.max(0, points.size() - count), points.size());
            }
            window = Math.min(entry.length(), window * 4);
        }
    }

    /** The committed bytes of a series file from {@code from} on. */
    private static byte[] readCommitted(Path file, Manifest.SeriesEntry entry, long from) {
        try {
            return StoreFiles.readCommitted(file, entry.length(), from);
        }
        catch (NoSuchFileException e) {
            throw new MissingFile(damaged(file, "is missing").getMessage());
        }
        catch (IOException e) {
            throw damaged(file, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * The builds and values of one series in time order, each whole point made only when asked for: what a
     * chart reads. A chronological file is scanned without making points; any other is read whole.
     */
    public SeriesColumns readColumns(SeriesKey key) {
        Manifest.SeriesEntry entry = manifest.series().get(key);
        if (entry != null && entry.chronological()) {
            try {
                return readColumns(dir, entry);
            }
            catch (MissingFile gone) {
                // rewritten since this snapshot: the whole read below finds the newer state
            }
        }
        return SeriesColumns.of(read(key));
    }

    /** Every series of a dataset as columns (see {@link #readColumns(SeriesKey)}). */
    public List<SeriesColumns> readDatasetColumns(String dataset) {
        return series(dataset).stream().map(info -> readColumns(info.key())).toList();
    }

    static SeriesColumns readColumns(Path dir, Manifest.SeriesEntry entry) {
        Path file = dir.resolve(entry.file());
        byte[] bytes = readCommitted(file, entry, 0);
        int expected = Math.max(entry.info().count(), 0);
        long[] builds = new long[expected];
        double[] values = new double[expected];
        int[] starts = new int[expected + 1];
        int count = 0;
        int start = 0;
        while (start < bytes.length) {
            if (count == expected) {
                throw damaged(file, "holds " + (count + lines(bytes, start)) + " points where the manifest records " + expected);
            }
            starts[count] = start;
            int end = PointCodec.scanBuildAndValue(bytes, start, builds, values, count);
            if (end < 0) {
                // Not the usual form: parse it whole, which reports what is wrong with it.
                end = PointCodec.indexOf(bytes, PointCodec.LF, start, bytes.length);
                if (end < 0) {
                    throw damaged(file, "line " + (count + 1) + " is not terminated");
                }
                Point point = parseLine(file, bytes, start, end, count + 1);
                builds[count] = point.build();
                values[count] = point.value();
            }
            count++;
            start = end + 1;
        }
        if (count != expected) {
            throw damaged(file, "holds " + count + " points where the manifest records " + expected);
        }
        starts[count] = bytes.length;
        return new SeriesColumns(entry.info().key(), entry.info().unit(), builds, values, count,
                i -> parseLine(file, bytes, starts[i], starts[i + 1] - 1, i + 1));
    }

    private static Point parseLine(Path file, byte[] bytes, int from, int to, int lineNumber) {
        try {
            return PointCodec.parse(bytes, from, to);
        }
        catch (IllegalArgumentException e) {
            throw damaged(file, "line " + lineNumber + ": " + e.getMessage());
        }
    }

    /** The lines from {@code from} on, a last unterminated one included. */
    private static int lines(byte[] bytes, int from) {
        int lines = 0;
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == PointCodec.LF || i == bytes.length - 1) {
                lines++;
            }
        }
        return lines;
    }

    /**
     * The lines of a series file as text, for a reader that copies fields instead of making points; empty
     * for an unknown series or a file rewritten since this view was taken (then {@link #read} finds the newer
     * state). Lines the cursor does not take are for {@link #read}, see {@link LineCursor}.
     */
    public Optional<LineCursor> readLines(SeriesKey key) {
        return readLines(key, null);
    }

    /** As {@link #readLines(SeriesKey)}, reading into the array of {@code previous} (lines read before, done with) where it fits. */
    public Optional<LineCursor> readLines(SeriesKey key, LineCursor previous) {
        Manifest.SeriesEntry entry = manifest.series().get(key);
        if (entry == null) {
            return Optional.empty();
        }
        Path file = dir.resolve(entry.file());
        try {
            byte[] bytes = StoreFiles.readCommitted(file, entry.length(), previous == null ? null : previous.bytes());
            return Optional.of(new LineCursor(bytes, Math.toIntExact(entry.length()), entry.info().count()));
        }
        catch (NoSuchFileException gone) {
            return Optional.empty();
        }
        catch (IOException e) {
            throw damaged(file, "cannot be read: " + e.getMessage());
        }
    }

    /** Every series of a dataset with its points. */
    public List<Series> readDataset(String dataset) {
        return series(dataset).stream().map(info -> read(info.key())).toList();
    }

    static List<Point> readPoints(Path dir, Manifest.SeriesEntry entry) {
        Path file = dir.resolve(entry.file());
        byte[] bytes = readCommitted(file, entry, 0);
        List<Point> points = new ArrayList<>(Math.max(entry.info().count(), 0));
        int start = 0;
        int lineNumber = 0;
        Point previous = null;
        boolean sorted = true;
        while (start < bytes.length) {
            int end = PointCodec.indexOf(bytes, PointCodec.LF, start, bytes.length);
            lineNumber++;
            if (end < 0) {
                throw damaged(file, "line " + lineNumber + " is not terminated");
            }
            try {
                Point point = PointCodec.parse(bytes, start, end);
                sorted = sorted && (previous == null || Point.CHRONOLOGICAL.compare(previous, point) <= 0);
                previous = point;
                points.add(point);
            }
            catch (IllegalArgumentException e) {
                throw damaged(file, "line " + lineNumber + ": " + e.getMessage());
            }
            start = end + 1;
        }
        if (points.size() != entry.info().count()) {
            throw damaged(file, "holds " + points.size() + " points where the manifest records " + entry.info().count());
        }
        // Ingests append in time order; a late row breaks that, and sorting an almost sorted list is cheap.
        if (!sorted) {
            points.sort(Point.CHRONOLOGICAL);
        }
        return points;
    }

    static StoreDamagedException damaged(Path file, String what) {
        return new StoreDamagedException("history store damaged: " + file + " " + what);
    }

    /** A series file that is not there: damage, or a rewrite (build deletion) newer than this snapshot. */
    private static final class MissingFile extends StoreDamagedException {
        private static final long serialVersionUID = 1L;

        MissingFile(String message) {
            super(message);
        }
    }
}
