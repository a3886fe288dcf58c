package dev.nightly.bench.store;

import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.Point;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a whole store and says what is wrong with it, file by file and line by line: files missing, cut,
 * not regular files, lines that do not parse, counts that do not match the manifest, bytes that no longer
 * match their checksums, an index that lacks stored points. Reads only; needs no lock (a writer only ever
 * adds beyond the committed lengths the manifest read here names).
 */
public final class StoreVerifier {
    /** Bad lines reported per file; a file with more is damaged throughout and says how many. */
    private static final int LINES_PER_FILE = 10;

    private final Path dir;
    private final List<StoreProblem> problems = new ArrayList<>();
    private int withoutChecksums;

    private StoreVerifier(Path dir) {
        this.dir = dir;
    }

    /** Verifies the store in {@code dir}. */
    public static StoreVerification verify(Path dir) {
        return new StoreVerifier(dir).run();
    }

    private StoreVerification run() {
        Path manifestFile = dir.resolve(Manifest.FILE_NAME);
        Manifest manifest;
        try {
            BasicFileAttributes attributes = StoreFiles.attributes(dir);
            if (attributes == null || !attributes.isDirectory()) {
                throw new BadInputException(dir + ": no such history store");
            }
            if (StoreFiles.attributes(manifestFile) == null) {
                throw new BadInputException(dir + ": not a history store (no " + Manifest.FILE_NAME + ")");
            }
            manifest = Manifest.read(manifestFile);
        }
        catch (StoreDamagedException e) {
            problems.add(new StoreProblem(manifestFile.toString(), "", e.getMessage()));
            return new StoreVerification(problems, List.of());
        }
        catch (IOException e) {
            throw new BadInputException(dir + ": cannot be read: " + e.getMessage(), e);
        }
        try {
            HistoryStore.list(dir).foreign().forEach(message -> problems.add(new StoreProblem(dir.toString(), "", message)));
        }
        catch (IOException e) {
            problems.add(new StoreProblem(dir.toString(), "", "cannot be listed: " + e.getMessage()));
        }
        // Each stored point's fingerprint in both kinds: an index is checked in its own kind.
        Map<String, List<Long>> pointsByDataset = new HashMap<>();
        Map<String, List<Long>> keysByDataset = new HashMap<>();
        manifest.series().values().stream().sorted(Comparator.comparing(Manifest.SeriesEntry::file)).forEach(entry -> {
            List<Long> fingerprints = pointsByDataset.computeIfAbsent(entry.info().key().dataset(), d -> new ArrayList<>());
            List<Long> keys = keysByDataset.computeIfAbsent(entry.info().key().dataset(), d -> new ArrayList<>());
            long seriesPart = Fingerprints.seriesPart(entry.info().key());
            for (Point point : verifySeries(entry)) {
                long unfinished = Fingerprints.unfinished(seriesPart, point.time().toString(), point.commit());
                fingerprints.add(Fingerprints.withValue(unfinished, point.value()));
                keys.add(Fingerprints.keyOnly(unfinished));
            }
        });
        manifest.indexes().values().stream().sorted(Comparator.comparing(Manifest.IndexEntry::file))
                .forEach(index -> verifyIndex(index, (index.kind() == Manifest.IndexEntry.KEY_ONLY ? keysByDataset : pointsByDataset)
                        .getOrDefault(index.dataset(), List.of())));
        pointsByDataset.keySet().stream().filter(dataset -> !manifest.indexes().containsKey(dataset)).sorted()
                .forEach(dataset -> problems.add(new StoreProblem(manifestFile.toString(), "",
                        "dataset " + dataset + " has series but no fingerprint index")));
        List<String> notes = new ArrayList<>();
        int files = manifest.series().size() + manifest.indexes().size();
        if (withoutChecksums > 0) {
            notes.add(dir + ": " + withoutChecksums + " of " + files + " files have no checksums for all their bytes"
                    + " (written before checksums were kept): their lines were checked, edits to values cannot be seen");
        }
        return new StoreVerification(problems, notes);
    }

    /** Checks one series file; returns the points it could read. */
    private List<Point> verifySeries(Manifest.SeriesEntry entry) {
        Path file = dir.resolve(entry.file());
        byte[] bytes = committedBytes(file, entry.length());
        if (bytes == null) {
            return List.of();
        }
        SeriesScan scan = SeriesScan.of(bytes);
        String name = file.toString();
        for (SeriesScan.BadLine bad : scan.badLines().subList(0, Math.min(LINES_PER_FILE, scan.badLines().size()))) {
            problems.add(new StoreProblem(name, "line " + bad.line(), bad.why()));
        }
        if (scan.badLines().size() > LINES_PER_FILE) {
            problems.add(new StoreProblem(name, "", (scan.badLines().size() - LINES_PER_FILE) + " more lines do not parse"));
        }
        if (scan.wholeEnd() < bytes.length) {
            problems.add(new StoreProblem(name, "line " + (scan.lineEnds().length + 1), "is not terminated (the file is cut)"));
        }
        int lines = scan.lineEnds().length + (scan.wholeEnd() < bytes.length ? 1 : 0);
        if (lines != entry.info().count()) {
            problems.add(new StoreProblem(name, "", "holds " + lines + " points where the manifest records " + entry.info().count()));
        }
        if (entry.chronological() && scan.badLines().isEmpty() && !scan.chronological()) {
            problems.add(new StoreProblem(name, "", "is not in time order, which the manifest records it is"));
        }
        verifyRanges(file, bytes, entry.sums() == 0 ? null : dir.resolve(entry.sumsFile()), entry.sums(), entry.info().count(), scan);
        return scan.points();
    }

