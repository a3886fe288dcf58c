package dev.nightly.bench.store;

import java.nio.file.Path;

/**
 * A separate process that ingests builds into a store, for the tests that kill it mid-write or run two
 * at once. Arguments: store directory, first build, number of builds, series, points per series.
 */
public final class IngestProcess {
    private IngestProcess() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long first = Long.parseLong(args[1]);
        int builds = Integer.parseInt(args[2]);
        int series = Integer.parseInt(args[3]);
        int points = Integer.parseInt(args[4]);
        HistoryStore store = HistoryStore.open(dir);
        for (long build = first; build < first + builds; build++) {
            store.ingest(build, SyntheticResults.of(build, series, points), "", null);
            System.out.println("ingested " + build);
            System.out.flush();
        }
    }
}
