package dev.nightly.cli;

import dev.nightly.bench.model.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Turns running out of memory into a message that says what was too large: the inputs and their size,
 * and the heap this JVM has, instead of a stack trace.
 */
public final class OutOfMemory {
    private OutOfMemory() {
    }

    /** Runs {@code work}; out of memory, refuses it naming {@code what} and the size of {@code inputs}. */
    public static <T> T guard(String what, List<Path> inputs, Supplier<T> work) {
        try {
            return work.get();
        } catch (OutOfMemoryError e) {
            throw new BadInputException(what + " " + describe(inputs) + " needs more memory than this JVM has (" + heap()
                    + "): give less at once, or more memory, e.g. JAVA_TOOL_OPTIONS=-Xmx4g");
        }
    }

    /** The maximum heap, e.g. {@code 256 MB of heap}. */
    public static String heap() {
        return Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB of heap";
    }

    private static String describe(List<Path> inputs) {
        long bytes = 0;
        for (Path input : inputs) {
            bytes += size(input);
        }
        String names = inputs.size() == 1 ? inputs.get(0).toString() : inputs.size() + " files (" + inputs.get(0) + ", ...)";
        return names + String.format(Locale.ROOT, " (%.1f MB)", bytes / (1024.0 * 1024.0));
    }

    private static long size(Path path) {
        try {
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
                }
            }
            return Files.size(path);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
