package dev.nightly.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.bench.TestFiles;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Bounds;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.Observations;
import dev.nightly.bench.model.SeriesKey;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResultsJsonTest {
    private static final String HEAD = "{\"format\":\"nightly-results\",\"version\":1,\"datasets\":[],\"observations\":[";
    private static final String GOOD = "{\"dataset\":\"d\",\"measure\":\"m\",\"parameters\":{},\"unit\":\"ms\",\"commit\":\"\",\"value\":1.0}";

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

    /**
     * A long history as the agent sends it: interleaved series with and without parameters, rows with and
     * without time and commit, values with and without error, doubles of every size.
     */
    @Test
    void aLargeResultSurvivesTheRoundTripValueForValue() throws Exception {
        Random random = new Random(42);
        List<SeriesKey> keys = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            keys.add(i % 3 == 0 ? SeriesKey.of("mail_query", "time" + i)
                    : SeriesKey.of("buffer \"creation\"", "m" + i % 5, Map.of("rows", String.valueOf(i * 1000), "user", "é" + i % 2)));
        }
        double[] special = {0.0, -0.0, 1e-300, -1e300, Double.MIN_VALUE, Double.MAX_VALUE, 123456789012345678.0, 0.1, 42};
        List<Observation> expected = new ArrayList<>();
        LocalDateTime start = LocalDateTime.parse("2018-07-28T03:04:12.345");
        for (int row = 0; expected.size() < 200_000; row++) {
            LocalDateTime time = switch (row % 5) {
                case 0 -> null;
                case 1 -> start.plusDays(row).withSecond(0).withNano(0);
                case 2 -> start.plusDays(row).withNano(123_456_789);
                default -> start.plusDays(row);
            };
            String commit = row % 4 == 0 ? "" : String.format("%040x", row * 7919L);
            for (int s = 0; s < keys.size(); s++) {
                double value = s % 7 == 0 ? special[(row + s) % special.length] : random.nextDouble() * Math.pow(10, random.nextInt(20) - 10);
                double error = s % 4 == 0 ? random.nextDouble() : Double.NaN;
                expected.add(new Observation(keys.get(s), s % 2 == 0 ? "" : "ms", time, commit, value, error));
            }
        }
        BenchmarkResults results = new BenchmarkResults(Map.of(
                "mail_query", new DatasetInfo("mail_query", "Mail query", "Queries", Map.of("time0", new Bounds(1.0, null))),
                "buffer \"creation\"", new DatasetInfo("buffer \"creation\"", "Buffers", "", Map.of())), expected);
        Path file = dir.resolve("large.json");
        try (OutputStream out = Files.newOutputStream(file)) {
            ResultsJson.write(results, out);
        }

        BenchmarkResults read = ResultsJson.read(file);

        assertThat(read.datasets()).isEqualTo(results.datasets());
        assertThat(read.observations()).isInstanceOf(Observations.class).hasSize(expected.size());
        int i = 0;
        for (Observation observation : read.observations()) {
            if (!observation.equals(expected.get(i))) {
                assertThat(observation).as("observation %d", i).isEqualTo(expected.get(i));
            }
            i++;
        }
        // Written again, the file is the same to the byte.
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        ResultsJson.write(read, again);
        assertThat(Arrays.equals(again.toByteArray(), Files.readAllBytes(file))).isTrue();
    }

    @Test
    void keysInAnotherOrderAndNullsForOptionalValuesAreRead() {
        Path file = TestFiles.write(dir, "results.json", """
                {"observations": [{"value": 2, "error": null, "time": null, "commit": null, "unit": null, "parameters": null,
                                   "measure": "m", "dataset": "d"},
                                  {"parameters": {"b": "2", "a": "1"}, "measure": "m", "dataset": "d", "value": 3.5,
                                   "time": "2018-07-28T03:04", "commit": "abc", "error": 0.5}],
                 "datasets": [{"id": "d"}], "version": 1, "format": "nightly-results"}
                """);

        BenchmarkResults read = ResultsJson.read(file);

        assertThat(read.datasets()).containsOnlyKeys("d");
        assertThat(read.observations()).containsExactly(
                new Observation(SeriesKey.of("d", "m"), "", null, "", 2.0),
                new Observation(SeriesKey.of("d", "m", Map.of("a", "1", "b", "2")), "", LocalDateTime.parse("2018-07-28T03:04"),
                        "abc", 3.5, 0.5));
    }

    @Test
    void aFileOfAnotherKindIsRefused() {
        assertThatThrownBy(() -> ResultsJson.read(TestFiles.hawdNight(1))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown key");
    }

    @Test
    void anEmptyFileIsRefused() {
        Path file = TestFiles.write(dir, "results.json", "");

        assertThatThrownBy(() -> ResultsJson.read(file)).isInstanceOf(BadInputException.class)
                .hasMessage(file + ": is empty, expected a nightly results file");
    }

    @Test
    void aTruncatedFileIsRefused() throws Exception {
        List<Observation> observations = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            observations.add(new Observation(SeriesKey.of("d", "m"), "ms", null, "", i));
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        ResultsJson.write(new BenchmarkResults(Map.of(), observations), json);
        Path file = dir.resolve("results.json");
        Files.write(file, Arrays.copyOf(json.toByteArray(), json.size() / 2));

        assertThatThrownBy(() -> ResultsJson.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ": line 1, column ")
                .hasMessageEndingWith("the JSON ends too early (truncated file?)");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                // Wrong types.
                Arguments.of(GOOD + ",{\"dataset\":\"d\",\"measure\":\"m\",\"value\":\"12\"}", "\"observations[1].value\" must be a number, found \"12\""),
                Arguments.of("{\"dataset\":7,\"measure\":\"m\",\"value\":1}", "\"observations[0].dataset\" must be a string, found 7"),
                Arguments.of("{\"dataset\":\"d\",\"measure\":\"m\",\"unit\":[],\"value\":1}", "\"observations[0].unit\" must be a string, found an array"),
                Arguments.of("{\"dataset\":\"d\",\"measure\":\"m\",\"error\":true,\"value\":1}", "\"observations[0].error\" must be a number, found true"),
                Arguments.of("{\"dataset\":\"d\",\"measure\":\"m\",\"parameters\":[],\"value\":1}",
                        "\"observations[0].parameters\" must be a JSON object, found an array"),
                Arguments.of("{\"dataset\":\"d\",\"measure\":\"m\",\"parameters\":{\"rows\":5000},\"value\":1}",
                        "\"observations[0].parameters.rows\" must be a string, found 5000"),
                Arguments.of("{\"dataset\":\"d\",\"measure\":\"m\",\"time\":20180728,\"value\":1}", "\"observations[0].time\" must be a string, found 20180728"),
                Arguments.of("{\"dataset\":\"d\",\"measure\":\"m\",\"commit\":{},\"value\":1}", "\"observations[0].commit\" must be a string, found an object"),
                Arguments.of(GOOD + ",[1]", "\"observations[1]\" must be a JSON object, found an array"),
                // Bad time.
                Arguments.of(GOOD + ",{\"dataset\":\"d\",\"measure\":\"m\",\"time\":\"2018-13-01T00:00\",\"value\":1}",
                        "\"observations[1].time\" must be a date and time such as 2018-07-28T03:04:12, found \"2018-13-01T00:00\""),
                // Unknown and duplicate keys.
                Arguments.of("{\"dataset\":\"d\",\"measure\":\"m\",\"valeu\":1}",
                        "\"observations[0].valeu\" unknown key (allowed: commit, dataset, error, measure, parameters, time, unit, value)"),
                Arguments.of(GOOD + ",{\"dataset\":\"d\",\"measure\":\"m\",\"value\":1,\"value\":2}", "\"observations[1].value\" appears twice (duplicate key)"),
                Arguments.of("{\"dataset\":\"d\",\"dataset\":\"e\",\"measure\":\"m\",\"value\":1}", "\"observations[0].dataset\" appears twice (duplicate key)"),
                Arguments.of("{\"dataset\":\"d\",\"measure\":\"m\",\"parameters\":{\"a\":\"1\",\"a\":\"2\"},\"value\":1}",
                        "\"observations[0].parameters.a\" appears twice (duplicate key)"),
                // Missing values.
                Arguments.of(GOOD + "," + GOOD + ",{\"dataset\":\"d\",\"measure\":\"m\",\"unit\":\"ms\"}", "\"observations[2].value\" is required"),
                Arguments.of("{\"dataset\":\"d\",\"measure\":\"m\",\"value\":null}", "\"observations[0].value\" is required"),
                Arguments.of("{\"measure\":\"m\",\"value\":1}", "\"observations[0].dataset\" is required and must be a non-empty string"),
                Arguments.of("{\"dataset\":\"d\",\"measure\":\" \",\"value\":1}", "\"observations[0].measure\" is required and must be a non-empty string"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void aBadObservationIsRefusedWithItsPath(String observations, String message) {
        Path file = TestFiles.write(dir, "results.json", HEAD + observations + "]}");

        assertThatThrownBy(() -> ResultsJson.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ": line 1, column ")
                .hasMessageEndingWith(": " + message);
    }

    static Stream<Arguments> documentRefusals() {
        return Stream.of(
                Arguments.of("{\"format\":\"nightly-results\",\"version\":1,\"datasets\":[],\"observations\":[],\"extra\":1}",
                        "\"extra\" unknown key (allowed: datasets, format, observations, version)"),
                Arguments.of("{\"format\":\"nightly-results\",\"version\":1,\"datasets\":[],\"datasets\":[],\"observations\":[]}",
                        "\"datasets\" appears twice (duplicate key)"),
                Arguments.of("{\"format\":\"nightly-results\",\"version\":1,\"datasets\":[{\"id\":\"d\",\"id\":\"e\"}],\"observations\":[]}",
                        "Duplicate field 'id'"),
                Arguments.of("{\"format\":\"nightly-results\",\"version\":1,\"datasets\":[{\"id\":\"d\",\"unit\":\"ms\"}],\"observations\":[]}",
                        "\"datasets[0].unit\" unknown key (allowed: bounds, description, id, name)"),
                Arguments.of("{\"format\":\"nightly-results\",\"version\":2,\"datasets\":[],\"observations\":[]}",
                        "not a nightly results file (format nightly-results, version 1)"),
                Arguments.of("{\"version\":1,\"datasets\":[],\"observations\":[]}",
                        "not a nightly results file (format nightly-results, version 1)"),
                Arguments.of("{\"format\":\"nightly-results\",\"version\":1,\"datasets\":[]}", "\"observations\" must be an array"),
                Arguments.of("{\"format\":\"nightly-results\",\"version\":1,\"datasets\":{},\"observations\":[]}", "\"datasets\" must be an array"),
                Arguments.of("{\"format\":\"nightly-results\",\"version\":1,\"datasets\":[],\"observations\":[]} []",
                        "unexpected content after the end of the JSON document"));
    }

    @ParameterizedTest
    @MethodSource("documentRefusals")
    void aBadDocumentIsRefused(String json, String message) {
        Path file = TestFiles.write(dir, "results.json", json);

        assertThatThrownBy(() -> ResultsJson.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageEndingWith(message)
                .hasMessageNotContaining("\n");
    }
}
