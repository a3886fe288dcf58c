package dev.nightly.bench.report;

import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Bounds;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.SeriesKey;
import dev.nightly.bench.store.HistoryStore;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small history like Kube's: a query benchmark swept over two row counts (with bounds and a hostile
 * description) and a buffer benchmark with a time and a rate. The last build regresses the 5000-row
 * query and improves the buffer rate.
 */
final class ReportFixture {
    static final String HOSTILE = "<img src=x onerror=alert(1)> & \"quotes\"";
    static final int BUILDS = 30;

    private ReportFixture() {
    }

    static HistoryStore store(Path dir) {
        HistoryStore store = HistoryStore.open(dir);
        DatasetInfo query = new DatasetInfo("mail_query", "Mail query", HOSTILE, Map.of("time", new Bounds(0.0, 400.0)));
        DatasetInfo buffers = new DatasetInfo("buffer_creation", "Buffer creation", "How fast buffers are created", Map.of());
        LocalDateTime start = LocalDateTime.of(2024, 1, 1, 3, 0);
        for (int build = 1; build <= BUILDS; build++) {
            boolean last = build == BUILDS;
            LocalDateTime time = start.plusDays(build);
            String commit = String.format("%09x", 0xabc000 + build);
            double wobble = (build * 7 % 5) - 2; // -2..2, deterministic
            List<Observation> rows = new ArrayList<>();
            rows.add(new Observation(SeriesKey.of("mail_query", "time", Map.of("rows", "1000")), "ms", time, commit, 40 + wobble));
            rows.add(new Observation(SeriesKey.of("mail_query", "time", Map.of("rows", "5000")), "ms", time, commit,
                    last ? 480 : 200 + wobble));
            rows.add(new Observation(SeriesKey.of("buffer_creation", "time"), "ms", time, commit, 12 + wobble / 10));
            rows.add(new Observation(SeriesKey.of("buffer_creation", "ops"), "ops/ms", time, commit,
                    last ? 160 : 80 + wobble));
            store.ingest(build, new BenchmarkResults(Map.of("mail_query", query, "buffer_creation", buffers), rows), commit, time);
        }
        return store;
    }
}
