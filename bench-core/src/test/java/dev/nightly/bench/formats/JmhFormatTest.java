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

import dev.nightly.bench.formats.jmh.JmhFormat;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.Observation;
import java.nio.file.Path;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhFormatTest {
    private static final String SAMPLE = "jmh/store-benchmarks.json";
    private static final String QUERY = "dev.kube.store.QueryBenchmark";
    private static final String INDEX = "dev.kube.store.IndexBenchmark";

    private final JmhFormat format = new JmhFormat();

    @TempDir
    Path dir;

    @Test
    void readsClassAsDatasetMethodAsMeasureAndParamsWithModeAsParameters() {
        BenchmarkResults results = read(format, sample(SAMPLE));

        assertThat(results.observations()).extracting(o -> o.key().id()).containsExactly(
                QUERY + "/query{mode=thrpt,rows=1000}",
                QUERY + "/query{mode=thrpt,rows=5000}",
                INDEX + "/rebuild{mode=avgt}",
                INDEX + "/rebuild:gc.alloc.rate.norm{mode=avgt}",
                INDEX + "/rebuild:gc.count{mode=avgt}",
                INDEX + "/lookup{mode=ss}");
        assertThat(results.datasets()).containsOnlyKeys(QUERY, INDEX);

        Observation query = observation(results, QUERY, "query", Map.of("rows", "5000", "mode", "thrpt"));
        assertThat(query.value()).isEqualTo(861.2093340121841);
        assertThat(query.error()).isEqualTo(23.940661378021283);
        assertThat(query.unit()).isEqualTo("ops/s");
        assertThat(query.time()).isNull();
        assertThat(query.commit()).isEmpty();
    }

    @Test
    void unitsGiveTheRightDirection() {
        BenchmarkResults results = read(format, sample(SAMPLE));

        assertThat(Direction.fromUnit(observation(results, QUERY, "query", Map.of("rows", "1000", "mode", "thrpt")).unit()))
                .isEqualTo(Direction.HIGHER_IS_BETTER);
        Observation rebuild = observation(results, INDEX, "rebuild", Map.of("mode", "avgt"));
        assertThat(rebuild.unit()).isEqualTo("ms/op");
        assertThat(Direction.fromUnit(rebuild.unit())).isEqualTo(Direction.LOWER_IS_BETTER);
        Observation allocation = observation(results, INDEX, "rebuild:gc.alloc.rate.norm", Map.of("mode", "avgt"));
        assertThat(allocation.unit()).isEqualTo("B/op");
        assertThat(Direction.fromUnit(allocation.unit())).isEqualTo(Direction.LOWER_IS_BETTER);
    }

    @Test
    void unknownErrorIsNaNNotZero() {
        BenchmarkResults results = read(format, sample(SAMPLE));

        Observation singleShot = observation(results, INDEX, "lookup", Map.of("mode", "ss"));
        assertThat(singleShot.value()).isCloseTo(381.92, within(1e-9));
        assertThat(singleShot.error()).isNaN();
        assertThat(observation(results, INDEX, "rebuild:gc.count", Map.of("mode", "avgt")).error()).isNaN();
        assertThat(observation(results, INDEX, "rebuild:gc.alloc.rate.norm", Map.of("mode", "avgt")).error()).isZero();
    }

    @Test
    void olderMiddleDotMetricNamesAndAParamCalledModeKeepTheirMeaning() {
        Path file = write(dir, "old.json", text(SAMPLE)
                .replace("\"gc.alloc.rate.norm\"", "\"\u00b7gc.alloc.rate.norm\"")
                .replace("\"rows\" : \"1000\"", "\"mode\" : \"fast\""));

        BenchmarkResults results = read(format, file);

        assertThat(results.observations()).extracting(o -> o.key().id())
                .contains(QUERY + "/query{jmh.mode=thrpt,mode=fast}", INDEX + "/rebuild:gc.alloc.rate.norm{mode=avgt}");
    }

    @Test
    void sampleModeWithAHistogramInsteadOfRawData() {
        Path file = write(dir, "sample.json", "[ {\n  \"jmhVersion\" : \"1.37\",\n  \"benchmark\" : \"dev.kube.mail.Renderer.render\",\n"
                + "  \"mode\" : \"sample\",\n  \"threads\" : 1,\n  \"forks\" : 1,\n  \"params\" : { \"theme\" : \"dark\" },\n"
                + "  \"primaryMetric\" : {\n    \"score\" : 0.218,\n    \"scoreError\" : 0.004,\n"
                + "    \"scoreConfidence\" : [ 0.214, 0.222 ],\n    \"scoreUnit\" : \"ms/op\",\n"
                + "    \"rawDataHistogram\" : [ [ [ [ 0.2, 812 ], [ 0.25, 177 ], [ 1.5, 2 ] ] ] ]\n  },\n"
                + "  \"secondaryMetrics\" : { \"render\u00b7p0.99\" : { \"score\" : 0.41, \"scoreError\" : \"NaN\", \"scoreUnit\" : \"ms/op\" } }\n} ]\n");

        BenchmarkResults results = read(format, file);

        assertThat(results.observations()).extracting(o -> o.key().id()).containsExactly(
                "dev.kube.mail.Renderer/render{mode=sample,theme=dark}",
                "dev.kube.mail.Renderer/render:render\u00b7p0.99{mode=sample,theme=dark}");
        assertThat(results.observations().get(0).error()).isEqualTo(0.004);
    }

    @Test
    void recognizesJmhOutputOnly() {
        assertThat(format.recognizes(text(SAMPLE))).isTrue();
        assertThat(format.recognizes(text("gbench/single-run.json"))).isFalse();
        assertThat(format.recognizes(text("pytest/sieve-benchmarks.json"))).isFalse();
        assertThat(format.recognizes("[ 1, 2, 3 ]")).isFalse();
        assertThat(format.recognizes("{\"dataset\": \"x\", \"rows\": []}")).isFalse();
    }

    @Test
    void refusesANonNumericScoreNamingBenchmarkAndField() {
        Path file = write(dir, "jmh.json", replaced(SAMPLE, "\"score\" : 861.2093340121841", "\"score\" : \"fast\""));

        String message = assertRefused(format, file);

        assertThat(message).isEqualTo(file + ": benchmark 2 (\"" + QUERY + ".query\"), primaryMetric.score: not a number: \"fast\"");
    }

    @Test
    void refusesMissingOrBrokenParts() {
        assertRefused(format, write(dir, "a.json", replaced(SAMPLE, "\"scoreUnit\" : \"ms/op\"", "\"scoreUnit\" : \"\"")),
                "benchmark 3 (\"" + INDEX + ".rebuild\"), primaryMetric.scoreUnit: must be a non-empty string");
        assertRefused(format, write(dir, "b.json", replaced(SAMPLE, "\"mode\" : \"ss\",", "")),
                "benchmark 4 (\"" + INDEX + ".lookup\"), mode: is missing");
        assertRefused(format, write(dir, "d.json", replaced(SAMPLE, "\"scoreError\" : 0.4127316019838871",
                "\"scoreError\" : -1")), "primaryMetric.scoreError: must be a non-negative number");
        assertRefused(format, write(dir, "e.json", replaced(SAMPLE, "\"rows\" : \"5000\"", "\"rows\" : [ 5000 ]")),
                "benchmark 2", "params.rows: must be a string");
        assertRefused(format, write(dir, "f.json", replaced(SAMPLE, "4170.112287406521,\n", "\"slow\",\n")),
                "benchmark 1", "primaryMetric.rawData[0][0]: not a number");
        assertRefused(format, write(dir, "g.json", "{ \"benchmark\": \"x\" }"), "is not JMH JSON results");
        assertRefused(format, write(dir, "h.json", "[ 42 ]"), "benchmark 1: must be an object");
    }

    @Test
    void refusesTheSameBenchmarkTwice() {
        String twice = text(SAMPLE).replace("\"rows\" : \"5000\"", "\"rows\" : \"1000\"");

        assertRefused(format, write(dir, "twice.json", twice), "benchmark 2", QUERY + "/query{mode=thrpt,rows=1000}",
                "a second value, 861.2093340121841 (the first, 4211.873021533814, at benchmark 1");
    }

    @Test
    void aBenchmarkWithoutAScoreIsSaidNotStored() {
        Path noScore = write(dir, "c.json", replaced(SAMPLE, "\"score\" : 381.92,", "\"score\" : \"NaN\","));
        Path missing = write(dir, "m.json", replaced(SAMPLE, "\"score\" : 381.92,", ""));

        for (Path file : List.of(noScore, missing)) {
            BenchmarkResults results = read(format, file);
            assertThat(results.observations()).noneMatch(o -> o.key().measure().equals("lookup"));
            assertThat(results.skipped()).singleElement().satisfies(s -> {
                assertThat(s.entry()).isEqualTo(INDEX + ".lookup [mode=ss]");
                assertThat(s.reason()).startsWith("no score");
            });
        }
    }
}