    private void verifyIndex(Manifest.IndexEntry index, List<Long> points) {
        Path file = dir.resolve(index.file());
        byte[] bytes = committedBytes(file, index.length());
        if (bytes == null) {
            return;
        }
        String name = file.toString();
        if (bytes.length % Long.BYTES != 0) {
            problems.add(new StoreProblem(name, "", "has a committed length of " + bytes.length + " bytes, not a whole number of fingerprints"));
            return;
        }
        verifyRanges(file, bytes, index.sums() == 0 ? null : dir.resolve(index.sumsFile()), index.sums(), index.count(), null);
        long[] fingerprints = new long[bytes.length / Long.BYTES];
        ByteBuffer.wrap(bytes).asLongBuffer().get(fingerprints);
        Arrays.sort(fingerprints);
        int repeated = 0;
        for (int i = 1; i < fingerprints.length; i++) {
            repeated += fingerprints[i] == fingerprints[i - 1] ? 1 : 0;
        }
        if (repeated > 0) {
            problems.add(new StoreProblem(name, "", repeated + " fingerprints are repeated (zeroed or overwritten)"));
        }
        long missing = points.stream().filter(fingerprint -> Arrays.binarySearch(fingerprints, fingerprint) < 0).count();
        if (missing > 0) {
            problems.add(new StoreProblem(name, "", missing + " stored points of dataset " + index.dataset()
                    + " are missing from it (an ingest would store them again)"));
        }
    }

    /** Recomputes the checksum of every committed range of a data file. */
    private void verifyRanges(Path file, byte[] bytes, Path sumsFile, long sums, long count, SeriesScan scan) {
        String name = file.toString();
        if (sumsFile == null) {
            withoutChecksums++;
            return;
        }
        List<Checksums.Range> ranges;
        try {
            ranges = Checksums.ranges(sumsFile, Checksums.readCommitted(sumsFile, sums));
        }
        catch (NoSuchFileException e) {
            problems.add(new StoreProblem(sumsFile.toString(), "", "is missing"));
            return;
        }
        catch (IOException | BadInputException e) {
            problems.add(new StoreProblem(sumsFile.toString(), "", e.getMessage()));
            return;
        }
        if (ranges.isEmpty()) {
            withoutChecksums++;
            return;
        }
        if (ranges.get(0).start() > 0) {
            withoutChecksums++;
        }
        long expectedStart = ranges.get(0).start();
        for (Checksums.Range range : ranges) {
            String where = scan == null ? "bytes " + range.start() + "-" + range.end()
                    : "lines " + scan.lineAt(range.start()) + "-" + (scan.lineAt(range.end() - 1));
            if (range.start() != expectedStart || range.end() > bytes.length) {
                problems.add(new StoreProblem(name, where, "checksum range does not fit the file (" + sumsFile.getFileName() + ")"));
                return;
            }
            if (Checksums.crc(bytes, (int) range.start(), (int) (range.end() - range.start())) != range.crc()
                    && !hasBadLine(scan, range)) {
                problems.add(new StoreProblem(name, where, "do not match their checksum: changed after they were written"));
            }
            expectedStart = range.end();
        }
        Checksums.Range last = ranges.get(ranges.size() - 1);
        if (last.end() != bytes.length || last.count() != count) {
            problems.add(new StoreProblem(name, "", "its checksums cover " + last.count() + " entries in " + last.end()
                    + " bytes, the manifest records " + count + " in " + bytes.length));
        }
    }

    /** Whether a line of the range was already reported as unreadable (then its checksum says nothing new). */
    private static boolean hasBadLine(SeriesScan scan, Checksums.Range range) {
        if (scan == null) {
            return false;
        }
        int first = scan.lineAt(range.start());
        int last = scan.lineAt(range.end() - 1);
        return scan.badLines().stream().anyMatch(bad -> bad.line() >= first && bad.line() <= last);
    }

    /** The committed bytes of a file, or null (and a problem) when it is missing, not regular or too short. */
    private byte[] committedBytes(Path file, long length) {
        try {
            return StoreFiles.readCommitted(file, length, 0);
        }
        catch (NoSuchFileException e) {
            problems.add(new StoreProblem(file.toString(), "", "is missing"));
        }
        catch (StoreDamagedException e) {
            problems.add(new StoreProblem(file.toString(), "", e.getMessage().substring(e.getMessage().indexOf(file.toString())
                    + file.toString().length()).strip()));
        }
        catch (IOException e) {
            problems.add(new StoreProblem(file.toString(), "", "cannot be read: " + e.getMessage()));
        }
        return null;
    }
}
