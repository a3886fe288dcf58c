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
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

    @Test
    void sameObservationsWhateverTheOrderOfAColumnsKeys(@TempDir Path dir) throws IOException {
        String sortedColumns = "{\"columns\": [{\"name\": \"rows\", \"unit\": \"\", \"value\": \"5e3\"},"
                + " {\"name\": \"time\", \"unit\": \"ms\", \"value\": 12.50}, {\"name\": \"memory\", \"unit\": null, \"value\": \" 7 \"}],"
                + " \"commit\": \"1a2b3c4d5\", \"timestamp\": \"2018-07-28T03:04:12.345\"}";
        String otherColumns = "{\"timestamp\": \"2018-07-28T03:04:12.345\", \"commit\": \"1a2b3c4d5\", \"columns\": ["
                + "{\"value\": 5000.0, \"name\": \"rows\"}, {\"unit\": \"ms\", \"value\": \"12.5\", \"name\": \"time\"},"
                + " {\"value\": 7, \"name\": \"memory\"}]}";

        BenchmarkResults sorted = read(dir, "{\"dataset\": \"q\", \"rows\": [" + sortedColumns + "]}");

        assertThat(sorted.observations()).extracting(o -> o.key().id() + "=" + o.value() + o.unit())
                .containsExactly("q/time{memory=7,rows=5000}=12.5ms");
        assertThat(read(dir, "{\"dataset\": \"q\", \"rows\": [" + otherColumns + "]}")).isEqualTo(sorted);
        assertThat(read(dir, "{\"rows\": [" + otherColumns + "], \"dataset\": \"q\"}")).isEqualTo(sorted);
    }

    @Test
    void aLongHistoryReadsBackValueForValue(@TempDir Path dir) throws IOException {
        // Long enough to fill more than one segment of the columns the reader builds.
        StringBuilder json = new StringBuilder("{\"dataset\": \"sync\", \"name\": \"Sync\", \"rows\": [");
        List<String> expected = new ArrayList<>();
        Random random = new Random(17);
        String[] sweep = {"100", "1000.0", "\"1e3\"", "\"10000\""};
        String[] canonical = {"100", "1000", "1000", "10000"};
        for (int night = 0; night < 6_000; night++) {
            String commit = Integer.toHexString(0x10000 + night * 7);
            for (int step = 0; step < sweep.length; step++) {
                String time = String.format(java.util.Locale.ROOT, "20%02d-%02d-%02dT03:%02d:%02d.%03d",
                        10 + night / 365 % 80, 1 + night % 12, 1 + night % 28, step, night % 60, night % 1000);
                int fetch = random.nextInt(100_000);
                double rate = random.nextInt(1_000_000) / 1000.0;
                boolean noMemory = random.nextInt(20) == 0;
                json.append(night + step == 0 ? "" : ", ").append("{\"columns\": [{\"name\": \"messages\", \"unit\": \"\", \"value\": ")
                        .append(sweep[step]).append("}, {\"name\": \"fetch\", \"unit\": \"ms\", \"value\": ").append(fetch)
                        .append("}, {\"name\": \"rate\", \"unit\": \"result/ms\", \"value\": ").append(rate)
                        .append("}, {\"name\": \"memory\", \"unit\": \"kb\", \"value\": ").append(noMemory ? "null" : "\"" + fetch * 3 + "\"")
                        .append("}], \"commit\": \"").append(commit).append("\", \"timestamp\": \"").append(time).append("\"}");
                String where = "{messages=" + canonical[step] + "}@" + commit + "@" + LocalDateTime.parse(time);
                expected.add("sync/fetch" + where + "=" + (double) fetch + "ms");
                expected.add("sync/rate" + where + "=" + rate + "result/ms");
                if (!noMemory) {
                    expected.add("sync/memory" + where + "=" + (double) (fetch * 3) + "kb");
                }
            }
        }
        json.append("]}");

        BenchmarkResults results = read(dir, json.toString());

        assertThat(results.observations()).hasSizeGreaterThan(65_536).extracting(o -> o.key().dataset() + "/" + o.key().measure()
                + "{messages=" + o.key().parameters().get("messages") + "}@" + o.commit() + "@" + o.time() + "=" + o.value() + o.unit())
                .containsExactlyElementsOf(expected);
        assertThat(results.observations().stream().map(Observation::key).distinct()).hasSize(9);
    }

    private static BenchmarkResults read(Path dir, String json) throws IOException {
        Path file = Files.writeString(dir.resolve("export.json"), json);
        return new HawdFormat().read(file, ReadSettings.defaults());
    }
}
