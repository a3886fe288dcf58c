package dev.nightly.bench.formats;

import static dev.nightly.bench.formats.FormatTesting.assertRefused;
import static dev.nightly.bench.formats.FormatTesting.observation;
import static dev.nightly.bench.formats.FormatTesting.read;
import static dev.nightly.bench.formats.FormatTesting.replaced;
import static dev.nightly.bench.formats.FormatTesting.sample;
import static dev.nightly.bench.formats.FormatTesting.text;
import static dev.nightly.bench.formats.FormatTesting.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.bench.formats.qttest.QtTestFormat;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.Observation;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QtTestFormatTest {
    private static final String SAMPLE = "qttest/mailquerybenchmark.xml";

    private final QtTestFormat format = new QtTestFormat();

    @TempDir
    Path dir;

    @Test
    void readsTestCaseAsDatasetFunctionAsMeasureAndDataTagAsParameter() {
        BenchmarkResults results = read(format, sample(SAMPLE));

        assertThat(results.observations()).extracting(o -> o.key().id()).containsExactly(
                "MailQueryBenchmark/testInitialQuery{tag=1000 mails}",
                "MailQueryBenchmark/testInitialQuery{tag=5000 mails}",
                "MailQueryBenchmark/testIncrementalQuery{tag=1000 mails}",
                "MailQueryBenchmark/testParseHeaders:InstructionReads");
        assertThat(results.datasets()).containsOnlyKeys("MailQueryBenchmark");
    }

    @Test
    void sinceQt5TheValueIsAlreadyPerIteration() {
        BenchmarkResults results = read(format, sample(SAMPLE));

        Observation query = observation(results, "MailQueryBenchmark", "testInitialQuery", Map.of("tag", "5000 mails"));
        assertThat(query.value()).isEqualTo(142.75);
        assertThat(query.unit()).isEqualTo("ms");
        assertThat(query.error()).isNaN();
        assertThat(query.time()).isNull();
        assertThat(query.commit()).isEmpty();
        assertThat(Direction.fromUnit(query.unit())).isEqualTo(Direction.LOWER_IS_BETTER);
        Observation instructions = observation(results, "MailQueryBenchmark", "testParseHeaders:InstructionReads", Map.of());
        assertThat(instructions.value()).isEqualTo(1.23457e+06);
        assertThat(instructions.unit()).isEqualTo("instruction reads");
    }

    @Test
    void qt4WroteTheTotalOverAllIterations() {
        BenchmarkResults results = read(format, sample("qttest/qt4-storagebenchmark.xml"));

        Observation write = observation(results, "StorageBenchmark", "testWriteToFile", Map.of());
        assertThat(write.value()).isEqualTo(1650.0 / 64);
        assertThat(write.unit()).isEqualTo("ms");
    }

    @Test
    void rateMetricsAreHigherIsBetter() {
        Path file = write(dir, "fps.xml", text(SAMPLE).replace("metric=\"InstructionReads\"", "metric=\"FramesPerSecond\""));

        Observation fps = observation(read(format, file), "MailQueryBenchmark", "testParseHeaders:FramesPerSecond", Map.of());
        assertThat(Direction.fromUnit(fps.unit())).isEqualTo(Direction.HIGHER_IS_BETTER);
    }

    @Test
    void recognizesQtTestLogsOnly() {
        assertThat(format.recognizes(text(SAMPLE))).isTrue();
        assertThat(format.recognizes(text("qttest/qt4-storagebenchmark.xml"))).isTrue();
        assertThat(format.recognizes(text("catch2/mime-benchmarks.xml"))).isFalse();
        assertThat(format.recognizes(text("catch2/catch2-v2.xml"))).isFalse();
        assertThat(format.recognizes("<testsuite name=\"tst_x\"><testcase name=\"f\"/></testsuite>")).isFalse();
    }

    @Test
    void refusesBadAttributesNamingLineElementAndFunction() {
        Path file = write(dir, "a.xml", replaced(SAMPLE, "value=\"2.0625\"", "value=\"fast\""));
        assertThat(assertRefused(format, file)).isEqualTo(file
                + ": line 28, <BenchmarkResult> in \"MailQueryBenchmark::testIncrementalQuery\": attribute \"value\" is not a number: \"fast\"");

        assertRefused(format, write(dir, "b.xml", replaced(SAMPLE, "iterations=\"16\"", "iterations=\"0\"")),
                "line 28", "attribute \"iterations\" must be a whole number of at least 1");
        assertRefused(format, write(dir, "c.xml", replaced(SAMPLE, "value=\"142.75\"", "value=\"nan\"")),
                "line 17", "attribute \"value\" is not a number: \"nan\"");
        assertRefused(format, write(dir, "c2.xml", replaced(SAMPLE, "value=\"142.75\"", "value=\"Infinity\"")),
                "line 17", "attribute \"value\" is not a finite number");
        assertRefused(format, write(dir, "d.xml", replaced(SAMPLE, " metric=\"InstructionReads\"", "")),
                "line 35", "attribute \"metric\" is missing");
        assertRefused(format, write(dir, "e.xml", replaced(SAMPLE, "<TestCase name=\"MailQueryBenchmark\">", "<TestCase>")),
                "line 2, <TestCase>: attribute \"name\" is missing");
        assertRefused(format, write(dir, "f.xml", text(SAMPLE).replace("<TestFunction name=\"testIncrementalQuery\">",
                "<TestFunction name=\"testInitialQuery\">").replace("tag=\"1000 mails\" value=\"2.0625\"", "tag=\"5000 mails\" value=\"2.0625\"")),
                "MailQueryBenchmark/testInitialQuery{tag=5000 mails} a second value");
    }

    @Test
    void qt4MetricNamesOfARealQtLogGiveTheMeasuresAndUnitsOfQt5() {
        // Real logs of Qt 4.6.3's own selftests (see formats/qttest/README.md).
        BenchmarkResults walltime = read(format, sample("qttest/qt4-benchlibwalltime.xml"));
        BenchmarkResults callgrind = read(format, sample("qttest/qt4-benchlibcallgrind.xml"));
        BenchmarkResults events = read(format, sample("qttest/qt4-benchlibeventcounter.xml"));

        Observation wait = observation(walltime, "tst_BenchlibWalltime", "waitForOneThousand", Map.of());
        assertThat(wait.unit()).isEqualTo("ms");
        assertThat(wait.value()).isEqualTo(1005.0);
        assertThat(walltime.observations()).extracting(o -> o.key().measure())
                .containsExactly("waitForOneThousand", "waitForFourThousand", "qbenchmark_once");
        Observation instructions = observation(callgrind, "tst_BenchlibCallgrind", "twoHundredMillionInstructions:InstructionReads", Map.of());
        assertThat(instructions.unit()).isEqualTo("instruction reads");
        assertThat(observation(events, "tst_BenchlibEventCounter", "events:Events", Map.of("tag", "5000")).unit()).isEqualTo("events");
        assertThat(events.observations()).hasSize(7);
    }

    @Test
    void qt4MetricNamesAreTheQt5Measures() {
        BenchmarkResults results = read(format, sample("qttest/qt4-metric-names.xml"));

        assertThat(results.observations()).extracting(o -> o.key().id() + " " + o.unit() + " " + o.value()).containsExactly(
                "StorageBenchmark/write ms 125.0",
                "StorageBenchmark/write:InstructionReads instruction reads 1600000.0",
                "StorageBenchmark/write:CPUTicks CPU ticks 30000.0",
                "StorageBenchmark/write:Events events 2.0");
        assertThat(results.observations()).allSatisfy(o -> assertThat(Direction.fromUnit(o.unit())).isEqualTo(Direction.LOWER_IS_BETTER));
    }

    @Test
    void aRealLogOfThreeTestClassesIsReadWholeAndItsFailuresAreSaid() {
        // A real log of one binary running three test classes: three XML documents in one file.
        BenchmarkResults results = read(format, sample("qttest/qttestrunner-three-test-classes.xml"));

        assertThat(results.datasets()).containsOnlyKeys("tst_application", "tst_application2", "tst_main");
        assertThat(results.observations()).extracting(o -> o.key().id())
                .containsExactly("tst_main/benchmarkpasstest", "tst_main/benchmarkpassloggingtest");
        assertThat(results.skipped()).extracting(s -> s.entry() + " " + s.reason()).containsExactly(
                "tst_main::failtest failed at line 72: \"Compared values are not the same\"",
                "tst_main::failloggingtest failed at line 89: \"Compared values are not the same\"",
                "tst_main::xpasstest passed unexpectedly at line 104: \"QCOMPARE(0, 0) returned TRUE unexpectedly.\"");
    }

    @Test
    void everyTestClassOfALogIsReadAndAFailedDataTagIsSaidNotStored() {
        BenchmarkResults results = read(format, sample("qttest/two-test-classes.xml"));

        assertThat(results.observations()).extracting(o -> o.key().id() + " " + o.value()).containsExactly(
                "MailParserBenchmark/parsePlainText 1.25", "MailIndexBenchmark/indexMails{tag=100 mails} 12.5");
        assertThat(results.skipped()).singleElement().satisfies(s -> {
            assertThat(s.entry()).isEqualTo("MailIndexBenchmark::indexMails(5000 mails)");
            assertThat(s.reason()).isEqualTo("failed at line 23: \"'index.count() == 5000' returned FALSE. ()\"");
        });
    }

    @Test
    void aFaultInALaterDocumentIsReportedAtItsLineInTheFile() {
        Path file = write(dir, "two.xml", replaced("qttest/two-test-classes.xml", "value=\"12.5\"", "value=\"fast\""));

        assertRefused(format, file, "line 19, <BenchmarkResult> in \"MailIndexBenchmark::indexMails\"", "not a number: \"fast\"");
        String whole = text("qttest/two-test-classes.xml");
        int end = whole.lastIndexOf("</TestCase>");
        Path broken = write(dir, "broken.xml", whole.substring(0, end) + "</TestCas>\n");
        assertRefused(format, broken, "line 29, column 3: not well-formed XML");
    }
}
