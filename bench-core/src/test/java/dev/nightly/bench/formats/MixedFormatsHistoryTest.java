package dev.nightly.bench.formats;

import static dev.nightly.bench.formats.FormatTesting.sample;
import static dev.nightly.bench.formats.FormatTesting.text;
import static dev.nightly.bench.formats.FormatTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nightly.bench.ingest.ResultFormats;
import dev.nightly.bench.ingest.ResultsReader;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.model.SeriesKey;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.HistoryStore;
import dev.nightly.bench.store.IngestSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** All formats through the real reader into one real history store, the way {@code bench ingest} does it. */
class MixedFormatsHistoryTest {
    private static final List<String> SAMPLES = List.of("jmh/store-benchmarks.json", "gbench/parser-repetitions.json",
            "qttest/mailquerybenchmark.xml", "catch2/mime-benchmarks.xml", "pytest/sieve-benchmarks.json");
    private static final LocalDateTime NIGHT_1 = LocalDateTime.of(2026, 11, 20, 3, 0);
    private static final LocalDateTime NIGHT_2 = LocalDateTime.of(2026, 11, 21, 3, 0);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} is detected as {1}")
    @CsvSource({
            "jmh/store-benchmarks.json, jmh",
            "gbench/parser-repetitions.json, gbench",
            "gbench/single-run.json, gbench",
            "qttest/mailquerybenchmark.xml, qttest",
            "qttest/qt4-storagebenchmark.xml, qttest",
            "catch2/mime-benchmarks.xml, catch2",
            "catch2/catch2-v2.xml, catch2",
            "pytest/sieve-benchmarks.json, pytest-benchmark"})
    void everyFormatIsDetectedFromContentAmongAllInstalledFormats(String file, String format) {
        assertThat(ResultFormats.installed().detect(sample(file)).name()).isEqualTo(format);
    }

    @Test
    void everyFormatIsInstalledAndSelectableByName() {
        assertThat(ResultFormats.installed().names()).contains("jmh", "gbench", "qttest", "catch2", "pytest-benchmark");
        assertThat(ResultsReader.create().withFormat("catch2").read(List.of(sample("catch2/catch2-v2.xml"))).observations())
                .hasSize(1);
        assertThatThrownBy(() -> ResultsReader.create().withFormat("jmh").read(List.of(sample("catch2/catch2-v2.xml"))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("catch2-v2.xml: is not JMH JSON results");
    }

    @Test
    void nightsOfAllFormatsBuildOneHistory() throws IOException {
        HistoryStore store = HistoryStore.open(dir.resolve("history"));

        BenchmarkResults first = ResultsReader.create().read(SAMPLES.stream().map(FormatTesting::sample).toList());
        IngestSummary night1 = store.ingest(1, first, "1a2b3c4d5", NIGHT_1);
        assertThat(night1.newPoints()).isEqualTo(first.observations().size());
        assertThat(night1.newSeries()).isEqualTo(6 + 8 + 4 + 3 + 12);

        BenchmarkResults second = ResultsReader.create().read(secondNight());
        IngestSummary night2 = store.ingest(2, second, "6e7f8a9b0", NIGHT_2);
        assertThat(night2.newSeries()).isZero();

        HistorySnapshot history = store.snapshot();
        assertThat(history.datasets()).containsKeys("dev.kube.store.QueryBenchmark", "BM_MimeParse", "MailQueryBenchmark",
                "MIME parsing", "parse");

        Series jmh = history.read(SeriesKey.of("dev.kube.store.QueryBenchmark", "query", Map.of("mode", "thrpt", "rows", "5000")));
        assertThat(jmh.unit()).isEqualTo("ops/s");
        assertThat(jmh.points()).extracting(Point::build, Point::commit, Point::time, Point::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, "1a2b3c4d5", NIGHT_1, 861.2093340121841),
                        org.assertj.core.groups.Tuple.tuple(2L, "6e7f8a9b0", NIGHT_2, 1077.0));
        assertThat(jmh.points().get(0).error()).isEqualTo(23.940661378021283);

        // Google Benchmark knows when it ran: the file's time, the ingest's commit.
        Series gbench = history.read(SeriesKey.of("BM_MimeParse", "cpu_time", Map.of("arg0", "1024")));
        LocalDateTime ran = LocalDateTime.of(2026, 11, 20, 3, 12, 44).atZone(java.time.ZoneOffset.ofHours(1))
                .withZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
        assertThat(gbench.points().get(0).time()).isEqualTo(ran);
        assertThat(gbench.points().get(0).commit()).isEqualTo("1a2b3c4d5");
        assertThat(gbench.points().get(0).error()).isCloseTo(7.0258731160364320e+01 / Math.sqrt(3), within(1e-9));

        Series qt = history.read(SeriesKey.of("MailQueryBenchmark", "testInitialQuery", Map.of("tag", "5000 mails")));
        assertThat(qt.points()).extracting(Point::value).containsExactly(142.75, 171.5);
        assertThat(qt.points().get(0).hasError()).isFalse();

        Series catch2 = history.read(SeriesKey.of("MIME parsing", "parse plain text mail"));
        assertThat(catch2.unit()).isEqualTo("ns");
        assertThat(catch2.points()).extracting(Point::value).containsExactly(10812.4, 10790.0);

        // pytest-benchmark knows its commit; the second night's file is of a later commit.
        Series pytest = history.read(SeriesKey.of("parse", "test_parse_script", Map.of("script", "large")));
        assertThat(pytest.points()).extracting(Point::commit)
                .containsExactly("9f2c41b7e0d35a8c6e1f4b2d7a9c0e3f5b6d8a1c", "0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d");
        assertThat(pytest.unit()).isEqualTo("s");
    }

    @Test
    void filesThatSayWhenAndWhereTheyRanAreRecognisedWhenIngestedAgain() {
        HistoryStore store = HistoryStore.open(dir.resolve("history"));
        List<Path> dated = List.of(sample("gbench/parser-repetitions.json"), sample("pytest/sieve-benchmarks.json"));

        store.ingest(1, ResultsReader.create().read(dated), "", NIGHT_1);
        IngestSummary again = store.ingest(2, ResultsReader.create().read(dated), "", NIGHT_2);

        assertThat(again.newPoints()).isZero();
        assertThat(again.knownPoints()).isEqualTo(8 + 12);
    }

    @Test
    void oneBadFileRefusesTheWholeSetAndTheHistoryStaysAsItWas() {
        HistoryStore store = HistoryStore.open(dir.resolve("history"));
        store.ingest(1, ResultsReader.create().read(List.of(sample("catch2/catch2-v2.xml"))), "", NIGHT_1);
        Path bad = write(dir, "bad.json", text("jmh/store-benchmarks.json").replace("\"score\" : 381.92", "\"score\" : \"n/a\""));
        List<Path> files = List.of(sample("qttest/mailquerybenchmark.xml"), bad);

        assertThatThrownBy(() -> store.ingest(2, ResultsReader.create().read(files), "", NIGHT_2))
                .isInstanceOf(BadInputException.class)
                .hasMessage(bad + ": benchmark 4 (\"dev.kube.store.IndexBenchmark.lookup\"), primaryMetric.score: not a number: \"n/a\"");
        assertThat(store.snapshot().series()).hasSize(1);
        assertThat(store.snapshot().latestBuild()).isEqualTo(1);
    }

    /** The second night: the same benchmarks, some slower or faster, and a later commit for pytest. */
    private List<Path> secondNight() throws IOException {
        Path night = Files.createDirectories(dir.resolve("night2"));
        return List.of(
                write(night, "jmh.json", text(SAMPLES.get(0)).replace("\"score\" : 861.2093340121841", "\"score\" : 1077.0")),
                write(night, "gbench.json", text(SAMPLES.get(1)).replace("2026-11-20T03:12:44+01:00", "2026-11-21T03:11:02+01:00")),
                write(night, "qttest.xml", text(SAMPLES.get(2)).replace("value=\"142.75\"", "value=\"171.5\"")),
                write(night, "catch2.xml", text(SAMPLES.get(3)).replace("<mean value=\"10812.4\"", "<mean value=\"10790\"")),
                write(night, "pytest.json", text(SAMPLES.get(4))
                        .replace("9f2c41b7e0d35a8c6e1f4b2d7a9c0e3f5b6d8a1c", "0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d")
                        .replace("2026-11-20T02:14:51.604213+00:00", "2026-11-21T02:15:03.118020+00:00")));
    }
}
