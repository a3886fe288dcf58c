package dev.nightly.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.nightly.bench.ingest.ResultsReader;
import dev.nightly.bench.json.JsonInput;
import dev.nightly.bench.model.BenchmarkResults;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reading the whole {@code hawd json} history of every dataset (what a nightly ingest does, since HAWD
 * re-prints it every night), against the floor: the same bytes through Jackson's streaming parser and
 * nothing else.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class IngestBenchmark {
    private List<Path> files;
    private ResultsReader reader;
    private final JsonFactory plain = new JsonFactory();

    @Setup
    public void setUp() {
        Fixture fixture = Fixture.shared();
        files = fixture.exports();
        reader = ResultsReader.create().withDefinitions(fixture.definitions());
    }

    /** The engine: format detection, definitions, parameter columns, observations. */
    @Benchmark
    public BenchmarkResults resultsReader() {
        return reader.read(files);
    }

    /** The floor: a bare nextToken loop with a default factory. */
    @Benchmark
    public long jacksonFloor() throws IOException {
        return tokens(plain);
    }

    /** The same loop with the engine's factory (duplicate-key detection, source in locations). */
    @Benchmark
    public long jacksonStrict() throws IOException {
        return tokens(JsonInput.factory());
    }

    private long tokens(JsonFactory factory) throws IOException {
        long count = 0;
        for (Path file : files) {
            try (JsonParser parser = factory.createParser(file.toFile())) {
                JsonToken token;
                while ((token = parser.nextToken()) != null) {
                    count += token.id();
                }
            }
        }
        return count;
    }
}
