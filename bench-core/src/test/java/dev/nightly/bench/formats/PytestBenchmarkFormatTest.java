package dev.nightly.bench.formats;

import static dev.nightly.bench.formats.FormatTesting.assertRefused;
import static dev.nightly.bench.formats.FormatTesting.observation;
import static dev.nightly.bench.formats.FormatTesting.read;
import static dev.nightly.bench.formats.FormatTesting.replaced;
import static dev.nightly.bench.formats.FormatTesting.sample;
import static dev.nightly.bench.formats.FormatTesting.text;
import static dev.nightly.bench.formats.FormatTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nightly.bench.formats.pytest.PytestBenchmarkFormat;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.Observation;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PytestBenchmarkFormatTest {
    private static final String SAMPLE = "pytest/sieve-benchmarks.json";
    private static final String INTERPRETER = "tests/test_bench_interpreter.py";

    private final PytestBenchmarkFormat format = new PytestBenchmarkFormat(ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void readsGroupOrModuleAsDatasetTestAsMeasureAndParams() {
        BenchmarkResults results = read(format, sample(SAMPLE));

        assertThat(results.observations()).extracting(o -> o.key().id()).containsExactly(
                "parse/test_parse_script{script=small}",
                "parse/test_parse_script:median{script=small}",
                "parse/test_parse_script:min{script=small}",
                "parse/test_parse_script{script=large}",
                "parse/test_parse_script:median{script=large}",
                "parse/test_parse_script:min{script=large}",
                INTERPRETER + "/TestInterpreter::test_evaluate",
                INTERPRETER + "/TestInterpreter::test_evaluate:median",
                INTERPRETER + "/TestInterpreter::test_evaluate:min",
                INTERPRETER + "/test_match_address{depth=1,wildcard=true}",
                INTERPRETER + "/test_match_address:median{depth=1,wildcard=true}",
                INTERPRETER + "/test_match_address:min{depth=1,wildcard=true}");
        assertThat(results.datasets()).containsOnlyKeys("parse", INTERPRETER);
    }

    @Test
    void meanInSecondsWithStandardErrorAndTheFilesCommitAndRunTime() {
        BenchmarkResults results = read(format, sample(SAMPLE));

        Observation large = observation(results, "parse", "test_parse_script", Map.of("script", "large"));
        assertThat(large.value()).isEqualTo(0.004290915398058224);
        assertThat(large.error()).isCloseTo(0.00017640296120339876 / Math.sqrt(206), within(1e-15));
        assertThat(large.unit()).isEqualTo("s");
        assertThat(Direction.fromUnit(large.unit())).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(observation(results, "parse", "test_parse_script:min", Map.of("script", "large")).value())
                .isEqualTo(0.004127041000000013);
        assertThat(results.observations()).allSatisfy(o -> {
            assertThat(o.commit()).isEqualTo("9f2c41b7e0d35a8c6e1f4b2d7a9c0e3f5b6d8a1c");
            assertThat(o.time()).isEqualTo(LocalDateTime.of(2026, 11, 20, 2, 14, 51, 604213000));
        });
        assertThat(observation(results, INTERPRETER, "test_match_address", Map.of("depth", "1", "wildcard", "true")).error())
                .as("one round has no spread").isNaN();
    }

    @Test
    void timesLandInTheHistoryZoneAndOlderFilesUseTheCommitTime() {
        assertThat(read(new PytestBenchmarkFormat(ZoneId.of("Europe/Berlin")), sample(SAMPLE)).observations().get(0).time())
                .isEqualTo(LocalDateTime.of(2026, 11, 20, 3, 14, 51, 604213000));
        // pytest-benchmark 3 wrote datetime in UTC without an offset.
        Path old = write(dir, "old.json", replaced(SAMPLE, "\"2026-11-20T02:14:51.604213+00:00\"", "\"2026-11-20T02:14:51.604213\""));
        assertThat(read(new PytestBenchmarkFormat(ZoneId.of("Europe/Berlin")), old).observations().get(0).time())
                .isEqualTo(LocalDateTime.of(2026, 11, 20, 3, 14, 51, 604213000));
        Path noRunTime = write(dir, "norun.json", replaced(SAMPLE, ",\n    \"datetime\": \"2026-11-20T02:14:51.604213+00:00\"", ""));
        assertThat(read(format, noRunTime).observations().get(0).time()).isEqualTo(LocalDateTime.of(2026, 11, 19, 21, 41, 7));
    }

    @Test
    void withoutGitInformationCommitAndTimeComeFromTheIngest() {
        String noGit = text(SAMPLE).replaceAll("(?s)\"commit_info\": \\{.*?\\},", "\"commit_info\": {\"error\": \"CalledProcessError(128)\"},")
                .replace(",\n    \"datetime\": \"2026-11-20T02:14:51.604213+00:00\"", "");
        BenchmarkResults results = read(format, write(dir, "nogit.json", noGit));

        assertThat(results.observations()).allSatisfy(o -> {
            assertThat(o.commit()).isEmpty();
            assertThat(o.time()).isNull();
        });
    }

    @Test
    void parametersThatAreNotPlainValuesKeepTheirJsonText() {
        Path file = write(dir, "params.json", replaced(SAMPLE, "\"script\": \"large\"", "\"script\": {\"lines\": 4000}, \"cache\": null"));

        assertThat(read(format, file).observations()).extracting(o -> o.key().id())
                .contains("parse/test_parse_script{cache=None,script={\"lines\":4000}}");
    }

    @Test
    void recognizesPytestBenchmarkOnly() {
        assertThat(format.recognizes(text(SAMPLE))).isTrue();
        assertThat(format.recognizes(text("gbench/single-run.json"))).isFalse();
        assertThat(format.recognizes(text("jmh/store-benchmarks.json"))).isFalse();
    }

    @Test
    void refusesBadStatsNamingTheBenchmark() {
        Path file = write(dir, "a.json", replaced(SAMPLE, "\"mean\": 2.2103318518520414e-05", "\"mean\": \"fast\""));
        assertThat(assertRefused(format, file)).isEqualTo(file + ": benchmark 3 (\"" + INTERPRETER
                + "::TestInterpreter::test_evaluate\"), stats.mean: not a number: \"fast\"");

        assertRefused(format, write(dir, "b.json", replaced(SAMPLE, "\"rounds\": 206", "\"rounds\": 0")),
                "benchmark 2", "stats.rounds: must be at least 1");
        assertRefused(format, write(dir, "c.json", replaced(SAMPLE, "\"stddev\": 1.0218774591436563e-05", "\"stddev\": -1")),
                "benchmark 1", "stats.stddev: must not be negative");
        assertRefused(format, write(dir, "d.json", replaced(SAMPLE, "\"2026-11-20T02:14:51.604213+00:00\"", "\"yesterday\"")),
                "top level, datetime: not a date and time");
        assertRefused(format, write(dir, "e.json", replaced(SAMPLE, "\"params\": null", "\"params\": [1]")),
                "benchmark 3", "params: must be an object");
        assertRefused(format, write(dir, "f.json", replaced(SAMPLE, "\"script\": \"large\"", "\"script\": \"small\"")),
                "benchmark 2", "parse/test_parse_script{script=small} a second value");
    }

    @Test
    void aRealPytestBenchmark2FileKeepsTheParametrizeIdOfTheName() {
        // pytest-benchmark 2.5 wrote neither params nor param (see formats/pytest/README.md).
        BenchmarkResults results = read(format, sample("pytest/pytest-benchmark-2.5-parametrized.json"));

        assertThat(results.observations()).extracting(o -> o.key().id()).containsExactly(
                "tests/test_normal.py/test_xfast_parametrized{param=0}",
                "tests/test_normal.py/test_xfast_parametrized:median{param=0}",
                "tests/test_normal.py/test_xfast_parametrized:min{param=0}");
    }

    @Test
    void parametersThatHoldAMemoryAddressGiveWayToTheStableId() {
        Path first = sample("pytest/unserializable-params.json");
        Path second = write(dir, "run2.json", text("pytest/unserializable-params.json").replace("0x7f3a2c1d5e80", "0x7f09b44e1a30"));

        List<String> keys = read(format, first).observations().stream().map(o -> o.key().id()).toList();

        assertThat(keys).containsExactly("tests/test_solver.py/test_solve{param=basic}", "tests/test_solver.py/test_solve:median{param=basic}",
                "tests/test_solver.py/test_solve:min{param=basic}", "tests/test_solver.py/test_solve{param=dense}",
                "tests/test_solver.py/test_solve:median{param=dense}", "tests/test_solver.py/test_solve:min{param=dense}");
        assertThat(read(format, second).observations()).extracting(o -> o.key().id()).isEqualTo(keys);
        assertThat(keys).noneMatch(key -> key.contains("0x"));
    }

    @Test
    void idsOfVersion2NamesBecomeTheParamParameter() {
        String stats = "\"stats\": {\"min\": 0.001, \"max\": 0.002, \"mean\": 0.0015, \"stddev\": 0.0001, \"rounds\": 10, \"median\": 0.0015}";
        Path file = write(dir, "v2.json", "{\"machine_info\": {\"node\": \"ci\"}, \"version\": \"2.5.0\", \"benchmarks\": ["
                + "{\"name\": \"test_parse[small-10]\", \"fullname\": \"tests/test_parse.py::test_parse[small-10]\", \"group\": null, " + stats + "},"
                + "{\"name\": \"test_parse[large-1000]\", \"fullname\": \"tests/test_parse.py::test_parse[large-1000]\", \"group\": null, " + stats + "}]}");

        assertThat(read(format, file).observations()).extracting(o -> o.key().id()).contains(
                "tests/test_parse.py/test_parse{param=small-10}", "tests/test_parse.py/test_parse{param=large-1000}");
    }
}
