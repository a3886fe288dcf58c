package dev.nightly.bench.formats;

import static dev.nightly.bench.formats.FormatTesting.assertRefused;
import static dev.nightly.bench.formats.FormatTesting.text;
import static dev.nightly.bench.formats.FormatTesting.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.bench.formats.catch2.Catch2Format;
import dev.nightly.bench.formats.gbench.GoogleBenchmarkFormat;
import dev.nightly.bench.formats.jmh.JmhFormat;
import dev.nightly.bench.formats.pytest.PytestBenchmarkFormat;
import dev.nightly.bench.formats.qttest.QtTestFormat;
import dev.nightly.bench.ingest.ResultFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The refusals every format shares: broken files of each kind, refused with one line naming the file. */
class MalformedInputTest {
    @TempDir
    Path dir;

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of(new JmhFormat(), "jmh/store-benchmarks.json", "[", "]"),
                Arguments.of(new GoogleBenchmarkFormat(), "gbench/parser-repetitions.json", "{\"a\":", "}"),
                Arguments.of(new PytestBenchmarkFormat(), "pytest/sieve-benchmarks.json", "{\"a\":", "}"),
                Arguments.of(new QtTestFormat(), "qttest/mailquerybenchmark.xml", "<TestCase name=\"x\">", "</TestCase>"),
                Arguments.of(new Catch2Format(), "catch2/mime-benchmarks.xml", "<Catch2TestRun>", "</Catch2TestRun>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void refusesEmptyAndBlankFiles(ResultFormat format, String sample, String open, String close) {
        assertRefused(format, write(dir, "empty", ""), "is empty");
        assertRefused(format, write(dir, "blank", " \n\t\n"), "is empty");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void refusesBinaryGarbage(ResultFormat format, String sample, String open, String close) throws IOException {
        byte[] garbage = new byte[4096];
        new java.util.Random(42).nextBytes(garbage);
        garbage[0] = (byte) open.charAt(0);
        Path file = Files.write(dir.resolve("garbage.bin"), garbage);

        assertRefused(format, file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void refusesTruncatedFiles(ResultFormat format, String sample, String open, String close) {
        String whole = text(sample);
        for (int cut : new int[] {whole.length() / 3, whole.length() / 2, whole.length() - 10}) {
            assertRefused(format, write(dir, "truncated", whole.substring(0, cut)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void refusesDeepNesting(ResultFormat format, String sample, String open, String close) {
        String content = open.repeat(5000) + close.repeat(5000);

        assertRefused(format, write(dir, "deep", content), "nested deeper than");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void refusesPlainTextAndTheWrongFormat(ResultFormat format, String sample, String open, String close) {
        assertRefused(format, write(dir, "text", "Failed to load dataset mail_query: no such table\n"), "it holds plain text of 1 line");
        String other = sample.endsWith(".xml") ? "gbench/single-run.json" : "catch2/catch2-v2.xml";
        assertRefused(format, write(dir, "other", text(other)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void refusesDirectoriesAndMissingFiles(ResultFormat format, String sample, String open, String close) {
        assertRefused(format, dir, "is a directory");
        assertRefused(format, dir.resolve("missing.json"), "no such file");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void refusesTrailingContent(ResultFormat format, String sample, String open, String close) {
        assertRefused(format, write(dir, "trailing", text(sample) + (sample.endsWith(".xml") ? "<more/>" : "{}")));
    }

    @Test
    void xmlWithADoctypeIsRefusedAndNoExternalEntityIsRead() throws IOException {
        Path secret = write(dir, "secret.txt", "top secret");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE TestCase [ <!ENTITY leak SYSTEM \"" + secret.toUri() + "\"> ]>\n"
                + "<TestCase name=\"&leak;\"><TestFunction name=\"f\">"
                + "<BenchmarkResult metric=\"WalltimeMilliseconds\" tag=\"&leak;\" value=\"1\" iterations=\"1\"/>"
                + "</TestFunction></TestCase>\n";
        String laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE Catch2TestRun [ <!ENTITY a \"aaaaaaaaaa\">"
                + " <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"> <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"> ]>\n"
                + "<Catch2TestRun><TestCase name=\"&c;\"/></Catch2TestRun>\n";

        String message = assertRefused(new QtTestFormat(), write(dir, "xxe.xml", xxe));
        assertThat(message).doesNotContain("top secret");
        assertRefused(new Catch2Format(), write(dir, "laughs.xml", laughs));
        assertRefused(new QtTestFormat(), write(dir, "entity.xml", "<TestCase name=\"&undeclared;\"/>"));
    }

    @Test
    void xmlEscapesAndCharacterReferencesAreRead() {
        Path file = write(dir, "escaped.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TestCase name=\"tst_Escapes\">\n"
                + "<TestFunction name=\"parse\">\n"
                + "<BenchmarkResult metric=\"WalltimeMilliseconds\" tag=\"a &amp; b &#x002D; &lt;c&gt;\" value=\"2.5\" iterations=\"2\" />\n"
                + "</TestFunction>\n</TestCase>\n");

        assertThat(FormatTesting.read(new QtTestFormat(), file).observations())
                .extracting(o -> o.key().parameters().get("tag")).containsExactly("a & b - <c>");
    }
}
