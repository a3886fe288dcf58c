package dev.nightly.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.bench.ingest.ResultsReader;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Observation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator the benchmarks stand on: a few nights only, so that the build stays fast. */
class HawdHistoryTest {
    private static final int NIGHTS = 20;

    @Test
    void exportsReadByTheEngineSayWhatTheGeneratorBuildsDirectly(@TempDir Path dir) throws IOException {
        HawdHistory history = new HawdHistory(Fixture.SEED);
        history.writeDefinitions(dir.resolve("defs"));
        List<Path> files = history.writeExports(dir.resolve("exports"), NIGHTS);

        ResultsReader reader = ResultsReader.create().withDefinitions(dir.resolve("defs"));
        BenchmarkResults read = reader.read(files);
        Map<String, dev.nightly.bench.model.DatasetInfo> infos = reader.definitions().infos();
        List<Observation> built = new ArrayList<>();
        IntStream.range(0, NIGHTS).forEach(night -> built.addAll(history.night(night, infos).observations()));

        assertThat(read.observations()).containsExactlyInAnyOrderElementsOf(built);
        assertThat(read.observations().stream().map(Observation::key).distinct()).hasSize(HawdHistory.seriesCount());
        assertThat(HawdHistory.seriesCount()).isEqualTo(200);
        assertThat(read.datasets()).containsKeys(HawdHistory.datasetIds().toArray(String[]::new));
        assertThat(read.datasets().get("mail_query").boundsOf("initialQueryTime").max()).isEqualTo(400.0);
    }

    @Test
    void sameSeedWritesTheSameBytesInHawdsShape(@TempDir Path dir) throws IOException {
        List<Path> first = new HawdHistory(Fixture.SEED).writeExports(dir.resolve("a"), 3);
        List<Path> second = new HawdHistory(Fixture.SEED).writeExports(dir.resolve("b"), 3);
        for (int i = 0; i < first.size(); i++) {
            assertThat(Files.readAllBytes(first.get(i))).isEqualTo(Files.readAllBytes(second.get(i)));
        }
        String storage = Files.readString(dir.resolve("a/storage.json"));
        assertThat(storage).startsWith("{\n    \"dataset\": \"storage\",\n    \"description\"")
                .contains("\"unit\": \"\",\n                    \"value\": 100\n")
                .containsPattern("\"value\": \"\\d+\"")
                .containsPattern("\"timestamp\": \"1999-01-0\\dT03:\\d\\d:\\d\\d\\.\\d{3}\"");
    }
}
