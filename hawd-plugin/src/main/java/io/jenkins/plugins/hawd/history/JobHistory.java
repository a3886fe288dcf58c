package io.jenkins.plugins.hawd.history;

import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.HistoryStore;
import dev.nightly.bench.store.IngestSummary;
import dev.nightly.bench.store.RepairReport;
import dev.nightly.bench.store.StoreRepair;
import hudson.Util;
import hudson.model.Job;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The benchmark history of one job: the engine's {@link HistoryStore} in the job's folder
 * ({@code jobs/NAME/hawd-history/}). Pages and checks read it through snapshots and never load builds.
 * When the store is missing or damaged, the next recording (or the POST "Rebuild" of the Benchmark Trends
 * page) mends it with the engine's repair and the builds' own files ({@link BuildFiles}), which are read
 * straight from the build folders, again without loading a build. Reads never rebuild.
 */
public final class JobHistory {
    private static final Logger LOGGER = Logger.getLogger(JobHistory.class.getName());
    static final String FOLDER = "hawd-history";

    /** One monitor per store: a rebuild replaces the directory, which the store's own lock cannot cover. */
    private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

    private final Path storeDir;
    private final Path buildsDir;

    JobHistory(Path storeDir, Path buildsDir) {
        this.storeDir = storeDir.toAbsolutePath().normalize();
        this.buildsDir = buildsDir;
    }

    public static JobHistory of(Job<?, ?> job) {
        return new JobHistory(job.getRootDir().toPath().resolve(FOLDER), job.getBuildDir().toPath());
    }

    /** Whether anything was ever recorded in this job (cheap: one directory test). */
    public boolean exists() {
        return Files.isDirectory(storeDir);
    }

    private Object monitor() {
        return MONITORS.computeIfAbsent(storeDir, dir -> new Object());
    }

    /** Stores one build's results; a missing or damaged store is first rebuilt from the older builds. */
    public IngestSummary ingest(long build, BenchmarkResults results, String defaultCommit, LocalDateTime defaultTime) {
        synchronized (monitor()) {
            HistoryStore store = openOrRebuild(build);
            return store.ingest(build, results, defaultCommit, defaultTime);
        }
    }

