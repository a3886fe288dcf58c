package dev.nightly.benchmarks;

import dev.nightly.bench.check.CheckKind;
import dev.nightly.bench.check.CheckReport;
import dev.nightly.bench.check.CheckSettings;
import dev.nightly.bench.check.Checker;
import dev.nightly.bench.check.Verdict;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.store.HistoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The checks of the newest build when some series have a fresh regression in their change point window:
 * the expensive case of the {@code change} check, whose search of such a window ends in a permutation test
 * of 999 shuffles, and which must also know the two nights before to tell a new change point from one it
 * reported. A copy of the benchmark store gets {@value #EXTRA_NIGHTS} more nights, the last
 * {@value #STEP_NIGHTS} of them with a 25% regression in every tenth series (20 of 200), and is checked night
 * by night as a nightly job does, up to the night before the newest. Each measured operation then checks
 * the newest build from that state of the change-points cache (restored before each operation, outside the
 * measurement), as the job's check of a new night does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ChangeCheckBenchmark {
    static final int EXTRA_NIGHTS = 12;
    static final int STEP_NIGHTS = 8;
    static final int STEP_EVERY = 10;
    static final double STEP = 0.25;

    private Path dir;
    private HistoryStore store;
    private long latest;
    private Path cache;
    private byte[] cacheBeforeTonight;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Fixture fixture = Fixture.shared();
        dir = fixture.copyOfStore(fixture.root().resolve("store-with-fresh-steps"));
        store = HistoryStore.open(dir);
        Map<String, DatasetInfo> infos = fixture.datasetInfos();
        HawdHistory history = fixture.history();
        Checker checker = new Checker(CheckSettings.defaults());
        for (int k = 0; k < EXTRA_NIGHTS; k++) {
            int night = fixture.nights() + k;
            BenchmarkResults results = history.night(night, infos);
            if (k >= EXTRA_NIGHTS - STEP_NIGHTS) {
                results = regressed(results);
            }
            store.ingest(night + 1L, results, "", null);
            latest = night + 1L;
            if (k < EXTRA_NIGHTS - 1) {
                checker.check(store.snapshot(), latest);
            }
        }
        cache = dir.resolve(HistoryStore.CHANGE_CACHE_FILE);
        cacheBeforeTonight = Files.readAllBytes(cache);
        // The point of the benchmark: tonight's checks do report the fresh regressions.
        CheckReport report = checker.check(store.snapshot(), latest);
        long flagged = report.results().stream()
                .filter(r -> r.kind() == CheckKind.CHANGE && (r.verdict() == Verdict.REGRESSED || r.verdict() == Verdict.OPEN_REGRESSION))
                .count();
        System.out.println("change check: " + flagged + " series with an open regression in build " + latest);
        if (flagged < 200 / STEP_EVERY / 2) {
            throw new IllegalStateException("only " + flagged + " fresh regressions reported; the benchmark would not measure the expensive case");
        }
    }

    /** Every tenth series (by key) a quarter worse. */
    private static BenchmarkResults regressed(BenchmarkResults night) {
        TreeSet<String> keys = new TreeSet<>();
        night.observations().forEach(o -> keys.add(o.key().id()));
        List<String> sorted = new ArrayList<>(keys);
        List<Observation> changed = new ArrayList<>(night.observations().size());
        for (Observation o : night.observations()) {
            boolean stepped = sorted.indexOf(o.key().id()) % STEP_EVERY == 0;
            double factor = !stepped ? 1 : Direction.fromUnit(o.unit()) == Direction.HIGHER_IS_BETTER ? 1 - STEP : 1 + STEP;
            changed.add(new Observation(o.key(), o.unit(), o.time(), o.commit(), o.value() * factor, o.error()));
        }
        return new BenchmarkResults(night.datasets(), changed);
    }

    @Setup(Level.Invocation)
    public void lastNightsCache() throws IOException {
        Files.write(cache, cacheBeforeTonight);
    }

    /** The built-in checks of the newest build, the night after the night before was checked. */
    @Benchmark
    public CheckReport checkLatestBuildWithFreshRegressions() {
        return new Checker(CheckSettings.defaults()).check(store.snapshot(), latest);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Fixture.deleteTree(dir);
    }
}
