package dev.nightly.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.bench.model.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every format: non-finite values and unprintable or huge names are refused, naming the file and series. */
class InputLimitsTest {
    @TempDir
    Path dir;

    private static final String LONG = "x".repeat(1001);

    static String hawd(String dataset, String column, String value, String parameter) {
        return """
                {"dataset": "%s", "rows": [{"columns": [{"name": "rows", "unit": "", "value": "%s"},
                 {"name": "%s", "unit": "ms", "value": %s}], "commit": "abcdef1", "timestamp": "2026-11-20T03:00:00"}]}
                """.formatted(dataset, parameter, column, value);
    }

    static String jmh(String benchmark, String score) {
        return """
                [{"benchmark": "%s", "mode": "avgt", "primaryMetric": {"score": %s, "scoreError": 1.0, "scoreUnit": "ms/op"}}]
                """.formatted(benchmark, score);
    }

    static String gbench(String name, String time) {
        return """
                {"context": {"date": "2026-11-20T03:00:00+00:00"}, "benchmarks": [{"name": "%s", "run_name": "%s",
                 "run_type": "iteration", "iterations": 10, "real_time": %s, "cpu_time": 1.0, "time_unit": "ns"}]}
                """.formatted(name, name, time);
    }

    static String pytest(String name, String mean) {
        return pytest(name, mean, "null");
    }

    static String pytest(String name, String mean, String params) {
        return """
                {"machine_info": {}, "commit_info": {"id": "abcdef1"}, "datetime": "2026-11-20T03:00:00",
                 "benchmarks": [{"group": null, "name": "%s", "fullname": "t.py::%s", "params": %s,
                 "stats": {"mean": %s, "stddev": 0.1, "rounds": 5, "median": 1.0, "min": 1.0, "max": 1.0}}]}
                """.formatted(name, name, params, mean);
    }

    static String qttest(String function, String value) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <TestCase name="Bench"><Environment><QtVersion>6.5.0</QtVersion></Environment>
                <TestFunction name="%s"><BenchmarkResult metric="WalltimeMilliseconds" tag="" value="%s" iterations="1"/></TestFunction>
                </TestCase>
                """.formatted(function, value);
    }

    static Stream<Arguments> nonFinite() {
        return Stream.of(
                Arguments.of("hawd.json", hawd("mail_query", "queryTime", "1e400", "1000"), "mail_query/queryTime{rows=1000}"),
                Arguments.of("hawd-negative.json", hawd("mail_query", "queryTime", "-1e400", "1000"), "minus infinite"),
                Arguments.of("hawd-string.json", hawd("mail_query", "queryTime", "\"1e400\"", "1000"), "mail_query/queryTime"),
                Arguments.of("jmh.json", jmh("org.x.Bench.run", "1e400"), "org.x.Bench.run"),
                Arguments.of("gbench.json", gbench("BM_Query", "1e999"), "BM_Query"),
                Arguments.of("pytest.json", pytest("test_x", "1e400"), "test_x"),
                Arguments.of("qttest.xml", qttest("testQuery", "1e400"), "testQuery"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonFinite")
    void refusesNonFiniteValuesNamingTheFileAndSeries(String name, String content, String series) throws Exception {
        Path file = Files.writeString(dir.resolve(name), content);

        assertThatThrownBy(() -> ResultsReader.create().read(List.of(file)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(series)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("infinite", "finite"));
    }

    static Stream<Arguments> badNames() {
        return Stream.of(
                Arguments.of("newline in a dataset", hawd("mail\\nquery", "queryTime", "1", "1000"), "control character"),
                Arguments.of("NUL in a measure", hawd("mail_query", "query\\u0000Time", "1", "1000"), "control character"),
                Arguments.of("escape in a parameter value", pytest("test_x", "1", "{\"size\": \"10\\u001b[31m\"}"), "control character"),
                Arguments.of("long measure", hawd("mail_query", LONG, "1", "1000"), "1001 characters long"),
                Arguments.of("long parameter value", pytest("test_x", "1", "{\"size\": \"" + LONG + "\"}"), "1001 characters long"),
                Arguments.of("newline in a parameter name", pytest("test_x", "1", "{\"si\\nze\": 1}"), "control character"),
                Arguments.of("newline in a JMH benchmark", jmh("org.x.Bench.r\\nun", "1"), "control character"),
                Arguments.of("long gbench name", gbench("BM_" + LONG, "1"), "characters long"),
                Arguments.of("tab in a pytest name", pytest("test\\tx", "1"), "control character"),
                Arguments.of("newline in a QtTest function", qttest("test&#10;Query", "1"), "control character"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badNames")
    void refusesNamesWithControlCharactersOrTooLong(String name, String content, String message) throws Exception {
        Path file = Files.writeString(dir.resolve(name.contains("QtTest") ? "results.xml" : "results.json"), content);

        assertThatThrownBy(() -> ResultsReader.create().read(List.of(file)))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\u0000", "\u001b").hasSizeLessThan(400));
    }
}
