package dev.nightly.bench.ingest;

import dev.nightly.bench.definitions.Definitions;
import dev.nightly.bench.json.JsonInput;
import dev.nightly.bench.model.BenchmarkResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads results files into {@link BenchmarkResults}, all or nothing: one malformed file refuses the
 * whole set, so that nothing of a bad ingest reaches the history.
 *
 * <pre>{@code
 * BenchmarkResults results = ResultsReader.create()
 *         .withDefinitions(Path.of("hawd_defs"))
 *         .withParameterColumns(ParameterColumns.parse("rows"))
 *         .read(List.of(Path.of("mail_query.json")));
 * }</pre>
 */
public final class ResultsReader {
    private final ResultFormats formats;
    private final Definitions definitions;
    private final ParameterColumns parameterColumns;
    private final String format;

    private ResultsReader(ResultFormats formats, Definitions definitions, ParameterColumns parameterColumns, String format) {
        this.formats = formats;
        this.definitions = definitions;
        this.parameterColumns = parameterColumns;
        this.format = format;
    }

    public static ResultsReader create() {
        return new ResultsReader(ResultFormats.installed(), Definitions.none(), ParameterColumns.byUnit(), null);
    }

    /** Reads the HAWD definitions in {@code folder} now, so that a bad definition fails before any results. */
    public ResultsReader withDefinitions(Path folder) {
        return withDefinitions(Definitions.read(folder));
    }

    public ResultsReader withDefinitions(Definitions newDefinitions) {
        return new ResultsReader(formats, newDefinitions, parameterColumns, format);
    }

    public ResultsReader withParameterColumns(ParameterColumns newParameterColumns) {
        return new ResultsReader(formats, definitions, newParameterColumns, format);
    }

    /** Reads every file in the named format instead of detecting it; {@code null} or "auto" detects. */
    public ResultsReader withFormat(String name) {
        String chosen = name == null || name.isBlank() || "auto".equalsIgnoreCase(name.strip()) ? null : name;
        if (chosen != null) {
            formats.byName(chosen);
        }
        return new ResultsReader(formats, definitions, parameterColumns, chosen);
    }

    public Definitions definitions() {
        return definitions;
    }

    /** Reads all files; the first malformed one throws {@link dev.nightly.bench.model.BadInputException}. */
    public BenchmarkResults read(List<Path> files) {
        ReadSettings settings = new ReadSettings(definitions, parameterColumns);
        List<BenchmarkResults> parts = new ArrayList<>(files.size() + 1);
        // Definitions also describe datasets without results in these files: their names and bounds are kept.
        parts.add(new BenchmarkResults(definitions.infos(), List.of()));
        // One per core, up to four: an agent may have many cores, and each thread holds a file's results as it reads.
        int threads = Math.min(Math.min(files.size(), Runtime.getRuntime().availableProcessors()), 4);
        long[] sizes = threads < 2 ? new long[0] : sizes(files);
        if (threads < 2 || Arrays.stream(sizes).sum() < PARALLEL_FROM_BYTES) {
            for (Path file : files) {
                parts.add(readOne(file, settings));
            }
        }
        else {
            parts.addAll(readInParallel(files, sizes, settings, threads));
        }
        return BenchmarkResults.merge(parts);
    }

    /** Below this, files are read one after the other: starting threads would cost more than it saves. */
    private static final long PARALLEL_FROM_BYTES = 4 << 20;

    private BenchmarkResults readOne(Path file, ReadSettings settings) {
        ResultFormat chosen = format == null ? formats.detect(file) : formats.byName(format);
        try {
            BenchmarkResults part = chosen.read(file, settings);
            InputLimits.check(file, part);
            return part;
        }
        catch (IOException e) {
            throw JsonInput.unreadable(file, e);
        }
    }

    /**
     * A backfill is several large files (a {@code hawd json} export per dataset), each read by itself: read on
     * every core. Results come back in file order, and the error of the first bad file in that order is the one
     * thrown, as when they are read one after the other.
     */
    private List<BenchmarkResults> readInParallel(List<Path> files, long[] sizes, ReadSettings settings, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, "nightly-read");
            thread.setDaemon(true);
            return thread;
        });
        try {
            // Started largest first, so that no core is left with a large file at the end while the others wait.
            List<Integer> bySize = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                bySize.add(i);
            }
            bySize.sort(Comparator.comparingLong((Integer i) -> sizes[i]).reversed());
            List<Future<BenchmarkResults>> reads = new ArrayList<>(Collections.nCopies(files.size(), null));
            for (int i : bySize) {
                Path file = files.get(i);
                reads.set(i, pool.submit(() -> readOne(file, settings)));
            }
            List<BenchmarkResults> parts = new ArrayList<>(files.size());
            for (Future<BenchmarkResults> read : reads) {
                parts.add(outcome(read));
            }
            return parts;
        }
        finally {
            pool.shutdownNow();
        }
    }

    /** What a read gave, or what it threw, as it threw it. */
    private static BenchmarkResults outcome(Future<BenchmarkResults> read) {
        try {
            return read.get();
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading results files", e);
        }
    }

    private static long[] sizes(List<Path> files) {
        long[] sizes = new long[files.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = sizeOf(files.get(i));
        }
        return sizes;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        }
        catch (IOException e) {
            // The read says what is wrong with the file.
            return 0;
        }
    }
}
