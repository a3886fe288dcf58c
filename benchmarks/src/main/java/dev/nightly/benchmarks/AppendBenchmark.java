package dev.nightly.benchmarks;

import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.store.HistoryStore;
import dev.nightly.bench.store.IngestSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
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
 * One new night (200 series) into a store that holds the whole history as one build per night, against
 * the same night into an empty store: the cost of an append must follow the new data, not the history.
 * The night's results are made before the timer starts; what is timed is {@link HistoryStore#ingest}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AppendBenchmark {
    /** The next night after the history, a new one for every invocation. */
    @State(Scope.Thread)
    public static class Night {
        Fixture fixture;
        Map<String, DatasetInfo> infos;
        int next;
        BenchmarkResults results;

        @Setup(Level.Trial)
        public void setUp() {
            fixture = Fixture.shared();
            infos = fixture.datasetInfos();
            next = fixture.nights();
        }

        @Setup(Level.Invocation)
        public void nextNight() {
            results = fixture.history().night(next++, infos);
        }
    }

    /** A private copy of the full store, growing by one night per invocation. */
    @State(Scope.Thread)
    public static class FullStore {
        Path dir;
        HistoryStore store;

        @Setup(Level.Trial)
        public void setUp(Night night) throws IOException {
            dir = night.fixture.copyOfStore(night.fixture.root().resolve("append-full"));
            store = HistoryStore.open(dir);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            Fixture.deleteTree(dir);
        }
    }

    /** A new empty store for every invocation. */
    @State(Scope.Thread)
    public static class EmptyStore {
        Path base;
        Path dir;
        HistoryStore store;
        int count;

        @Setup(Level.Trial)
        public void setUp(Night night) throws IOException {
            base = night.fixture.root().resolve("append-empty");
            Fixture.deleteTree(base);
        }

        @Setup(Level.Invocation)
        public void fresh() throws IOException {
            if (dir != null) {
                Fixture.deleteTree(dir);
            }
            dir = base.resolve(Integer.toString(count++));
            store = HistoryStore.open(dir);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            Fixture.deleteTree(base);
        }
    }

    @Benchmark
    public IngestSummary intoFullStore(Night night, FullStore full) {
        return full.store.ingest(night.next, night.results, "", null);
    }

    @Benchmark
    public IngestSummary intoEmptyStore(Night night, EmptyStore empty) {
        return empty.store.ingest(night.next, night.results, "", null);
    }
}
