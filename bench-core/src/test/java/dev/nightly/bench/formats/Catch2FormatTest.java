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

import dev.nightly.bench.formats.catch2.Catch2Format;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.Observation;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Catch2FormatTest {
    private static final String SAMPLE = "catch2/mime-benchmarks.xml";

    private final Catch2Format format = new Catch2Format();

    @TempDir
    Path dir;

    @Test
    void readsTestCaseAsDatasetBenchmarkAsMeasureAndSectionsAsParameter() {
        BenchmarkResults results = read(format, sample(SAMPLE));

        assertThat(results.observations()).extracting(o -> o.key().id()).containsExactly(
                "MIME parsing/parse plain text mail",
                "MIME parsing/parse 5 MiB mail{section=multipart/with attachments}",
                "Header folding/fold long subject");
        assertThat(results.datasets()).containsOnlyKeys("MIME parsing", "Header folding");
    }

    @Test
    void theMeanInNanosecondsWithTheStandardErrorOfTheMean() {
        BenchmarkResults results = read(format, sample(SAMPLE));

        Observation plain = observation(results, "MIME parsing", "parse plain text mail", Map.of());
        assertThat(plain.value()).isEqualTo(10812.4);
        assertThat(plain.error()).isCloseTo(171.86 / 10, within(1e-9));
        assertThat(plain.unit()).isEqualTo("ns");
        assertThat(Direction.fromUnit(plain.unit())).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(plain.time()).isNull();
        assertThat(plain.commit()).isEmpty();
        Observation large = observation(results, "MIME parsing", "parse 5 MiB mail", Map.of("section", "multipart/with attachments"));
        assertThat(large.value()).isEqualTo(2.5771e+06);
        assertThat(large.error()).isCloseTo(58312.4 / Math.sqrt(50), within(1e-9));
    }

    @Test
    void readsCatch2Version2Reports() {
        BenchmarkResults results = read(format, sample("catch2/catch2-v2.xml"));

        Observation vcard = observation(results, "vCard import", "import 1000 contacts", Map.of());
        assertThat(vcard.value()).isEqualTo(8.0613e+06);
        assertThat(vcard.error()).isCloseTo(11703.4, within(1e-9));
    }

    @Test
    void recognizesCatch2ReportsOnly() {
        assertThat(format.recognizes(text(SAMPLE))).isTrue();
        assertThat(format.recognizes(text("catch2/catch2-v2.xml"))).isTrue();
        assertThat(format.recognizes(text("qttest/mailquerybenchmark.xml"))).isFalse();
        assertThat(format.recognizes("<!-- report -->\n<Catch2TestRun name=\"x\">")).isTrue();
        assertThat(format.recognizes("{\"Catch2TestRun\": 1}")).isFalse();
    }

    @Test
    void refusesBadResultsNamingLineTestCaseAndBenchmark() {
        Path file = write(dir, "a.xml", replaced(SAMPLE, "<mean value=\"712.913\"", "<mean value=\"712,913\""));
        assertThat(assertRefused(format, file)).isEqualTo(file
                + ": line 27, <mean> in \"Header folding / fold long subject\": attribute \"value\" is not a number: \"712,913\"");

        assertRefused(format, write(dir, "b.xml", replaced(SAMPLE,
                "<mean value=\"10812.4\" lowerBound=\"10784.2\" upperBound=\"10851.9\" ci=\"0.95\"/>", "")),
                "line 4, <BenchmarkResults> in \"MIME parsing / parse plain text mail\": has no <mean> element");
        assertRefused(format, write(dir, "c.xml", replaced(SAMPLE, "samples=\"50\"", "samples=\"lots\"")),
                "line 12", "attribute \"samples\" is not a number");
        assertRefused(format, write(dir, "d.xml", replaced(SAMPLE, "<BenchmarkResults name=\"fold long subject\"", "<BenchmarkResults")),
                "line 25", "attribute \"name\" is missing");
        assertRefused(format, write(dir, "e.xml", replaced(SAMPLE, "name=\"fold long subject\"", "name=\"parse plain text mail\"")
                .replace("<TestCase name=\"Header folding\"", "<TestCase name=\"MIME parsing\"")),
                "series MIME parsing/parse plain text mail a second value");
    }

    @Test
    void aFailedBenchmarkIsSaidNotStored() {
        BenchmarkResults results = read(format, sample("catch2/failed-benchmark.xml"));

        assertThat(results.observations()).extracting(o -> o.key().id()).containsExactly("MIME parsing/parse plain text mail");
        assertThat(results.skipped()).singleElement().satisfies(s -> {
            assertThat(s.entry()).isEqualTo("MIME parsing / parse multipart mail");
            assertThat(s.reason()).isEqualTo("failed at line 11: \"std::bad_alloc\"");
        });
    }

    @Test
    void aSecondXmlDocumentInAFileIsNamedAsSuch() {
        String one = text("catch2/failed-benchmark.xml");
        Path twice = write(dir, "twice.xml", one + one);

        assertRefused(format, twice, "line 17", "a second XML document starts here");
    }
}
