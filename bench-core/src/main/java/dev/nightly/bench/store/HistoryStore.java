package dev.nightly.bench.store;

import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Observations;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.SeriesKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The history of every series of a job, in one directory.
 *
 * <ul>
 *   <li>{@code nightly-history.json}: the manifest (series, committed file lengths, dataset information);</li>
 *   <li>{@code series/*.tsv}: one append-only file of points per series;</li>
 *   <li>{@code index/*.idx}: per dataset, fingerprints of every point ever stored;</li>
 *   <li>{@code *.sum} beside each of them: the checksum of every append ({@link Checksums}).</li>
 * </ul>
 *
 * <p>An ingest appends to the files of the series that got new points and then replaces the manifest
 * atomically, so its cost follows the new data, and a crash at any moment leaves the old or the new
 * state: bytes beyond the committed lengths are ignored by readers and cut off by the next writer.
 * Writers take a lock that works across processes and threads; readers need none. A writer checks the
 * ends of the files it extends before it writes and refuses a damaged store ({@link StoreDamagedException});
 * {@link StoreVerifier} checks a whole store, {@link StoreRepair} mends it.
 */
public final class HistoryStore {
    /**
     * The manifest, the one file a commit replaces (atomically, under a new inode): a reader that keeps a
     * snapshot may tell from this file's attributes whether the store changed since.
     */
    public static final String MANIFEST_FILE = Manifest.FILE_NAME;
    /** The decisions about change points, one JSON line each, appended only (see {@code changes.Acknowledgements}). */
    public static final String ACKNOWLEDGEMENTS_FILE = "acks.jsonl";
    /** Where each series' change point search stopped; a cache (its temporary files start with this name too). */
    public static final String CHANGE_CACHE_FILE = "change-points-cache.json";
    private final Path dir;
    private final Clock clock;

    /** The times a series file can hold: four-digit years. */
    private static final long FIRST_STORABLE_SECOND = LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long LAST_STORABLE_SECOND = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);

    private HistoryStore(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /** Opens the store in {@code dir}, creating it when the directory is missing or empty. */
    public static HistoryStore open(Path dir) {
        return open(dir, Clock.systemDefaultZone());
    }

    /** Opens a store that must exist already: readers (export, checks, reports) never create one. */
    public static HistoryStore openExisting(Path dir) {
        requirePath(dir);
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": no such history store");
        }
        if (!Files.exists(dir.resolve(Manifest.FILE_NAME))) {
            throw new BadInputException(dir + ": not a history store (no " + Manifest.FILE_NAME + "); ingest results first");
        }
        return new HistoryStore(dir, Clock.systemDefaultZone());
    }

    /** An empty path would mean the current directory: never taken for a store by accident. */
    private static void requirePath(Path dir) {
        if (dir.toString().isBlank()) {
            throw new BadInputException("the history store path is empty; give a directory");
        }
    }

    /** As {@link #open(Path)}, with the clock that dates results that carry no time of their own. */
    public static HistoryStore open(Path dir, Clock clock) {
        requirePath(dir);
        HistoryStore store = new HistoryStore(dir, clock);
        try {
            store.initialize();
        }
        catch (IOException e) {
            throw new BadInputException(dir + ": cannot create or open the history store: " + e.getMessage(), e);
        }
        return store;
    }

    public Path directory() {
        return dir;
    }

    private void initialize() throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": is a file, not a history store directory");
        }
        // Refused before anything is created in it: no lock file in "/" or in somebody's folder.
        refuseForeignDirectory();
        Files.createDirectories(dir);
        if (Files.exists(dir.resolve(Manifest.FILE_NAME))) {
            return;
        }
        try (StoreLock lock = StoreLock.acquire(dir)) {
            if (Files.exists(dir.resolve(Manifest.FILE_NAME))) {
                return;
            }
            refuseForeignDirectory();
            StorePause.at(StorePause.INITIALIZE);
            // The manifest comes first: a process killed right after it leaves a valid empty store, and the
            // data directories are made by the first writer.
            StoreFiles.replaceAtomically(dir.resolve(Manifest.FILE_NAME), Manifest.empty().toJson());
        }
    }

    /** A directory that holds other things than a store (or what its creation leaves) is not made one. */
    private void refuseForeignDirectory() throws IOException {
        refuseForeignDirectory(dir);
    }

    private static void refuseForeignDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir) || Files.exists(dir.resolve(Manifest.FILE_NAME))) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            // Names first: the lock file is never opened but by the lock.
            List<String> others = entries
                    .filter(p -> !p.getFileName().toString().equals(StoreFiles.LOCK_FILE)
                            && !p.getFileName().toString().startsWith(StoreFiles.TEMP_PREFIX))
                    .filter(p -> !isEmptyDirectory(p)).map(p -> p.getFileName().toString())
                    .sorted().toList();
            if (!others.isEmpty()) {
                throw new BadInputException(dir + ": not a history store (no " + Manifest.FILE_NAME
                        + ") and not empty (holds " + others.get(0) + (others.size() > 1 ? " and more" : "")
                        + "); give an empty or new directory");
            }
        }
    }

    private static boolean isEmptyDirectory(Path path) {
        try {
            if (!StoreFiles.isRealDirectory(path)) {
                return false;
            }
        }
        catch (IOException e) {
            return false;
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        }
        catch (IOException notADirectory) {
            return false;
        }
    }

    /** The store as it is now; cheap (reads the manifest only). */
    public HistorySnapshot snapshot() {
        return new HistorySnapshot(dir, readManifest());
    }

    private Manifest readManifest() {
        return Manifest.read(dir.resolve(Manifest.FILE_NAME));
    }

    /**
     * Stores the observations of one build. Points stored before (the same series, time, commit and value)
     * are recognised and skipped, so feeding the whole {@code hawd json} history every night stores each row
     * once, in the build that first saw it; another value under the same series, time and commit is stored.
     *
     * @param build         the build number the new points belong to
     * @param results       what the results files said
     * @param defaultCommit the commit for observations that have none ("" when unknown)
     * @param defaultTime   the time for observations that have none; {@code null} for the clock's now
     */
    public IngestSummary ingest(long build, BenchmarkResults results, String defaultCommit, LocalDateTime defaultTime) {
        return ingest(build, results, defaultCommit, defaultTime, IngestPolicy.defaults());
    }

    /** As {@link #ingest(long, BenchmarkResults, String, LocalDateTime)}, with how strict to be. */
    public IngestSummary ingest(long build, BenchmarkResults results, String defaultCommit, LocalDateTime defaultTime,
                                IngestPolicy policy) {
        if (build < 0) {
            throw new BadInputException("build number must not be negative, got " + build);
        }
        LocalDateTime fallbackTime = PointCodec.normalize(defaultTime == null ? LocalDateTime.now(clock) : defaultTime);
        String fallbackCommit = defaultCommit == null ? "" : defaultCommit.strip();
        try (StoreLock lock = StoreLock.acquire(dir)) {
            Manifest manifest = readManifest();
            recover(manifest);
            Ingest ingest = new Ingest(manifest, build, policy);
            try {
                return ingest.run(results, fallbackCommit, fallbackTime);
            }
            finally {
                ingest.closeFiles();
            }
        }
        catch (StoreDamagedException e) {
            throw withRepairHint(e);
        }
        catch (IOException e) {
            throw new UncheckedIOException("history store " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Damage found before anything was written, with the command that mends it. */
    private StoreDamagedException withRepairHint(StoreDamagedException e) {
        return new StoreDamagedException(e.getMessage() + "; nothing was written. Repair the store with: nightly bench repair --history " + dir);
    }

    /**
     * What ingesting {@code results} as {@code build} would store, without writing anything: no directory,
     * lock or file is created or changed, so a missing store stays missing. Reads the committed state as a
     * reader does.
     */
    public static IngestPreview preview(Path dir, long build, BenchmarkResults results, String defaultCommit,
            LocalDateTime defaultTime) {
        if (build < 0) {
            throw new BadInputException("build number must not be negative, got " + build);
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": is a file, not a history store directory");
        }
        boolean isStore = Files.exists(dir.resolve(Manifest.FILE_NAME));
        try {
            if (!isStore && Files.isDirectory(dir)) {
                // What the ingest would refuse, the dry run refuses too.
                refuseForeignDirectory(dir);
            }
        }
        catch (IOException e) {
            throw new BadInputException(dir + ": cannot read the history store: " + e.getMessage(), e);
        }
        Manifest manifest = isStore ? Manifest.read(dir.resolve(Manifest.FILE_NAME)) : Manifest.empty();
        LocalDateTime fallbackTime = PointCodec.normalize(defaultTime == null ? LocalDateTime.now() : defaultTime);
        String fallbackCommit = defaultCommit == null ? "" : defaultCommit.strip();
        HistoryStore reader = new HistoryStore(dir, Clock.systemDefaultZone());
        try {
            Ingest ingest = reader.new Ingest(manifest, build, IngestPolicy.defaults());
            Plan plan = ingest.plan(results, fallbackCommit, fallbackTime);
            List<IngestPreview.SeriesPreview> series = new ArrayList<>();
            int newSeries = 0;
            for (NewPoints points : plan.newPoints.values()) {
                boolean isNew = !manifest.series().containsKey(points.key);
                newSeries += isNew ? 1 : 0;
                Manifest.SeriesEntry old = manifest.series().get(points.key);
                String unit = points.unit;
                if (unit.isEmpty() && old != null) {
                    unit = old.info().unit();
                }
                series.add(new IngestPreview.SeriesPreview(points.key, unit, points.points(build), isNew));
            }
            return new IngestPreview(new IngestSummary(build, plan.added(), plan.known, newSeries, plan.newPoints.size()), series);
        }
        catch (IOException e) {
            throw new UncheckedIOException("history store " + dir + ": " + e.getMessage(), e);
        }
    }

    /** What an ingest found new, before anything is written. */
    private static final class Plan {
        /** Per series with new points, in the order the results first name them. */
        final Map<SeriesKey, NewPoints> newPoints = new LinkedHashMap<>();
        /** Per dataset, fingerprints (of the second kind) of the new points. */
        final Map<String, LongSet.List> newFingerprints = new HashMap<>();
        /** Per dataset whose index was of the first kind: its converted fingerprints, to be written as a new index. */
        final Map<String, long[]> converted = new HashMap<>();
        int known;

        int added() {
            return newPoints.values().stream().mapToInt(NewPoints::size).sum();
        }
    }

    /** Below this many new points an ingest formats its lines on its own thread: starting threads would cost more. */
    private static final long PARALLEL_FROM_POINTS = 50_000;

    /** The bytes one ingest appends to a series file ({@code length} of {@code bytes}) and their checksums. */
    private record Appendix(byte[] bytes, int length, List<Checksums.Range> ranges) {
        static Appendix of(NewPoints points, long build, long offset, long countAfter) {
            PointLines lines = new PointLines(points.size());
            points.writeLines(build, lines);
            return new Appendix(lines.bytes(), lines.length(),
                    Checksums.rangesOf(offset, lines.bytes(), lines.length(), 0, countAfter));
        }
    }

    private static <T> T nextOf(Ahead<T> ahead) throws IOException {
        try {
            return ahead.next();
        }
        catch (IOException | RuntimeException e) {
            throw e;
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One ingest under the lock. */
    private final class Ingest {
        private final Manifest manifest;
        private final long build;
        private final IngestPolicy policy;
        private final Map<String, long[]> loadedIndexes = new HashMap<>();
        private final Map<Path, FileChannel> channels = new HashMap<>();
        /** Files this ingest appended to, forced together before its manifest is written. */
        private final Set<Path> written = new LinkedHashSet<>();
        /** Files an ingest keeps open from their check to their append; past this, they are opened again to write. */
        private static final int MAX_OPEN_FILES = 512;
        private Plan plan;

        Ingest(Manifest manifest, long build, IngestPolicy policy) {
            this.manifest = manifest;
            this.build = build;
            this.policy = policy;
        }

        /**
         * Sorts the observations into new points and points stored before. A point is stored before when
         * its series, time, commit and value are (a row printed again); another value under the same
         * series, time and commit is a new point of its own. The index of a dataset of a store written before
         * values counted is converted first (see {@link #convert}); rows of its deleted builds are recognised
         * by series, time and commit, as then.
         */
        Plan plan(BenchmarkResults results, String fallbackCommit, LocalDateTime fallbackTime) throws IOException {
            plan = new Plan();
            Observations observations = Observations.copyOf(results.observations());
            int threads = Ahead.threadsFor(observations.size(), PARALLEL_FROM_POINTS);
            Map<SeriesKey, Integer> counts = observations.countsByKey();
            // The values are sorted on every core, each taking a stretch of the results; the stretches are joined
            // in their order, so a series has its values in the order the results give them, as on one core.
            List<PlanVisitor> visitors = new ArrayList<>();
            List<Callable<PlanVisitor>> stretches = new ArrayList<>();
            for (Observations part : observations.split(Math.max(1, threads))) {
                PlanVisitor visitor = new PlanVisitor(counts, fallbackCommit, fallbackTime);
                stretches.add(() -> {
                    part.forEachColumn(visitor);
                    return visitor;
                });
            }
            try (Ahead<PlanVisitor> ahead = new Ahead<>(stretches, threads)) {
                while (ahead.hasNext()) {
                    visitors.add(nextOf(ahead));
                }
            }
            catch (UncheckedIOException e) {
                throw e.getCause();
            }
            Map<SeriesKey, NewPoints> bySeries = new LinkedHashMap<>();
            for (PlanVisitor visitor : visitors) {
                plan.known += visitor.known;
                visitor.bySeries.forEach((key, points) -> bySeries.merge(key, points, NewPoints::append));
            }
            // Repeats within this ingest are found once a series is in time order (they share a time); series are
            // put in order on every core.
            List<Callable<Integer>> orders = new ArrayList<>(bySeries.size());
            bySeries.values().forEach(points -> orders.add(points::order));
            try (Ahead<Integer> ahead = new Ahead<>(orders, threads)) {
                while (ahead.hasNext()) {
                    plan.known += nextOf(ahead);
                }
            }
            Map<String, Integer> perDataset = new HashMap<>();
            for (NewPoints points : bySeries.values()) {
                if (points.size() > 0) {
                    plan.newPoints.put(points.key, points);
                    perDataset.merge(points.key.dataset(), points.size(), Integer::sum);
                }
            }
            for (NewPoints points : plan.newPoints.values()) {
                LongSet.List fingerprints = plan.newFingerprints.computeIfAbsent(points.key.dataset(),
                        dataset -> new LongSet.List(perDataset.get(dataset)));
                for (int i = 0; i < points.size(); i++) {
                    fingerprints.add(points.fingerprint(i));
                }
            }
            return plan;
        }

        /**
         * Sorts the values into new points and points stored before, straight from the columns of the results:
         * a backfill has two million values, and an object per value (and a time per value) was most of the cost.
         */
        private final class PlanVisitor implements Observations.ColumnVisitor {
            private final Map<SeriesKey, NewPoints> bySeries = new LinkedHashMap<>();
            /** Values stored before. */
            private int known;
            private final String fallbackCommit;
            private final LocalDateTime fallbackTime;
            /** Results read from files share one key instance per series: the look-up by equality is made once each. */
            private final Map<SeriesKey, NewPoints> byInstance = new IdentityHashMap<>();
            private SeriesKey[] keys;
            private String[] units;
            private NewPoints[] segmentSeries;
            /** The current row: its time, checked and truncated to the millisecond, and its commit. */
            private long millis;
            private LocalDateTime unstorableTime;
            private String commit;
            /** The row's time and commit as a fingerprint reads them. */
            private final Fingerprints.RowText rowText = new Fingerprints.RowText();

            /** How many values each series has: its columns are made that long at once. */
            private final Map<SeriesKey, Integer> counts;

            PlanVisitor(Map<SeriesKey, Integer> counts, String fallbackCommit, LocalDateTime fallbackTime) {
                this.counts = counts;
                this.fallbackCommit = fallbackCommit;
                this.fallbackTime = fallbackTime;
            }

            private NewPoints newPoints(SeriesKey key) {
                NewPoints points = new NewPoints(key, counts.getOrDefault(key, 8));
                Manifest.IndexEntry index = manifest.indexes().get(key.dataset());
                // Newer than everything of its dataset means not stored, without a look-up.
                points.storedUntil = index == null ? Long.MIN_VALUE
                        : index.lastTime().getYear() < 0 ? Long.MIN_VALUE
                        : index.lastTime().getYear() > 9999 ? Long.MAX_VALUE
                        : index.lastTime().toEpochSecond(ZoneOffset.UTC) * 1000 + index.lastTime().getNano() / 1_000_000;
                return points;
            }

            @Override
            public void segment(SeriesKey[] segmentKeys, String[] segmentUnits) {
                keys = segmentKeys;
                units = segmentUnits;
                segmentSeries = new NewPoints[segmentKeys.length];
            }

            @Override
            public void row(long epochSecond, int nano, String rowCommit) {
                long second = epochSecond;
                int nanos = nano;
                if (epochSecond == Observations.NO_TIME_SECOND) {
                    second = fallbackTime.toEpochSecond(ZoneOffset.UTC);
                    nanos = fallbackTime.getNano();
                }
                // Series files keep four-digit years; refused (with the first value's series) before anything is written.
                unstorableTime = second < FIRST_STORABLE_SECOND || second > LAST_STORABLE_SECOND
                        ? PointCodec.normalize(LocalDateTime.ofEpochSecond(second, nanos, ZoneOffset.UTC)) : null;
                millis = second * 1000 + nanos / 1_000_000;
                commit = rowCommit.isEmpty() ? fallbackCommit : rowCommit;
                if (unstorableTime == null) {
                    rowText.set(millis, commit);
                }
            }

            @Override
            public void value(int series, double value, double error) {
                NewPoints points = segmentSeries[series];
                if (points == null) {
                    points = byInstance.get(keys[series]);
                    if (points == null) {
                        // Bounded for results that do not share key instances.
                        if (byInstance.size() >= 100_000) {
                            byInstance.clear();
                        }
                        points = bySeries.computeIfAbsent(keys[series], this::newPoints);
                        byInstance.put(keys[series], points);
                    }
                    segmentSeries[series] = points;
                }
                if (unstorableTime != null) {
                    throw new BadInputException("cannot store " + points.key.id() + " measured at " + unstorableTime
                            + ": only years 0000 to 9999 are supported");
                }
                if (!Double.isFinite(value)) {
                    // Readers refuse these per file; results that come another way are refused here, whole.
                    throw new BadInputException("cannot store " + points.key.id() + ": value " + value + " is not a finite number");
                }
                long unfinished = Fingerprints.unfinished(points.seriesPart, rowText);
                long fingerprint = Fingerprints.withValue(unfinished, value);
                try {
                    if (millis <= points.storedUntil && isStored(points.key.dataset(), unfinished, fingerprint)) {
                        known++;
                        return;
                    }
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                points.add(millis, commit, value, error, fingerprint);
                points.unit = units[series];
            }
        }

        IngestSummary run(BenchmarkResults results, String fallbackCommit, LocalDateTime fallbackTime) throws IOException {
            plan(results, fallbackCommit, fallbackTime);
            Map<SeriesKey, NewPoints> newPoints = plan.newPoints;
            Map<String, DatasetInfo> datasets = new TreeMap<>(manifest.datasets());
            results.datasets().forEach((id, info) -> datasets.merge(id, info, DatasetInfo::mergedWith));
            for (SeriesKey key : newPoints.keySet()) {
                datasets.computeIfAbsent(key.dataset(), DatasetInfo::of);
            }
            if (newPoints.isEmpty() && plan.converted.isEmpty() && datasets.equals(manifest.datasets())) {
                return new IngestSummary(build, 0, plan.known, 0, 0);
            }
            // Everything this ingest extends is checked before the first byte is written: appending to a
            // damaged file would make the damage permanent.
            for (SeriesKey key : newPoints.keySet()) {
                Manifest.SeriesEntry old = manifest.series().get(key);
                if (old != null) {
                    checkSeriesEnd(old);
                }
            }
            for (String dataset : plan.newFingerprints.keySet()) {
                Manifest.IndexEntry old = manifest.indexes().get(dataset);
                if (old != null && !plan.converted.containsKey(dataset)) {
                    checkIndexEnd(old);
                }
            }
            List<String> warnings = newPoints.isEmpty() ? List.of() : policy.check(build, manifest, newPoints.keySet());
            Map<SeriesKey, Manifest.SeriesEntry> series = new HashMap<>(manifest.series());
            int createdSeries = 0;
            int added = 0;
            Map<String, LocalDateTime> newestByDataset = new HashMap<>();
            // The lines of a series and their checksums are made on other threads, a few series ahead of the writes.
            List<Callable<Appendix>> appendices = new ArrayList<>(newPoints.size());
            for (NewPoints points : newPoints.values()) {
                Manifest.SeriesEntry old = manifest.series().get(points.key);
                appendices.add(() -> Appendix.of(points, build, old == null ? 0 : old.length(),
                        (old == null ? 0 : old.info().count()) + points.size()));
            }
            Ahead<Appendix> ahead = new Ahead<>(appendices, Ahead.threadsFor(plan.added(), PARALLEL_FROM_POINTS));
            try (ahead) {
                for (NewPoints points : newPoints.values()) {
                    SeriesKey key = points.key;
                    Appendix appendix = nextOf(ahead);
                    Manifest.SeriesEntry old = series.get(key);
                    String file = old == null ? StoreFiles.seriesFile(key.dataset(), key.id(), 0) : old.file();
                    long offset = old == null ? 0 : old.length();
                    int length = appendix.length();
                    append(dir.resolve(file), offset, appendix.bytes(), length);
                    // The newest of the new points: in time order, so the last (what the history held before is older or
                    // is counted by the index's own last time below).
                    LocalDateTime newest = points.time(points.size() - 1);
                    SeriesInfo info = grow(old == null ? null : old.info(), key, points.unit, points.size(), build, newest);
                    newestByDataset.merge(key.dataset(), newest, (a, b) -> a.isAfter(b) ? a : b);
                    long sums = appendSums(channels, written, file, old == null ? 0 : old.sums(), key.dataset(), key, info.unit(),
                            appendix.ranges());
                    // Still in time order when everything new comes after everything stored (the nightly case).
                    boolean chronological = old == null || old.chronological()
                            && !points.time(0).isBefore(old.info().lastTime()) && build >= old.info().lastBuild();
                    series.put(key, new Manifest.SeriesEntry(info, file, offset + length, chronological, sums));
                    createdSeries += old == null ? 1 : 0;
                    added += points.size();
                }
            }
            Map<String, Manifest.IndexEntry> indexes = new HashMap<>(manifest.indexes());
            List<String> replaced = new ArrayList<>();
            Set<String> touched = new HashSet<>(plan.newFingerprints.keySet());
            touched.addAll(plan.converted.keySet());
            for (String dataset : touched) {
                LongSet.List fresh = plan.newFingerprints.getOrDefault(dataset, new LongSet.List());
                long[] converted = plan.converted.get(dataset);
                Manifest.IndexEntry old = indexes.get(dataset);
                // A new index, or one converted from the first kind, is written whole under a new name (a new
                // generation), so that the manifest switches to it at once; later nights append to it.
                boolean whole = old == null || converted != null;
                long[] before = converted == null ? new long[0] : converted;
                ByteBuffer buffer = ByteBuffer.allocate((before.length + fresh.size()) * Long.BYTES);
                for (long fingerprint : before) {
                    buffer.putLong(fingerprint);
                }
                for (int i = 0; i < fresh.size(); i++) {
                    buffer.putLong(fresh.get(i));
                }
                String file = old == null ? StoreFiles.indexFile(dataset, 0)
                        : whole ? StoreFiles.indexFile(dataset, manifest.generation() + 1) : old.file();
                long offset = whole ? 0 : old.length();
                append(dir.resolve(file), offset, buffer.array(), buffer.capacity());
                long end = offset + buffer.capacity();
                long sums = appendSums(channels, written, file, whole ? 0 : old.sums(), dataset, null, "",
                        Checksums.rangesOf(offset, buffer.array(), Long.BYTES, end / Long.BYTES));
                LocalDateTime lastTime = newestByDataset.getOrDefault(dataset, LocalDateTime.MIN);
                if (old != null && old.lastTime().isAfter(lastTime)) {
                    lastTime = old.lastTime();
                }
                if (old != null && whole && !old.file().equals(file)) {
                    replaced.add(old.file());
                    replaced.add(old.sumsFile());
                }
                indexes.put(dataset, new Manifest.IndexEntry(dataset, file, end, lastTime, sums, Manifest.IndexEntry.WITH_VALUE));
            }
            // Everything appended is on disk before the manifest that commits it.
            StoreFiles.forceAll(written, channels);
            StoreFiles.syncDirectory(dir.resolve(StoreFiles.SERIES_DIR));
            StoreFiles.syncDirectory(dir.resolve(StoreFiles.INDEX_DIR));
            writeManifest(new Manifest(manifest.generation() + 1, datasets, series, indexes));
            for (String file : replaced) {
                // A converted index's old file: the manifest no longer names it.
                Files.deleteIfExists(dir.resolve(file));
            }
            return new IngestSummary(build, added, plan.known, createdSeries, newPoints.size(), warnings);
        }

        /**
         * What an append checks of a series it extends, reading only the file's end: the last committed line is
         * whole and valid, and when the series has checksums, the last range ends where the manifest says, with
         * the count it says, and its bytes still match.
         */
        private void checkSeriesEnd(Manifest.SeriesEntry entry) throws IOException {
            Path file = dir.resolve(entry.file());
            if (entry.sums() == 0) {
                HistorySnapshot.readTail(dir, entry, 1);
                return;
            }
            // The last range is one append of whole lines ending at the committed length: its bytes hold the
            // last line, so one read checks both.
            Path sumsFile = dir.resolve(entry.sumsFile());
            byte[] bytes = checkLastRange(open(file), file, entry.length(), entry.info().count(), open(sumsFile), sumsFile, entry.sums());
            keepOpenAtMost(MAX_OPEN_FILES, file, sumsFile);
            int start = bytes.length - 1;
            while (start > 0 && bytes[start - 1] != PointCodec.LF) {
                start--;
            }
            try {
                PointCodec.parse(bytes, start, bytes.length - 1);
            }
            catch (IllegalArgumentException e) {
                throw HistorySnapshot.damaged(file, "last line: " + e.getMessage());
            }
        }

        private void checkIndexEnd(Manifest.IndexEntry entry) throws IOException {
            Path file = dir.resolve(entry.file());
            if (entry.length() % Long.BYTES != 0) {
                throw new StoreDamagedException("history store damaged: " + file + " has a committed length of " + entry.length()
                        + " bytes, not a whole number of fingerprints");
            }
            if (entry.sums() > 0) {
                Path sumsFile = dir.resolve(entry.sumsFile());
                checkLastRange(open(file), file, entry.length(), entry.count(), open(sumsFile), sumsFile, entry.sums());
            }
            else if (open(file).size() < entry.length()) {
                throw new StoreDamagedException("history store damaged: " + file + " is shorter (" + open(file).size()
                        + " bytes) than its committed " + entry.length() + " bytes");
            }
            keepOpenAtMost(MAX_OPEN_FILES, file, dir.resolve(entry.sumsFile()));
        }

        /**
         * Closes the files just checked once this ingest holds more than {@code limit} open: an ingest that
         * extends ten thousand series must not run out of file descriptors (it did, at 2 per series). Those
         * files are opened again by name to be written, with the same regular-file, no-link check.
         */
        private void keepOpenAtMost(int limit, Path... justChecked) throws IOException {
            if (channels.size() <= limit) {
                return;
            }
            for (Path file : justChecked) {
                FileChannel channel = channels.remove(file);
                if (channel != null) {
                    channel.close();
                }
            }
        }

        /**
         * Opens a file this ingest checks and then extends, once for both: what was checked is what is
         * written to, and an append costs one open per file.
         */
        private FileChannel open(Path file) throws IOException {
            FileChannel channel = channels.get(file);
            if (channel == null) {
                try {
                    channel = StoreFiles.openRegular(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                }
                catch (NoSuchFileException e) {
                    throw new StoreDamagedException("history store damaged: " + file + " is missing");
                }
                channels.put(file, channel);
            }
            return channel;
        }

        /**
         * Appends to a data file through the channel its check opened, or a new file by name; forced later,
         * with the others, before the manifest.
         */
        private void append(Path file, long offset, byte[] bytes, int length) throws IOException {
            FileChannel channel = channels.get(file);
            if (channel != null) {
                StoreFiles.writeAt(channel, offset, bytes, length);
            }
            else {
                StoreFiles.writeAt(file, offset, bytes, length);
            }
            written.add(file);
        }

        void closeFiles() throws IOException {
            IOException failure = null;
            for (FileChannel channel : channels.values()) {
                try {
                    channel.close();
                }
                catch (IOException e) {
                    failure = e;
                }
            }
            channels.clear();
            if (failure != null) {
                throw failure;
            }
        }

        /**
         * Whether a point that is not newer than everything of its dataset was stored before.
         * A fingerprint of the first kind found in an index is a point of a deleted build of a store written
         * before values counted: recognised as then, whatever its value.
         */
        private boolean isStored(String dataset, long unfinished, long fingerprint) throws IOException {
            Manifest.IndexEntry index = manifest.indexes().get(dataset);
            long[] fingerprints;
            // Plans of stretches of the results ask on several threads; an index is read once.
            synchronized (loadedIndexes) {
                fingerprints = loadedIndexes.get(dataset);
                if (fingerprints == null) {
                    fingerprints = index.kind() == Manifest.IndexEntry.KEY_ONLY ? convert(index) : readIndex(index);
                    loadedIndexes.put(dataset, fingerprints);
                }
            }
            return Arrays.binarySearch(fingerprints, fingerprint) >= 0
                    || Arrays.binarySearch(fingerprints, Fingerprints.keyOnly(unfinished)) >= 0;
        }

        /**
         * The index of a dataset of a store written before values counted, as the second kind: the points its
         * series hold with their values, and the first-kind fingerprints of points no series holds any more
         * (those of deleted builds, which must not come back). Read once; written by the ingest.
         */
        private long[] convert(Manifest.IndexEntry index) throws IOException {
            long[] keyOnly = readIndex(index);
            List<Long> stored = new ArrayList<>();
            Set<Long> storedKeys = new HashSet<>();
            for (Manifest.SeriesEntry entry : manifest.series().values()) {
                SeriesKey key = entry.info().key();
                if (!key.dataset().equals(index.dataset())) {
                    continue;
                }
                long seriesPart = Fingerprints.seriesPart(key);
                for (Point point : HistorySnapshot.readPoints(dir, entry)) {
                    long unfinished = Fingerprints.unfinished(seriesPart, point.time().toString(), point.commit());
                    stored.add(Fingerprints.withValue(unfinished, point.value()));
                    storedKeys.add(Fingerprints.keyOnly(unfinished));
                }
            }
            long[] all = new long[stored.size() + keyOnly.length];
            int n = 0;
            for (long fingerprint : stored) {
                all[n++] = fingerprint;
            }
            for (long fingerprint : keyOnly) {
                if (!storedKeys.contains(fingerprint)) {
                    all[n++] = fingerprint;
                }
            }
            long[] converted = Arrays.copyOf(all, n);
            Arrays.sort(converted);
            plan.converted.put(index.dataset(), converted);
            return converted;
        }
    }

    /** Checks the last checksum range of a file against the manifest and the file; returns the range's bytes. */
    private static byte[] checkLastRange(FileChannel data, Path file, long length, long count, FileChannel sumsChannel,
                                         Path sumsFile, long sums) throws IOException {
        Checksums.Range last = Checksums.last(sumsChannel, sumsFile, sums);
        if (last == null || last.end() != length || last.count() != count) {
            throw new StoreDamagedException("history store damaged: " + file + ": the manifest records " + count + " entries in "
                    + length + " bytes, its checksums " + (last == null ? "none" : last.count() + " entries in " + last.end() + " bytes"));
        }
        byte[] bytes = StoreFiles.readCommitted(data, file, last.end(), last.start());
        if (Checksums.crc(bytes, 0, bytes.length) != last.crc()) {
            throw new StoreDamagedException("history store damaged: " + file + ": bytes " + last.start() + " to " + last.end()
                    + " do not match their checksum (changed after they were written)");
        }
        return bytes;
    }

    /**
     * Appends the ranges of one append to a data file's checksums (starting the file, with its header, when there
     * is none) and returns the new committed length of the checksum file. {@code channels} holds files already open;
     * the file is added to {@code written}, to be forced before the manifest.
     */
    private long appendSums(Map<Path, FileChannel> channels, Set<Path> written, String dataFile, long committed, String dataset,
                            SeriesKey key, String unit, List<Checksums.Range> ranges) throws IOException {
        java.io.ByteArrayOutputStream lines = new java.io.ByteArrayOutputStream(ranges.size() * 40);
        for (Checksums.Range range : ranges) {
            lines.writeBytes(range.line());
        }
        byte[] line = lines.toByteArray();
        if (committed == 0) {
            byte[] header = Checksums.header(dataset, key, unit);
            byte[] both = Arrays.copyOf(header, header.length + line.length);
            System.arraycopy(line, 0, both, header.length, line.length);
            line = both;
        }
        Path sumsFile = dir.resolve(Checksums.sumsFile(dataFile));
        FileChannel channel = channels.get(sumsFile);
        if (channel != null) {
            StoreFiles.writeAt(channel, committed, line);
        }
        else {
            StoreFiles.writeAt(sumsFile, committed, line);
        }
        written.add(sumsFile);
        return committed + line.length;
    }

    /** A series' information from its points. */
    private static SeriesInfo infoOf(SeriesKey key, String unit, List<Point> points) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        LocalDateTime lastTime = LocalDateTime.MIN;
        for (Point point : points) {
            first = Math.min(first, point.build());
            last = Math.max(last, point.build());
            if (point.time().isAfter(lastTime)) {
                lastTime = point.time();
            }
        }
        return new SeriesInfo(key, unit, points.size(), first, last, lastTime);
    }

    /** A series' information after {@code added} points of {@code build}, the newest measured at {@code newest}. */
    private static SeriesInfo grow(SeriesInfo old, SeriesKey key, String unit, int added, long build, LocalDateTime newest) {
        int count = old == null ? 0 : old.count();
        long first = old == null ? build : Math.min(old.firstBuild(), build);
        long last = old == null ? build : Math.max(old.lastBuild(), build);
        LocalDateTime lastTime = old == null || newest.isAfter(old.lastTime()) ? newest : old.lastTime();
        // A file that states no unit does not erase the unit an earlier one gave.
        String newUnit = unit == null || unit.isEmpty() ? old == null ? "" : old.unit() : unit;
        return new SeriesInfo(key, newUnit, count + added, first, last, lastTime);
    }

    private long[] readIndex(Manifest.IndexEntry index) throws IOException {
        Path file = dir.resolve(index.file());
        try {
            long[] fingerprints = readFingerprints(dir, index);
            Arrays.sort(fingerprints);
            // Fingerprints are unique (an ingest stores a point once): equal ones mean a damaged index (zeroed
            // by a failing disk), which would make every stored point look new and store it again.
            for (int i = 1; i < fingerprints.length; i++) {
                if (fingerprints[i] == fingerprints[i - 1]) {
                    throw new StoreDamagedException("history store damaged: " + file + " holds the fingerprint "
                            + Long.toHexString(fingerprints[i]) + " more than once");
                }
            }
            return fingerprints;
        }
        catch (NoSuchFileException e) {
            throw new StoreDamagedException("history store damaged: " + file + " is missing");
        }
    }

    /** The committed fingerprints of an index, in file order, checked against its checksums when it has them. */
    static long[] readFingerprints(Path dir, Manifest.IndexEntry index) throws IOException {
        Path file = dir.resolve(index.file());
        if (index.length() % Long.BYTES != 0) {
            throw new StoreDamagedException("history store damaged: " + file + " has a committed length of " + index.length()
                    + " bytes, not a whole number of fingerprints");
        }
        byte[] bytes = StoreFiles.readCommitted(file, index.length(), 0);
        if (index.sums() > 0) {
            Path sumsFile = dir.resolve(index.sumsFile());
            for (Checksums.Range range : Checksums.ranges(sumsFile, Checksums.readCommitted(sumsFile, index.sums()))) {
                if (range.end() > bytes.length
                        || Checksums.crc(bytes, (int) range.start(), (int) (range.end() - range.start())) != range.crc()) {
                    throw new StoreDamagedException("history store damaged: " + file + ": bytes " + range.start() + " to "
                            + range.end() + " do not match their checksum (changed after they were written)");
                }
            }
        }
        long[] fingerprints = new long[index.count()];
        ByteBuffer.wrap(bytes).asLongBuffer().get(fingerprints);
        return fingerprints;
    }

    /**
     * Removes the points a build added (when Jenkins deletes the build). Their fingerprints stay, so that
     * the next full {@code hawd json} does not bring them back under another build.
     *
     * @return how many points were removed
     */
    public int removeBuild(long build) {
        return removeBuild(build, LocalDateTime.MIN);
    }

    /**
     * Removes the points of one build that were measured at or after {@code measuredFrom}, and keeps the
     * older ones it brought in: history a build imported belongs to the job, not to the build. Only the
     * series that hold such points are rewritten.
     */
    public int removeBuild(long build, LocalDateTime measuredFrom) {
        try (StoreLock lock = StoreLock.acquire(dir)) {
            Manifest manifest = readManifest();
            recover(manifest);
            long generation = manifest.generation() + 1;
            Map<SeriesKey, Manifest.SeriesEntry> series = new HashMap<>(manifest.series());
            List<String> obsolete = new ArrayList<>();
            Set<Path> written = new LinkedHashSet<>();
            int removed = 0;
            for (Manifest.SeriesEntry entry : manifest.series().values()) {
                if (!entry.info().mayHaveBuild(build)) {
                    continue;
                }
                List<Point> points = HistorySnapshot.readPoints(dir, entry);
                List<Point> kept = points.stream()
                        .filter(p -> p.build() != build || p.time().isBefore(measuredFrom))
                        .toList();
                if (kept.size() == points.size()) {
                    continue;
                }
                removed += points.size() - kept.size();
                obsolete.add(entry.file());
                SeriesKey key = entry.info().key();
                if (kept.isEmpty()) {
                    series.remove(key);
                    continue;
                }
                PointLines lines = new PointLines(kept.size());
                kept.forEach(lines::add);
                String file = StoreFiles.seriesFile(key.dataset(), key.id(), generation);
                int length = lines.length();
                StoreFiles.writeAt(dir.resolve(file), 0, lines.bytes(), length);
                written.add(dir.resolve(file));
                long sums = appendSums(Map.of(), written, file, 0, key.dataset(), key, entry.info().unit(),
                        Checksums.rangesOf(0, lines.bytes(), length, 0, kept.size()));
                // Removing points keeps a file in time order with ascending builds as it was; one that was not
                // (a late row) stays marked so, so that no reader takes its end for its newest builds.
                series.put(key, new Manifest.SeriesEntry(infoOf(key, entry.info().unit(), kept), file, length,
                        entry.chronological(), sums));
            }
            if (removed == 0) {
                return 0;
            }
            StoreFiles.forceAll(written);
            StoreFiles.syncDirectory(dir.resolve(StoreFiles.SERIES_DIR));
            writeManifest(new Manifest(generation, manifest.datasets(), series, manifest.indexes()));
            for (String file : obsolete) {
                Files.deleteIfExists(dir.resolve(file));
                Files.deleteIfExists(dir.resolve(Checksums.sumsFile(file)));
            }
            return removed;
        }
        catch (StoreDamagedException e) {
            throw withRepairHint(e);
        }
        catch (IOException e) {
            throw new UncheckedIOException("history store " + dir + ": " + e.getMessage(), e);
        }
    }

    private void writeManifest(Manifest manifest) throws IOException {
        StoreFiles.replaceAtomically(dir.resolve(Manifest.FILE_NAME), manifest.toJson());
    }

    /**
     * Checks the whole store (see {@link StoreVerifier}) and returns its problems, one line each; empty when
     * the store is sound. Files of an interrupted ingest are not problems.
     */
    public List<String> verify() {
        return StoreVerifier.verify(dir).problems().stream().map(StoreProblem::toString).toList();
    }

    /**
     * What is in the store directory, listed once: files it never writes (a sign that somebody else uses
     * the directory), temporary manifests, and its data files by relative name.
     */
    record Contents(List<String> foreign, List<Path> temporary, Map<String, Path> dataFiles) {
    }

    /**
     * Files that other layers keep next to the manifest: the decisions about change points (append-only, never
     * rebuilt from anything: keep it through any repair) and the change point search's cache (rebuildable).
     */
    static boolean isSideFile(String name) {
        return name.equals(ACKNOWLEDGEMENTS_FILE) || name.startsWith(CHANGE_CACHE_FILE);
    }

    Contents list() throws IOException {
        return list(dir);
    }

    static Contents list(Path dir) throws IOException {
        List<String> foreign = new ArrayList<>();
        List<Path> temporary = new ArrayList<>();
        Map<String, Path> dataFiles = new HashMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path path : (Iterable<Path>) entries::iterator) {
                String name = path.getFileName().toString();
                if (name.startsWith(StoreFiles.TEMP_PREFIX)) {
                    temporary.add(path);
                }
                else if (!name.equals(Manifest.FILE_NAME) && !name.equals(StoreFiles.LOCK_FILE) && !isSideFile(name)
                        && !((name.equals(StoreFiles.SERIES_DIR) || name.equals(StoreFiles.INDEX_DIR)
                        || name.equals(StoreFiles.DAMAGED_DIR)) && StoreFiles.isRealDirectory(path))) {
                    foreign.add(dir + ": foreign file " + name + " in the history store");
                }
            }
        }
        for (String sub : List.of(StoreFiles.SERIES_DIR, StoreFiles.INDEX_DIR)) {
            Path subDir = dir.resolve(sub);
            if (!StoreFiles.isRealDirectory(subDir)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(subDir)) {
                for (Path path : (Iterable<Path>) entries::iterator) {
                    String name = path.getFileName().toString();
                    if (StoreFiles.isOwnFileName(sub, name)) {
                        dataFiles.put(sub + "/" + name, path);
                    }
                    else {
                        foreign.add(dir + ": foreign file " + sub + "/" + name + " in the history store");
                    }
                }
            }
        }
        return new Contents(foreign, temporary, dataFiles);
    }

    /** Every file the manifest names (data and checksum files) with its committed length. */
    static Map<String, Long> committedLengths(Manifest manifest) {
        Map<String, Long> committed = new HashMap<>();
        for (Manifest.SeriesEntry entry : manifest.series().values()) {
            committed.put(entry.file(), entry.length());
            if (entry.sums() > 0) {
                committed.put(entry.sumsFile(), entry.sums());
            }
        }
        for (Manifest.IndexEntry entry : manifest.indexes().values()) {
            committed.put(entry.file(), entry.length());
            if (entry.sums() > 0) {
                committed.put(entry.sumsFile(), entry.sums());
            }
        }
        return committed;
    }

    /**
     * Refuses a store whose data folders are gone or not folders while the manifest names files in them
     * (made again empty, they would turn a damaged store into one that silently lost its history).
     */
    static void checkDataDirectories(Path dir, Map<String, Long> committed) throws IOException {
        for (String sub : List.of(StoreFiles.SERIES_DIR, StoreFiles.INDEX_DIR)) {
            Path subDir = dir.resolve(sub);
            BasicFileAttributes attributes = StoreFiles.attributes(subDir);
            if (attributes != null && !attributes.isDirectory()) {
                throw new StoreDamagedException("history store damaged: " + subDir + " is " + StoreFiles.kind(attributes)
                        + ", not a directory");
            }
            if (attributes == null && committed.keySet().stream().anyMatch(file -> file.startsWith(sub + "/"))) {
                throw new StoreDamagedException("history store damaged: " + subDir + " is missing");
            }
        }
    }

    /**
     * Undoes what an interrupted writer left: files the manifest does not name, temporary manifests. Refuses to go on when the store holds files it did not write.
     */
    private void recover(Manifest manifest) throws IOException {
        Contents contents = list();
        List<String> foreign = contents.foreign();
        if (!foreign.isEmpty()) {
            throw new BadInputException(foreign.get(0) + (foreign.size() > 1 ? " (and " + (foreign.size() - 1) + " more)" : "")
                    + "; move it away, the store does not write such files");
        }
        Map<String, Long> committed = committedLengths(manifest);
        checkDataDirectories(dir, committed);
        Files.createDirectories(dir.resolve(StoreFiles.SERIES_DIR));
        Files.createDirectories(dir.resolve(StoreFiles.INDEX_DIR));
        // Bytes past a committed length (what an interrupted writer left) are ignored by readers and cut by
        // the next append to the file; files the manifest does not name are removed here.
        for (Map.Entry<String, Path> file : contents.dataFiles().entrySet()) {
            if (!committed.containsKey(file.getKey())) {
                Files.delete(file.getValue());
            }
        }
        for (Path temporary : contents.temporary()) {
            Files.deleteIfExists(temporary);
        }
    }
}
