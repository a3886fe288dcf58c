package dev.nightly.bench.store;

import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.SeriesKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Mends a damaged store from what its series files still hold: every series is cut at its last whole line,
 * lines that do not parse are left out, the fingerprint indexes, checksums and the manifest are made anew
 * (series keys come from the manifest, or from the checksum files' headers when the manifest is lost).
 * Files it cannot use are moved into {@code damaged/} inside the store, copies of files it mended are put
 * there too, with {@code REPORT.txt} saying what and why; a later repair that puts files aside replaces the
 * folder, so that it holds one copy at most. New files are written under a new generation and the manifest
 * is replaced last, so an interrupted repair leaves a store that the next repair mends.
 */
public final class StoreRepair {
    private static final Pattern GENERATION = Pattern.compile("\\.g([0-9]+)\\.[a-z]+$");
    static final String REPORT_FILE = "REPORT.txt";

    private final Path dir;
    private final List<String> actions = new ArrayList<>();
    /** Relative names of files to move (or copy) aside, with why, in the order found. */
    private final Map<String, String> moveAside = new LinkedHashMap<>();
    private final Map<String, String> copyAside = new LinkedHashMap<>();
    /** Relative names of every regular data or checksum file in series/ and index/. */
    private final Map<String, BasicFileAttributes> present = new TreeMap<>();
    private final Set<String> kept = new HashSet<>();
    /** Datasets that lost points to damage: their indexes must forget those points, so that they can come back. */
    private final Set<String> lostPoints = new HashSet<>();
    private long generation;

    private StoreRepair(Path dir) {
        this.dir = dir;
    }

    /** Repairs the store in {@code dir} under its writer's lock. */
    public static RepairReport repair(Path dir) {
        try {
            BasicFileAttributes attributes = StoreFiles.attributes(dir);
            if (attributes == null || !attributes.isDirectory()) {
                throw new BadInputException(dir + ": no such history store");
            }
            // Checked before the lock file is made: a directory that is no store is left exactly as it is.
            if (StoreFiles.attributes(dir.resolve(Manifest.FILE_NAME)) == null && !StoreFiles.isRealDirectory(dir.resolve(StoreFiles.SERIES_DIR))) {
                throw new BadInputException(dir + ": not a history store (no " + Manifest.FILE_NAME + " and no "
                        + StoreFiles.SERIES_DIR + "/ folder); nothing was changed");
            }
            try (StoreLock lock = StoreLock.acquire(dir)) {
                return new StoreRepair(dir).run();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("history store " + dir + ": " + e.getMessage(), e);
        }
    }

    private RepairReport run() throws IOException {
        Manifest old = readManifest();
        listFiles();
        generation = Math.max(old == null ? 0 : old.generation(), highestGeneration()) + 1;

        Map<SeriesKey, Manifest.SeriesEntry> series = new HashMap<>();
        Map<String, List<Point>> pointsByDataset = new TreeMap<>();
        Map<String, Map<SeriesKey, List<Point>>> byDatasetAndKey = new TreeMap<>();
        for (Candidate candidate : candidates(old)) {
            List<Point> points = new ArrayList<>();
            Manifest.SeriesEntry entry = repairSeries(candidate, points);
            if (entry != null) {
                series.put(candidate.key(), entry);
                pointsByDataset.computeIfAbsent(candidate.key().dataset(), d -> new ArrayList<>()).addAll(points);
                byDatasetAndKey.computeIfAbsent(candidate.key().dataset(), d -> new HashMap<>()).put(candidate.key(), points);
            }
        }
        Map<String, Manifest.IndexEntry> indexes = new HashMap<>();
        for (Map.Entry<String, Map<SeriesKey, List<Point>>> dataset : byDatasetAndKey.entrySet()) {
            Manifest.IndexEntry oldIndex = old == null ? null : old.indexes().get(dataset.getKey());
            indexes.put(dataset.getKey(), repairIndex(dataset.getKey(), oldIndex, dataset.getValue()));
        }
        if (old != null) {
            old.indexes().keySet().stream().filter(d -> !indexes.containsKey(d)).sorted().forEach(d -> actions.add(
                    "index of dataset " + d + ": dropped, no series of the dataset is left"));
        }
        Map<String, DatasetInfo> datasets = new TreeMap<>(old == null ? Map.of() : old.datasets());
        pointsByDataset.keySet().forEach(d -> datasets.computeIfAbsent(d, DatasetInfo::of));

        Path damaged = putAside();
        Manifest repaired = new Manifest(generation, datasets, series, indexes);
        // Compared at the old generation: a sound store is left exactly as it was.
        boolean changed = old == null
                || !Arrays.equals(old.toJson(), new Manifest(old.generation(), datasets, series, indexes).toJson());
        if (changed) {
            if (actions.isEmpty()) {
                actions.add(Manifest.FILE_NAME + ": series information corrected from the series files");
            }
            StoreFiles.replaceAtomically(dir.resolve(Manifest.FILE_NAME), repaired.toJson());
            if (old == null) {
                actions.add(Manifest.FILE_NAME + ": made anew from the series files (" + series.size() + " series)");
            }
        }
        removeUnused();
        return new RepairReport(actions, damaged);
    }

    /** The manifest, or null when it is missing or unreadable (then it is put aside). */
    private Manifest readManifest() throws IOException {
        Path file = dir.resolve(Manifest.FILE_NAME);
        BasicFileAttributes attributes = StoreFiles.attributes(file);
        if (attributes == null) {
            actions.add(Manifest.FILE_NAME + ": missing; series keys are taken from the checksum files");
            return null;
        }
        try {
            return Manifest.read(file);
        }
        catch (BadInputException e) {
            moveAside.put(Manifest.FILE_NAME, e.getMessage());
            actions.add(Manifest.FILE_NAME + ": unreadable (" + e.getMessage() + "); series keys are taken from the checksum files");
            return null;
        }
    }

    /** Lists the store: what is not the store's goes aside, temporary manifests go. */
    private void listFiles() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path path : entries.sorted().toList()) {
                String name = path.getFileName().toString();
                BasicFileAttributes attributes = StoreFiles.attributes(path);
                if (attributes == null || name.equals(Manifest.FILE_NAME) || name.equals(StoreFiles.LOCK_FILE)) {
                    continue;
                }
                if (name.startsWith(StoreFiles.TEMP_PREFIX)) {
                    Files.delete(path);
                }
                else if (name.equals(StoreFiles.DAMAGED_DIR) && attributes.isDirectory()) {
                    continue;
                }
                else if (HistoryStore.isSideFile(name) && attributes.isRegularFile()) {
                    // The change point decisions cannot be made again from anything: a repair keeps them.
                    continue;
                }
                else if ((name.equals(StoreFiles.SERIES_DIR) || name.equals(StoreFiles.INDEX_DIR)) && attributes.isDirectory()) {
                    listData(name);
                }
                else {
                    moveAside.put(name, attributes.isDirectory() || attributes.isRegularFile()
                            ? "not a file the history store writes" : StoreFiles.kind(attributes) + ", not a file the history store writes");
                }
            }
        }
    }

    private void listData(String sub) throws IOException {
        try (Stream<Path> entries = Files.list(dir.resolve(sub))) {
            for (Path path : entries.sorted().toList()) {
                String name = path.getFileName().toString();
                String relative = sub + "/" + name;
                BasicFileAttributes attributes = StoreFiles.attributes(path);
                if (attributes == null) {
                    continue;
                }
                if (!StoreFiles.isOwnFileName(sub, name)) {
                    moveAside.put(relative, "not a file the history store writes");
                }
                else if (!attributes.isRegularFile()) {
                    moveAside.put(relative, StoreFiles.kind(attributes) + ", not a regular file");
                }
                else {
                    present.put(relative, attributes);
                }
            }
        }
    }

    private long highestGeneration() {
        long highest = 0;
        for (String name : present.keySet()) {
            Matcher matcher = GENERATION.matcher(name);
            if (matcher.find()) {
                highest = Math.max(highest, Long.parseLong(matcher.group(1)));
            }
        }
        return highest;
    }

    /** A series to mend: its key and unit, its file, and what the manifest committed (-1: no manifest). */
    private record Candidate(SeriesKey key, String unit, String file, long length, long sums, int count) {
    }

    private List<Candidate> candidates(Manifest old) throws IOException {
        List<Candidate> candidates = new ArrayList<>();
        if (old != null) {
            old.series().values().stream().sorted(Comparator.comparing(Manifest.SeriesEntry::file)).forEach(entry ->
                    candidates.add(new Candidate(entry.info().key(), entry.info().unit(), entry.file(), entry.length(), entry.sums(),
                            entry.info().count())));
            return candidates;
        }
        // No manifest: each checksum file's header names its series; of several files of one series the
        // newest generation wins.
        Map<SeriesKey, Candidate> byKey = new HashMap<>();
        for (String name : present.keySet()) {
            if (!name.startsWith(StoreFiles.SERIES_DIR + "/") || !name.endsWith(".tsv")) {
                continue;
            }
            String sums = Checksums.sumsFile(name);
            Checksums.Header header = present.containsKey(sums)
                    ? Checksums.header(dir.resolve(sums), readAll(dir.resolve(sums), -1)) : null;
            if (header == null || header.key() == null) {
                moveAside.put(name, "no manifest and no checksum header: which series it holds is unknown");
                continue;
            }
            Candidate candidate = new Candidate(header.key(), header.unit(), name, -1, -1, -1);
            Candidate other = byKey.get(header.key());
            if (other != null && generationOf(other.file()) > generationOf(name)) {
                moveAside.put(name, "an older copy of " + header.key().id());
                continue;
            }
            if (other != null) {
                moveAside.put(other.file(), "an older copy of " + header.key().id());
            }
            byKey.put(header.key(), candidate);
        }
        candidates.addAll(byKey.values());
        candidates.sort(Comparator.comparing(Candidate::file));
        return candidates;
    }

    private static long generationOf(String name) {
        Matcher matcher = GENERATION.matcher(name);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    /** Mends one series; collects its points and returns its entry, or null when nothing of it is left. */
    private Manifest.SeriesEntry repairSeries(Candidate candidate, List<Point> points) throws IOException {
        String name = candidate.file();
        String what = candidate.key().id();
        if (!present.containsKey(name)) {
            if (!moveAside.containsKey(name)) {
                actions.add(name + ": missing; series " + what + " is lost" + lost(candidate.count()));
            }
            else {
                actions.add(name + ": " + moveAside.get(name) + "; series " + what + " is dropped" + lost(candidate.count()));
            }
            return null;
        }
        long size = present.get(name).size();
        byte[] bytes = readAll(dir.resolve(name), candidate.length() < 0 ? size : Math.min(size, candidate.length()));
        List<String> damage = new ArrayList<>();
        if (candidate.length() > size) {
            damage.add("was shorter (" + size + " bytes) than its committed " + candidate.length() + " bytes");
        }
        SeriesScan scan = SeriesScan.of(bytes);
        for (SeriesScan.BadLine bad : scan.badLines()) {
            damage.add("line " + bad.line() + " left out: " + bad.why());
        }
        if (scan.wholeEnd() < bytes.length) {
            damage.add("cut at its last whole line (line " + (scan.lineEnds().length + 1) + " was not whole)");
        }
        String sumsName = Checksums.sumsFile(name);
        SumsState sums = checkSums(candidate, bytes, scan, sumsName);
        damage.addAll(sums.mismatches());
        points.addAll(scan.points());
        if (points.isEmpty()) {
            if (bytes.length > 0) {
                moveAside.put(name, "no readable line" + (damage.isEmpty() ? "" : ": " + String.join("; ", damage)));
            }
            actions.add(name + ": no readable line; series " + what + " is dropped" + lost(candidate.count()));
            return null;
        }
        boolean intact = damage.isEmpty() && sums.whole() && bytes.length == candidate.length() && points.size() == candidate.count();
        SeriesInfo info = info(candidate.key(), candidate.unit(), points);
        boolean chronological = scan.chronological();
        if (intact) {
            kept.add(name);
            kept.add(sumsName);
            return new Manifest.SeriesEntry(info, name, candidate.length(), chronological, candidate.sums());
        }
        if (!damage.isEmpty()) {
            copyAside.put(name, String.join("; ", damage));
        }
        if (candidate.length() > size || !scan.badLines().isEmpty() || scan.wholeEnd() < bytes.length) {
            lostPoints.add(candidate.key().dataset());
        }
        byte[] content = wholeLines(bytes, scan);
        String file = StoreFiles.seriesFile(candidate.key().dataset(), what, generation);
        StoreFiles.appendAt(dir.resolve(file), 0, content);
        byte[] sumsBytes = sumsFor(candidate.key().dataset(), candidate.key(), info.unit(), content, points.size());
        StoreFiles.appendAt(dir.resolve(Checksums.sumsFile(file)), 0, sumsBytes);
        kept.add(file);
        kept.add(Checksums.sumsFile(file));
        for (String line : damage) {
            actions.add(name + ": " + line);
        }
        if (candidate.count() >= 0 && candidate.count() != points.size()) {
            actions.add(name + ": holds " + points.size() + " points, the manifest recorded " + candidate.count());
        }
        actions.add(name + ": rewritten as " + file + " with checksums (" + points.size() + " points)");
        return new Manifest.SeriesEntry(info, file, content.length, chronological, sumsBytes.length);
    }

    private static String lost(int count) {
        return count > 0 ? " (" + count + " points)" : "";
    }

    /** Whether a series' checksums cover it whole and match, and which ranges do not. */
    private record SumsState(boolean whole, List<String> mismatches) {
    }

    private SumsState checkSums(Candidate candidate, byte[] bytes, SeriesScan scan, String sumsName) {
        if (candidate.sums() <= 0 && candidate.length() >= 0 || !present.containsKey(sumsName)) {
            return new SumsState(false, List.of());
        }
        try {
            Path file = dir.resolve(sumsName);
            byte[] sums = readAll(file, candidate.sums() < 0 ? present.get(sumsName).size() : candidate.sums());
            List<Checksums.Range> ranges = Checksums.ranges(file, sums);
            List<String> mismatches = new ArrayList<>();
            long expected = 0;
            for (Checksums.Range range : ranges) {
                if (range.start() != expected || range.end() > bytes.length) {
                    // Without a manifest, the checksum file may run past the series (an interrupted ingest).
                    return new SumsState(false, mismatches);
                }
                int first = scan.lineAt(range.start());
                int last = scan.lineAt(range.end() - 1);
                boolean reported = scan.badLines().stream().anyMatch(bad -> bad.line() >= first && bad.line() <= last);
                if (Checksums.crc(bytes, (int) range.start(), (int) (range.end() - range.start())) != range.crc() && !reported) {
                    mismatches.add("lines " + first + "-" + last + " did not match their checksum (changed after they were "
                            + "written); kept as they are");
                }
                expected = range.end();
            }
            return new SumsState(expected == bytes.length && !ranges.isEmpty(), mismatches);
        }
        catch (IOException | BadInputException e) {
            return new SumsState(false, List.of());
        }
    }

    /** The whole lines that parse, byte for byte as they were. */
    private static byte[] wholeLines(byte[] bytes, SeriesScan scan) {
        Set<Integer> bad = new HashSet<>();
        scan.badLines().forEach(line -> bad.add(line.line()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(scan.wholeEnd());
        long start = 0;
        for (int i = 0; i < scan.lineEnds().length; i++) {
            long end = scan.lineEnds()[i];
            if (!bad.contains(i + 1)) {
                out.write(bytes, (int) start, (int) (end - start));
            }
            start = end;
        }
        return out.toByteArray();
    }

    private static byte[] sumsFor(String dataset, SeriesKey key, String unit, byte[] content, long count) {
        byte[] header = Checksums.header(dataset, key, unit);
        byte[] range = new Checksums.Range(0, content.length, count, Checksums.crc(content, 0, content.length)).line();
        byte[] both = Arrays.copyOf(header, header.length + range.length);
        System.arraycopy(range, 0, both, header.length, range.length);
        return both;
    }

    private static SeriesInfo info(SeriesKey key, String unit, List<Point> points) {
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
        return new SeriesInfo(key, unit == null ? "" : unit, points.size(), first, last, lastTime);
    }

    /**
     * A dataset's index: kept when it is sound and holds every stored point; otherwise made anew from the
     * points, together with what a sound old index held (fingerprints of deleted builds).
     */
    private Manifest.IndexEntry repairIndex(String dataset, Manifest.IndexEntry old, Map<SeriesKey, List<Point>> series) throws IOException {
        // The index made anew is of the second kind (with values); an old one is checked in its own kind.
        Set<Long> fingerprints = new HashSet<>();
        Set<Long> keyOnly = new HashSet<>();
        LocalDateTime lastTime = LocalDateTime.MIN;
        for (Map.Entry<SeriesKey, List<Point>> entry : series.entrySet()) {
            long seriesPart = Fingerprints.seriesPart(entry.getKey());
            for (Point point : entry.getValue()) {
                long unfinished = Fingerprints.unfinished(seriesPart, point.time().toString(), point.commit());
                fingerprints.add(Fingerprints.withValue(unfinished, point.value()));
                keyOnly.add(Fingerprints.keyOnly(unfinished));
                if (point.time().isAfter(lastTime)) {
                    lastTime = point.time();
                }
            }
        }
        String why = old == null ? "missing from the manifest" : null;
        if (old != null && lostPoints.contains(dataset)) {
            // Its series lost points whose fingerprints cannot be told from the others': the index is made from
            // the points left, so that the next full history brings the lost ones back.
            why = "was dropped because series of the dataset lost points (fingerprints of deleted builds are lost too)";
        }
        else if (old != null) {
            try {
                if (!present.containsKey(old.file())) {
                    throw new StoreDamagedException(old.file() + " is missing");
                }
                long[] stored = HistoryStore.readFingerprints(dir, old);
                Set<Long> distinct = new HashSet<>();
                for (long fingerprint : stored) {
                    if (!distinct.add(fingerprint)) {
                        throw new StoreDamagedException("it holds fingerprints more than once");
                    }
                }
                boolean firstKind = old.kind() == Manifest.IndexEntry.KEY_ONLY;
                Set<Long> needed = firstKind ? keyOnly : fingerprints;
                if (distinct.containsAll(needed) && old.sums() > 0) {
                    kept.add(old.file());
                    kept.add(old.sumsFile());
                    return new Manifest.IndexEntry(dataset, old.file(), old.length(), old.lastTime().isAfter(lastTime)
                            ? old.lastTime() : lastTime, old.sums(), old.kind());
                }
                why = distinct.containsAll(needed) ? "had no checksums" : "lacked stored points";
                // What the old index held beyond the stored points: fingerprints of deleted builds, kept so that
                // their rows do not come back (of the first kind in an old index, as an ingest's conversion keeps them).
                if (firstKind) {
                    distinct.removeAll(keyOnly);
                }
                fingerprints.addAll(distinct);
                if (old.lastTime().isAfter(lastTime)) {
                    lastTime = old.lastTime();
                }
            }
            catch (IOException | BadInputException e) {
                why = "was damaged (" + e.getMessage() + "); fingerprints of deleted builds it held are lost";
            }
        }
        long[] sorted = fingerprints.stream().mapToLong(Long::longValue).sorted().toArray();
        ByteBuffer buffer = ByteBuffer.allocate(sorted.length * Long.BYTES);
        for (long fingerprint : sorted) {
            buffer.putLong(fingerprint);
        }
        byte[] content = buffer.array();
        String file = StoreFiles.indexFile(dataset, generation);
        StoreFiles.appendAt(dir.resolve(file), 0, content);
        byte[] sums = sumsFor(dataset, null, "", content, sorted.length);
        StoreFiles.appendAt(dir.resolve(Checksums.sumsFile(file)), 0, sums);
        kept.add(file);
        kept.add(Checksums.sumsFile(file));
        actions.add("index of dataset " + dataset + ": made anew as " + file + " (" + sorted.length + " fingerprints); the old one " + why);
        return new Manifest.IndexEntry(dataset, file, content.length, lastTime, sums.length, Manifest.IndexEntry.WITH_VALUE);
    }

    /** Moves and copies the files put aside into a fresh damaged/ folder, with the report. */
    private Path putAside() throws IOException {
        if (moveAside.isEmpty() && copyAside.isEmpty()) {
            return null;
        }
        Path damaged = dir.resolve(StoreFiles.DAMAGED_DIR);
        deleteTree(damaged);
        Files.createDirectory(damaged);
        StringBuilder report = new StringBuilder("Files put aside by nightly bench repair at " + LocalDateTime.now().withNano(0)
                + " from " + dir + "\n");
        for (Map.Entry<String, String> entry : moveAside.entrySet()) {
            Path target = damaged.resolve(entry.getKey());
            Files.createDirectories(target.getParent());
            Files.move(dir.resolve(entry.getKey()), target);
            report.append(entry.getKey()).append(": moved: ").append(entry.getValue()).append('\n');
            actions.add(entry.getKey() + ": moved to " + StoreFiles.DAMAGED_DIR + "/: " + entry.getValue());
        }
        for (Map.Entry<String, String> entry : copyAside.entrySet()) {
            Path target = damaged.resolve(entry.getKey());
            Files.createDirectories(target.getParent());
            Files.copy(dir.resolve(entry.getKey()), target, LinkOption.NOFOLLOW_LINKS);
            report.append(entry.getKey()).append(": copied before mending: ").append(entry.getValue()).append('\n');
        }
        Files.writeString(damaged.resolve(REPORT_FILE), report, StandardCharsets.UTF_8);
        return damaged;
    }

    /** Deletes a folder and what is in it; links in it are removed, never followed. */
    private static void deleteTree(Path root) throws IOException {
        BasicFileAttributes attributes = StoreFiles.attributes(root);
        if (attributes == null) {
            return;
        }
        if (!attributes.isDirectory()) {
            Files.delete(root);
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Removes the data files the repaired manifest does not name (older generations, leftovers). */
    private void removeUnused() throws IOException {
        for (String name : present.keySet()) {
            if (!kept.contains(name) && !moveAside.containsKey(name)) {
                Files.deleteIfExists(dir.resolve(name));
            }
        }
        Files.createDirectories(dir.resolve(StoreFiles.SERIES_DIR));
        Files.createDirectories(dir.resolve(StoreFiles.INDEX_DIR));
        StoreFiles.syncDirectory(dir.resolve(StoreFiles.SERIES_DIR));
        StoreFiles.syncDirectory(dir.resolve(StoreFiles.INDEX_DIR));
    }

    /** The first {@code length} bytes of a regular file ({@code -1}: all of it). */
    private static byte[] readAll(Path file, long length) throws IOException {
        try (FileChannel channel = StoreFiles.openRegular(file, StandardOpenOption.READ)) {
            return StoreFiles.read(channel, 0, length < 0 ? channel.size() : Math.min(length, channel.size()));
        }
    }
}
