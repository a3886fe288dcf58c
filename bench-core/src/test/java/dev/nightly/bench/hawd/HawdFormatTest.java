package dev.nightly.bench.hawd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.bench.TestFiles;
import dev.nightly.bench.definitions.Definitions;
import dev.nightly.bench.ingest.ParameterColumns;
import dev.nightly.bench.ingest.ResultsReader;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.SeriesKey;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HawdFormatTest {
    @TempDir
    Path dir;

    @Test
    void readsAnExportWithUnsortedRowsNumericStringsAndSweeps() {
        BenchmarkResults results = ResultsReader.create().read(List.of(TestFiles.hawdNight(2)));

        assertThat(results.observations()).hasSize(8);
        SeriesKey fast = SeriesKey.of("mail_query", "queryTime", Map.of("rows", "1000"));
        assertThat(results.observations()).filteredOn(o -> o.key().equals(fast))
                .extracting(Observation::value).containsExactlyInAnyOrder(40.0, 41.0);
        // night 2 writes queryTime as the string "41"; it is a number all the same
        assertThat(results.observations()).filteredOn(o -> o.key().equals(fast) && o.commit().equals("a81b0e4f2"))
                .singleElement().satisfies(o -> {
                    assertThat(o.value()).isEqualTo(41.0);
                    assertThat(o.unit()).isEqualTo("ms");
                    assertThat(o.time()).isEqualTo(LocalDateTime.parse("2026-11-21T03:00:11.130"));
                });
        assertThat(results.datasets().get("mail_query").name()).isEqualTo("Mail Query");
    }

    @Test
    void numericStringParametersGiveTheSameSeriesAsNumbers() {
        // night 3 writes rows as "1000" (a string), the other nights as 1000
        BenchmarkResults results = ResultsReader.create().read(List.of(TestFiles.hawdNight(3)));

        assertThat(results.observations()).extracting(o -> (Map<String, String>) o.key().parameters())
                .containsOnly(Map.of("rows", "1000"), Map.of("rows", "5000"));
    }

    @Test
    void hugeExponentsInParametersStayShort() {
        Path file = TestFiles.write(dir, "q.json", """
                {"dataset": "mail_query", "rows": [
                  {"columns": [{"name": "rows", "unit": "", "value": 1e999999999},
                               {"name": "queryTime", "unit": "ms", "value": 12}],
                   "commit": "abcdef123", "timestamp": "2026-01-02T03:04:05.678"},
                  {"columns": [{"name": "rows", "unit": "", "value": "5e3"},
                               {"name": "queryTime", "unit": "ms", "value": 13}],
                   "commit": "abcdef123", "timestamp": "2026-01-02T03:04:05.678"},
                  {"columns": [{"name": "rows", "unit": "", "value": 1e99999999999},
                               {"name": "queryTime", "unit": "ms", "value": 14}],
                   "commit": "abcdef123", "timestamp": "2026-01-02T03:04:05.678"}]}
                """);

        BenchmarkResults results = ResultsReader.create().read(List.of(file));

        // Not a billion zeros: an exponent past 40 digits stays an exponent; 5e3 is still 5000.
        assertThat(results.observations()).extracting(o -> o.key().parameters().get("rows"))
                .containsExactly("1E+999999999", "5000", "1e99999999999");
    }

    @Test
    void nullValuesAndEmptyCommitsAreAccepted() {
        BenchmarkResults results = ResultsReader.create().read(List.of(TestFiles.resource("hawd/nights/buffer_creation.json")));

        assertThat(results.observations()).extracting(o -> o.key().measure() + "=" + o.value() + "@" + o.commit())
                .containsExactlyInAnyOrder("time=125.0@", "ops=80.0@", "time=130.0@a81b0e4f2");
    }

    @Test
    void definitionsGiveUnitsToColumnsWithoutAndBoundsToTheDataset() {
        Path file = TestFiles.write(dir, "q.json", """
                {"dataset": "mail_query", "rows": [
                  {"columns": [{"name": "rows", "unit": "", "value": 10},
                               {"name": "queryTime", "unit": "", "value": 12}],
                   "commit": "abcdef123", "timestamp": "2026-01-02T03:04:05.678"}]}
                """);
        BenchmarkResults results = ResultsReader.create().withDefinitions(TestFiles.hawdDefinitions()).read(List.of(file));

        assertThat(results.observations()).singleElement().satisfies(o -> {
            assertThat(o.key()).isEqualTo(SeriesKey.of("mail_query", "queryTime", Map.of("rows", "10")));
            assertThat(o.unit()).isEqualTo("ms");
        });
        assertThat(results.datasets().get("mail_query").boundsOf("queryTime").max()).isEqualTo(400.0);
    }

    @Test
    void userDecidesWhichColumnsAreParameters() {
        Path file = TestFiles.write(dir, "b.json", """
                {"dataset": "buffers", "rows": [
                  {"columns": [{"name": "count", "unit": "", "value": 7},
                               {"name": "size", "unit": "kb", "value": 64},
                               {"name": "time", "unit": "ms", "value": 3.5}],
                   "commit": "", "timestamp": "2026-01-02T03:04:05"}]}
                """);

        BenchmarkResults byUnit = ResultsReader.create().read(List.of(file));
        BenchmarkResults overridden = ResultsReader.create()
                .withParameterColumns(ParameterColumns.parse("buffers:!count, size")).read(List.of(file));

        assertThat(byUnit.observations()).extracting(o -> o.key().id())
                .containsExactlyInAnyOrder("buffers/size{count=7}", "buffers/time{count=7}");
        assertThat(overridden.observations()).extracting(o -> o.key().id())
                .containsExactlyInAnyOrder("buffers/count{size=64}", "buffers/time{size=64}");
    }

    @Test
    void textParametersNeedADefinitionThatSaysSo() throws Exception {
        String export = """
                {"dataset": "queries", "rows": [
                  {"columns": [{"name": "folder", "unit": "", "value": "inbox"},
                               {"name": "time", "unit": "ms", "value": 3}],
                   "commit": "", "timestamp": "2026-01-02T03:04:05"}]}
                """;
        Path file = TestFiles.write(dir, "results/queries.json", export);
        TestFiles.write(dir, "defs/queries", """
                {"name": "Queries", "columns": [{"name": "folder", "type": "String"}, {"name": "time", "unit": "ms"}]}
                """);

        assertThatThrownBy(() -> ResultsReader.create().read(List.of(file)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("queries.json").hasMessageContaining("row 1").hasMessageContaining("\"folder\"")
                .hasMessageContaining("not a number");
        BenchmarkResults results = ResultsReader.create().withDefinitions(Definitions.read(dir.resolve("defs"))).read(List.of(file));
        assertThat(results.observations()).singleElement()
                .satisfies(o -> assertThat(o.key().id()).isEqualTo("queries/time{folder=inbox}"));
    }

    @Test
    void isRecognisedByContent() {
        HawdFormat format = new HawdFormat();

        assertThat(format.recognizes("{\n    \"dataset\": \"mail_query\",\n")).isTrue();
        assertThat(format.recognizes("{\"benchmarks\": [], \"context\": {}}")).isFalse();
        assertThat(format.recognizes("Failed to load dataset mail_query")).isFalse();
    }
}
