package dev.nightly.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.bench.TestFiles;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.SeriesKey;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsJsonTest {
    @TempDir
    Path dir;

    @Test
    void resultsSurviveTheRoundTripExactly() throws Exception {
        BenchmarkResults parsed = ResultsReader.create().withDefinitions(TestFiles.hawdDefinitions())
                .read(List.of(TestFiles.hawdNight(4), TestFiles.resource("hawd/nights/buffer_creation.json")));
        List<Observation> observations = new ArrayList<>(parsed.observations());
        observations.add(new Observation(SeriesKey.of("jmh", "score", Map.of("size", "10")), "ops/s", null, "", 1.5e7, 0.125));
        BenchmarkResults results = new BenchmarkResults(parsed.datasets(), observations);
        Path file = dir.resolve("results.json");

        try (OutputStream out = Files.newOutputStream(file)) {
            ResultsJson.write(results, out);
        }

        assertThat(ResultsJson.read(file)).isEqualTo(results);
        assertThat(results.datasets().get("mail_query").boundsOf("queryTime").max()).isEqualTo(400.0);
    }

    @Test
    void aFileOfAnotherKindIsRefused() {
        assertThatThrownBy(() -> ResultsJson.read(TestFiles.hawdNight(1))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown key");
    }
}
