package dev.nightly.bench.hawd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.nightly.bench.TestFiles;
import dev.nightly.bench.ingest.ResultsReader;
import dev.nightly.bench.model.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a results file can be wrong is refused as a whole, in one line that says where. */
class HawdBadInputTest {
    private static final String ROW = """
            {"columns": [{"name": "rows", "unit": "", "value": 1000}, {"name": "time", "unit": "ms", "value": %s}],
             "commit": "abcdef123", "timestamp": "2026-11-20T03:00:00.000"}""";

    @TempDir
    Path dir;

    static Stream<Arguments> malformed() {
        String good = "{\"dataset\": \"mail_query\", \"rows\": [" + ROW.formatted("40") + ", " + ROW.formatted("41") + "]}";
        return Stream.of(
                Arguments.of("truncated JSON", good.substring(0, good.length() / 2 + 10), List.of("ends too early", "line")),
                Arguments.of("non-numeric string", "{\"dataset\": \"mail_query\", \"rows\": [" + ROW.formatted("\"fast\"") + "]}",
                        List.of("dataset mail_query", "row 1", "column \"time\"", "\"fast\" is not a number")),
                Arguments.of("rows not an array", "{\"dataset\": \"mail_query\", \"rows\": {\"a\": 1}}",
                        List.of("\"rows\" must be an array", "found an object")),
                Arguments.of("plain text instead of JSON", "Failed to load dataset mail_query: no such definition\n",
                        List.of("it holds plain text of 1 line")),
                Arguments.of("deeply nested JSON", "{\"dataset\": \"x\", \"rows\": " + "[".repeat(5000) + "]".repeat(5000) + "}",
                        List.of("row 1", "must be an object")),
                Arguments.of("empty file", "", List.of("is empty")),
                Arguments.of("blank file", "  \n\n ", List.of("is empty")),
                Arguments.of("unknown key", "{\"dataset\": \"mail_query\", \"rowz\": []}", List.of("unknown key \"rowz\"")),
                Arguments.of("no dataset", "{\"rows\": []}", List.of("no \"dataset\"")),
                Arguments.of("bad timestamp", "{\"dataset\": \"d\", \"rows\": [" + ROW.formatted("1").replace("2026-11-20T03:00:00.000", "yesterday") + "]}",
                        List.of("row 1", "\"timestamp\" is not an ISO-8601")),
                Arguments.of("bad commit", "{\"dataset\": \"d\", \"rows\": [" + ROW.formatted("1").replace("abcdef123", "not a sha!") + "]}",
                        List.of("row 1", "\"commit\" must be a hexadecimal")),
                Arguments.of("column twice", "{\"dataset\": \"d\", \"rows\": [" + ROW.formatted("1").replace("{\"name\": \"rows\", \"unit\": \"\", \"value\": 1000}",
                        "{\"name\": \"time\", \"unit\": \"ms\", \"value\": 2}") + "]}", List.of("column \"time\" appears twice")),
                Arguments.of("value an object", "{\"dataset\": \"d\", \"rows\": [" + ROW.formatted("{\"x\": 1}") + "]}",
                        List.of("row 1", "\"value\" must be a number")),
                Arguments.of("duplicate key", "{\"dataset\": \"d\", \"dataset\": \"e\", \"rows\": []}", List.of("key \"dataset\" appears twice")),
                Arguments.of("duplicate key in a row", "{\"dataset\": \"d\", \"rows\": [" + ROW.formatted("1").replace("\"commit\"", "\"timestamp\": \"2026-11-20T03:00:00\", \"commit\"") + "]}",
                        List.of("row 1: key \"timestamp\" appears twice")),
                Arguments.of("duplicate key in a column", "{\"dataset\": \"d\", \"rows\": [" + ROW.formatted("1, \"value\": 2") + "]}",
                        List.of("row 1: column 2: key \"value\" appears twice")),
                Arguments.of("trailing garbage", good + " {}", List.of("unexpected content after the end")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void isRefusedWithOneLineNamingTheFileAndPlace(String what, String content, List<String> expected) throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, content);

        assertRefused(file, expected);
    }

    @Test
    void binaryGarbageIsRefused() throws Exception {
        Path file = dir.resolve("garbage.json");
        byte[] bytes = new byte[2048];
        new java.util.Random(42).nextBytes(bytes);
        Files.write(file, bytes);

        assertRefused(file, List.of("binary data"));
    }

    @Test
    void invalidUtf8InsideJsonIsRefused() throws Exception {
        Path file = dir.resolve("latin1.json");
        byte[] start = "{\"dataset\": \"caf".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] rest = "\", \"rows\": []}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] bytes = new byte[start.length + 1 + rest.length];
        System.arraycopy(start, 0, bytes, 0, start.length);
        bytes[start.length] = (byte) 0xE9;
        System.arraycopy(rest, 0, bytes, start.length + 1, rest.length);
        Files.write(file, bytes);

        assertRefused(file, List.of("not UTF-8"));
    }

    @Test
    void aDirectoryIsRefused() {
        assertRefused(dir, List.of("is a directory"));
    }

    @Test
    void aMissingFileIsRefused() {
        assertRefused(dir.resolve("nope.json"), List.of("no such file"));
    }

    @Test
    void anUnreadableFileIsRefused() throws Exception {
        Path file = Files.copy(TestFiles.hawdNight(1), dir.resolve("secret.json"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(file)).as("root reads every file; covered by the file that fails on read").isFalse();

        assertRefused(file, List.of("cannot be read"));
    }

    @Test
    void aFileThatFailsOnReadIsRefused() {
        // A write-only kernel file: opening works even as root, reading fails, like a file on a broken disk.
        Path file = Path.of("/proc/self/clear_refs");
        assumeThat(Files.exists(file)).isTrue();

        assertThatThrownBy(() -> ResultsReader.create().withFormat("hawd").read(List.of(file)))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("cannot be read");
    }

    @Test
    void oneBadFileRefusesTheWholeSet() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"dataset\": \"d\", \"rows\": 3}");

        assertThatThrownBy(() -> ResultsReader.create().read(List.of(TestFiles.hawdNight(1), bad)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("bad.json");
    }

    private static void assertRefused(Path file, List<String> expected) {
        assertThatThrownBy(() -> ResultsReader.create().read(List.of(file)))
                .isInstanceOf(BadInputException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).startsWith(file.toString()).doesNotContain("\n");
                    assertThat(e.getMessage()).contains(expected);
                });
    }
}
