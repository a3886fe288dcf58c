package dev.nightly.bench.ingest;

import dev.nightly.bench.model.BenchmarkResults;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One results file format (HAWD's {@code hawd json}, JMH, Google Benchmark, ...). Formats are detected
 * from content, so each one says whether the start of a file looks like its own.
 */
public interface ResultFormat {
    /** Short lower-case name used to select the format explicitly, e.g. {@code hawd}. */
    String name();

    /**
     * Whether a file that starts with {@code head} (its first bytes, at most 64 KiB, decoded as UTF-8 with
     * a byte-order mark removed) is in this format. Cheap and without side effects.
     */
    boolean recognizes(String head);

    /**
     * Reads one file completely.
     *
     * @throws dev.nightly.bench.model.BadInputException when the file is malformed, naming the file and where in it
     * @throws IOException when it cannot be read
     */
    BenchmarkResults read(Path file, ReadSettings settings) throws IOException;
}
