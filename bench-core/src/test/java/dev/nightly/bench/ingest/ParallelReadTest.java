package dev.nightly.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Observation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backfill's files are read on every core; what comes back, and what is refused, is as if read one by one. */
class ParallelReadTest {
    @TempDir
    Path dir;

    @Test
    void filesReadTogetherGiveTheirResultsInTheOrderGiven() throws IOException {
        List<Path> files = new ArrayList<>();
        // Sizes that differ, so that the largest (read first) is not the first named.
        int[] rows = {2000, 9000, 500, 6000, 3000};
        for (int i = 0; i < rows.length; i++) {
            files.add(hawd("dataset" + i, rows[i]));
        }
        assertThat(files.stream().mapToLong(ParallelReadTest::size).sum()).isGreaterThan(4 << 20);

        BenchmarkResults together = ResultsReader.create().read(files);

        List<Observation> oneByOne = new ArrayList<>();
        for (Path file : files) {
            oneByOne.addAll(ResultsReader.create().read(List.of(file)).observations());
        }
        assertThat(together.observations()).hasSize(oneByOne.size()).containsExactlyElementsOf(oneByOne);
        assertThat(together.datasets()).containsOnlyKeys("dataset0", "dataset1", "dataset2", "dataset3", "dataset4");
    }

    @Test
    void ofSeveralBadFilesTheFirstNamedIsTheOneReported() throws IOException {
        Path small = hawd("small", 300);
        Path large = hawd("large", 9000);
        Path badSmall = Files.writeString(dir.resolve("bad-small.json"), "error: could not load dataset bad-small\n");
        Path badLarge = hawd("bad_large", 9000, "\"not-a-time\"");

        // The large bad file is read first (largest first) and fails first; the small one named before it is reported.
        assertThatThrownBy(() -> ResultsReader.create().read(List.of(small, badSmall, large, badLarge)))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith(badSmall.toString());
        assertThatThrownBy(() -> ResultsReader.create().read(List.of(small, badLarge, large, badSmall)))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith(badLarge.toString())
                .hasMessageContaining("not-a-time");
    }

    private Path hawd(String dataset, int rows) throws IOException {
        return hawd(dataset, rows, null);
    }

    /** A {@code hawd json} export of {@code rows} rows of four columns; {@code lastTimestamp} spoils the last row. */
    private Path hawd(String dataset, int rows, String lastTimestamp) throws IOException {
        StringBuilder json = new StringBuilder("{\n    \"dataset\": \"" + dataset + "\",\n    \"description\": \"\",\n"
                + "    \"name\": \"" + dataset + "\",\n    \"rows\": [\n");
        for (int row = 0; row < rows; row++) {
            json.append(row == 0 ? "" : ",\n").append("        {\n            \"columns\": [\n");
            json.append("                {\n                    \"name\": \"rows\",\n                    \"unit\": \"\",\n"
                    + "                    \"value\": ").append(1000 * (1 + row % 3)).append("\n                },\n");
            json.append("                {\n                    \"name\": \"time\",\n                    \"unit\": \"ms\",\n"
                    + "                    \"value\": ").append(row % 97 + 0.25).append("\n                },\n");
            json.append("                {\n                    \"name\": \"memory\",\n                    \"unit\": \"kb\",\n"
                    + "                    \"value\": \"").append(20_000 + row).append("\"\n                }\n            ],\n");
            json.append("            \"commit\": \"").append(String.format("%09x", row)).append("\",\n");
            String time = String.format("\"20%02d-%02d-%02dT03:%02d:00.%03d\"", 10 + row / 3 / 336, 1 + row / 3 / 28 % 12,
                    1 + row / 3 % 28, row % 3, row % 1000);
            json.append("            \"timestamp\": ").append(row == rows - 1 && lastTimestamp != null ? lastTimestamp : time)
                    .append("\n        }");
        }
        json.append("\n    ]\n}\n");
        return Files.writeString(dir.resolve(dataset + ".json"), json);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
