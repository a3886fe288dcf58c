package dev.nightly.benchmarks;

import dev.nightly.bench.definitions.Definitions;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.store.HistoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The data every benchmark works on, made once per run and shared by the JMH forks through a directory:
 * HAWD definitions, the {@code hawd json} exports of the whole history, and a history store that holds
 * it as one build per night.
 *
 * <p>The directory is on tmpfs ({@code /dev/shm}) when there is one: the store is built by ten thousand
 * real ingests, and each forces ~200 files to disk, which costs a few milliseconds per file on a disk
 * and nothing on tmpfs. Appends are measured there too, so their figures are CPU and page-cache work, not
 * the disk's fsync latency (which is the same per new night whatever the history).
 */
public final class Fixture {
    public static final String DATA_PROPERTY = "nightly.bench.data";
    public static final String NIGHTS_PROPERTY = "nightly.bench.nights";
    public static final int DEFAULT_NIGHTS = 10_000;
    public static final long SEED = 20_180_728L;

    private final Path root;
    private final int nights;

    private Fixture(Path root, int nights) {
        this.root = root;
        this.nights = nights;
    }

    /** The fixture the system properties name, made if it is not there yet. */
    public static Fixture shared() {
        int nights = Integer.getInteger(NIGHTS_PROPERTY, DEFAULT_NIGHTS);
        String dir = System.getProperty(DATA_PROPERTY);
        Path root = dir != null ? Path.of(dir) : defaultBase().resolve("nightly-benchmarks-" + nights);
        Fixture fixture = new Fixture(root, nights);
        fixture.prepare();
        return fixture;
    }

    /** /dev/shm when it is there (tmpfs), else the temporary folder. */
    public static Path defaultBase() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    public static Fixture at(Path root, int nights) {
        Fixture fixture = new Fixture(root, nights);
        fixture.prepare();
        return fixture;
    }

    public Path root() {
        return root;
    }

    public int nights() {
        return nights;
    }

    public HawdHistory history() {
        return new HawdHistory(SEED);
    }

    public Path definitions() {
        return root.resolve("hawd_defs");
    }

    public Path storeDir() {
        return root.resolve("store");
    }

    public List<Path> exports() {
        return HawdHistory.datasetIds().stream().map(id -> root.resolve("exports").resolve(id + ".json")).toList();
    }

    public long exportBytes() {
        long total = 0;
        for (Path file : exports()) {
            try {
                total += Files.size(file);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }

    public Map<String, DatasetInfo> datasetInfos() {
        return Definitions.read(definitions()).infos();
    }

    private synchronized void prepare() {
        Path ready = root.resolve("ready");
        String stamp = "seed=" + SEED + " nights=" + nights + " series=" + HawdHistory.seriesCount() + "\n";
        try {
            if (Files.exists(ready) && Files.readString(ready).equals(stamp)) {
                return;
            }
            deleteTree(root);
            Files.createDirectories(root);
            long start = System.nanoTime();
            HawdHistory history = history();
            history.writeDefinitions(definitions());
            history.writeExports(root.resolve("exports"), nights);
            System.out.printf("fixture: %d nights of hawd json, %.1f MB, in %.1f s%n", nights, exportBytes() / 1e6,
                    (System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            Map<String, DatasetInfo> infos = datasetInfos();
            HistoryStore store = HistoryStore.open(storeDir());
            for (int night = 0; night < nights; night++) {
                store.ingest(night + 1L, history.night(night, infos), "", null);
                if ((night + 1) % 1000 == 0) {
                    System.out.printf("fixture: store holds %d builds (%.0f s)%n", night + 1, (System.nanoTime() - start) / 1e9);
                }
            }
            Files.writeString(ready, stamp, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot prepare benchmark data in " + root, e);
        }
    }

    /** A copy of the store that a benchmark may change. */
    public Path copyOfStore(Path target) throws IOException {
        deleteTree(target);
        try (Stream<Path> files = Files.walk(storeDir())) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(storeDir().relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                }
                else {
                    Files.copy(source, copy);
                }
            }
        }
        return target;
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
