package dev.nightly.bench.hawd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.bench.ingest.ReadSettings;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Observation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HAWD's sorted keys let the reader turn rows into observations as it reads them; what it reports must
 * not depend on that: the same observations whatever the key order, and errors of the JSON anywhere in
 * the file before errors of the values.
 */
class HawdJsonReaderStreamingTest {
    private static final String ROW_1 = "{\"columns\": [{\"name\": \"rows\", \"unit\": \"\", \"value\": 5000},"
            + " {\"name\": \"time\", \"unit\": \"ms\", \"value\": 12}], \"commit\": \"1a2b3c4d5\", \"timestamp\": \"2018-07-28T03:04:12.345\"}";
    private static final String ROW_2 = "{\"columns\": [{\"name\": \"rows\", \"unit\": \"\", \"value\": 5000.0},"
            + " {\"name\": \"time\", \"unit\": \"ms\", \"value\": \"13\"}], \"commit\": \"\", \"timestamp\": \"2018-07-29T03:04:12.345\"}";
    private static final String BAD_VALUE = "{\"columns\": [{\"name\": \"time\", \"unit\": \"ms\", \"value\": \"fast\"}],"
            + " \"commit\": \"\", \"timestamp\": \"2018-07-30T03:04:12.345\"}";

    @Test
    void sameObservationsWhetherDatasetComesFirstOrLast(@TempDir Path dir) throws IOException {
        BenchmarkResults sorted = read(dir, "{\"dataset\": \"q\", \"name\": \"Q\", \"rows\": [" + ROW_1 + ", " + ROW_2 + "]}");
        BenchmarkResults unsorted = read(dir, "{\"rows\": [" + ROW_1 + ", " + ROW_2 + "], \"name\": \"Q\", \"dataset\": \"q\"}");
        assertThat(sorted).isEqualTo(unsorted);
        assertThat(sorted.observations()).extracting(Observation::value).containsExactly(12.0, 13.0);
        // One key per series, shared by its observations.
        assertThat(sorted.observations().get(0).key()).isSameAs(sorted.observations().get(1).key());
        assertThat(sorted.observations().get(0).key().parameters()).containsEntry("rows", "5000");
    }

    @Test
    void aJsonErrorLaterInTheFileIsReportedBeforeAnEarlierValueError(@TempDir Path dir) {
        assertThatThrownBy(() -> read(dir, "{\"dataset\": \"q\", \"rows\": [" + BAD_VALUE + ", " + ROW_1 + ", {\"columns\": []}]}"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("row 3: has no \"timestamp\"");
        assertThatThrownBy(() -> read(dir, "{\"dataset\": \"q\", \"rows\": [" + BAD_VALUE + ", " + ROW_1))
                .isInstanceOf(BadInputException.class).hasMessageNotContaining("fast");
        assertThatThrownBy(() -> read(dir, "{\"dataset\": \"q\", \"rows\": [" + ROW_1 + ", " + BAD_VALUE + ", " + BAD_VALUE + "]}"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("row 2 (line 1)").hasMessageContaining("\"fast\" is not a number");
    }

    private static BenchmarkResults read(Path dir, String json) throws IOException {
        Path file = Files.writeString(dir.resolve("export.json"), json);
        return new HawdFormat().read(file, ReadSettings.defaults());
    }
}
