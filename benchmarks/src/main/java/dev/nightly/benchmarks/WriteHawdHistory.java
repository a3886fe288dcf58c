package dev.nightly.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the scale data as a user has it, for running the {@code nightly} jar on it:
 * {@code DIR/hawd_defs/} (HAWD definitions) and {@code DIR/exports/<dataset>.json} ({@code hawd json} of nights
 * {@code 0..N-1}) and {@code DIR/next/<dataset>.json} (night N alone: the next nightly ingest). No store is built: that is what {@code nightly bench ingest} is measured doing.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.nightly.benchmarks.WriteHawdHistory DIR [NIGHTS]</pre>
 */
public final class WriteHawdHistory {
    private WriteHawdHistory() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: WriteHawdHistory DIR [NIGHTS]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int nights = args.length > 1 ? Integer.parseInt(args[1]) : Fixture.DEFAULT_NIGHTS;
        HawdHistory history = new HawdHistory(Fixture.SEED);
        history.writeDefinitions(dir.resolve("hawd_defs"));
        List<Path> files = history.writeExports(dir.resolve("exports"), nights);
        history.writeNight(dir.resolve("next"), nights);
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        System.out.printf("%d nights x %d series: %d files, %.1f MB of hawd json in %s%n", nights,
                HawdHistory.seriesCount(), files.size(), bytes / 1e6, dir.resolve("exports"));
    }
}