    /**
     * The history as it is now. Only reads: a page view, which anyone with Item/Read can cause, must never
     * move a store aside on what may be a passing I/O error. A damaged store stays as it is until a
     * recording (which holds the store's lock and checks again) or the POST "Rebuild" mends it.
     *
     * @throws BadInputException    when a store file is damaged (the message names it)
     * @throws UncheckedIOException when the store cannot be read
     */
    public HistorySnapshot snapshot() {
        Path manifest = storeDir.resolve(HistoryStore.MANIFEST_FILE);
        BasicFileAttributes seen;
        try {
            seen = Files.readAttributes(manifest, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        catch (IOException e) {
            // Missing or unreadable: the store says what is wrong, in its own words.
            return HistoryStore.openExisting(storeDir).snapshot();
        }
        Cached cached = SNAPSHOTS.get(storeDir);
        if (cached != null && cached.isOf(seen)) {
            return cached.snapshot();
        }
        // Attributes taken before the read: a commit in between makes the next call read again.
        HistorySnapshot snapshot = HistoryStore.openExisting(storeDir).snapshot();
        if (seen.fileKey() != null) {
            SNAPSHOTS.put(storeDir, new Cached(seen.fileKey(), seen.size(), seen.lastModifiedTime(), snapshot));
        }
        return snapshot;
    }

    /**
     * The newest snapshot of a few stores. One job page view asks for the history several times (is there a
     * chart, can it be read, the chart itself, then the script's chart request), and a manifest of 200 series is
     * ~80 kB of JSON. A commit replaces the manifest by a rename, so a new inode, size or time tells that the
     * store changed; where the file system has no inode ({@code fileKey} null), nothing is kept.
     */
    private static final int CACHED_STORES = 16;
    private static final Map<Path, Cached> SNAPSHOTS = Collections.synchronizedMap(new LinkedHashMap<>(CACHED_STORES, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Cached> eldest) {
            return size() > CACHED_STORES;
        }
    });

    private record Cached(Object fileKey, long size, FileTime modified, HistorySnapshot snapshot) {
        boolean isOf(BasicFileAttributes manifest) {
            return fileKey.equals(manifest.fileKey()) && size == manifest.size() && modified.equals(manifest.lastModifiedTime());
        }
    }

    /** Removes the points of a deleted build measured from {@code ownFrom} on; older ones it imported stay. */
    public int removeBuild(long build, LocalDateTime ownFrom) {
        if (!exists()) {
            return 0;
        }
        synchronized (monitor()) {
            return HistoryStore.openExisting(storeDir).removeBuild(build, ownFrom);
        }
    }

    /** Rebuilds the store from all builds' files (the job page's "Rebuild history"). */
    public int rebuild() {
        synchronized (monitor()) {
            rebuild(Long.MAX_VALUE);
            return recordedBuilds(Long.MAX_VALUE).size();
        }
    }

    private HistoryStore openOrRebuild(long build) {
        if (!exists()) {
            // A job that recorded before but lost its store (deleted by hand, copied job): builds before
            // this one still have their files.
            return rebuild(build);
        }
        try {
            HistoryStore store = HistoryStore.open(storeDir);
            store.snapshot();
            return store;
        }
        catch (BadInputException | UncheckedIOException e) {
            LOGGER.log(Level.WARNING, "Benchmark history " + storeDir + " is damaged, rebuilding it from the builds", e);
            return rebuild(build);
        }
    }

    /**
     * Mends the store with the engine's repair, the same as {@code nightly bench repair} (series cut at their
     * last whole line, indexes, checksums and manifest made anew, unusable files put aside into the store's
     * own {@code damaged/} folder, one copy at most), then ingests the files of all builds older than
     * {@code before}: rows the store still holds are recognised, points lost to the damage come back from
     * the builds that recorded them. A folder that is no store at all is set aside whole, one copy at most.
     */
    private HistoryStore rebuild(long before) {
        try {
            if (Files.exists(storeDir)) {
                try {
                    RepairReport report = StoreRepair.repair(storeDir);
                    if (report.changedAnything()) {
                        LOGGER.warning(() -> "Repaired benchmark history " + storeDir + ": " + String.join("; ", report.actions())
                                + (report.damaged() == null ? "" : "; what could not be used is in " + report.damaged()));
                    }
                }
                catch (BadInputException e) {
                    Path aside = storeDir.resolveSibling(FOLDER + ".damaged");
                    if (Files.exists(aside)) {
                        Util.deleteRecursive(aside.toFile());
                    }
                    Files.move(storeDir, aside);
                    LOGGER.log(Level.WARNING, "Moved " + storeDir + " to " + aside + ": it is no history store", e);
                }
            }
            HistoryStore store = HistoryStore.open(storeDir);
            for (long number : recordedBuilds(before)) {
                BuildFiles files = BuildFiles.in(buildsDir.resolve(Long.toString(number)));
                try {
                    store.ingest(number, files.readResults(), files.defaultCommit(), files.defaultTime());
                }
                catch (IOException | BadInputException e) {
                    LOGGER.log(Level.WARNING, "Skipping unreadable benchmark results of build " + number
                            + " while rebuilding " + storeDir, e);
                }
            }
            return store;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot rebuild the benchmark history " + storeDir + ": " + e.getMessage(), e);
        }
    }

    /** Numbers of the builds (older than {@code before}) whose folders hold results, ascending. */
    List<Long> recordedBuilds(long before) {
        List<Long> numbers = new ArrayList<>();
        if (!Files.isDirectory(buildsDir)) {
            return numbers;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(buildsDir, "[0-9]*")) {
            for (Path entry : entries) {
                String name = String.valueOf(entry.getFileName());
                if (name.matches("[0-9]{1,18}") && Files.isDirectory(entry) && BuildFiles.in(entry).hasResults()) {
                    long number = Long.parseLong(name);
                    if (number < before) {
                        numbers.add(number);
                    }
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list " + buildsDir + ": " + e.getMessage(), e);
        }
        numbers.sort(null);
        return numbers;
    }
}
