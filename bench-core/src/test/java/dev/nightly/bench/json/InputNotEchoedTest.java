package dev.nightly.bench.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.bench.ingest.ResultsReader;
import dev.nightly.bench.model.BadInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A file given by mistake (a link to a key or token file) is described, never quoted: the error message
 * says what kind of content it holds and does not contain its text.
 */
class InputNotEchoedTest {
    static final String SECRET = "s3cr3t-T0KEN-4f8e2a";

    @TempDir
    Path dir;

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("token file", SECRET + "\n", "plain text of 1 line"),
                Arguments.of("shadow", "root:$6$" + SECRET + ":19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n",
                        "plain text of 2 lines"),
                Arguments.of("netrc", "machine example.org login ci password " + SECRET + "\n", "plain text of 1 line"),
                Arguments.of("json key file", "{\"type\": \"service_account\", \"private_key\": \"" + SECRET + "\"}",
                        "a JSON object with keys type, private_key"),
                Arguments.of("json key as name", "{\"" + SECRET + " x\": 1, \"b\": 2}", "a JSON object with keys b and 1 more"),
                Arguments.of("json array", "[\"" + SECRET + "\"]", "a JSON array"),
                Arguments.of("bare word", SECRET + "}", "plain text of 1 line"),
                Arguments.of("broken json", "{" + SECRET, "text starting with '{' that is not JSON"),
                Arguments.of("xml", "<?xml version=\"1.0\"?>\n<credentials><token>" + SECRET + "</token></credentials>",
                        "XML with root element <credentials>"),
                Arguments.of("binary", "\0\1\2" + SECRET, "binary data"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void anUnknownFileIsDescribedNotQuoted(String name, String content, String kind) throws Exception {
        Path file = Files.writeString(dir.resolve("results.json"), content, StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> ResultsReader.create().read(List.of(file)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(kind)
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining("T0KEN");
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("forced")
    void aFileReadAsAGivenFormatIsNotQuotedEither(String name, String format) throws Exception {
        String content = files().filter(a -> a.get()[0].equals(name)).findFirst().orElseThrow().get()[1].toString();
        Path file = Files.writeString(dir.resolve("results"), content, StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> ResultsReader.create().withFormat(format).read(List.of(file)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(file.toString())
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining("T0KEN");
    }

    static Stream<Arguments> forced() {
        return files().flatMap(file -> Stream.of("hawd", "jmh", "gbench", "qttest", "catch2", "pytest-benchmark")
                .map(format -> Arguments.of(file.get()[0], format)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void aDefinitionOrSettingsFileIsNotQuoted(String name, String content, String kind) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(kind.startsWith("a JSON object"), "a JSON object is valid settings JSON");
        Path file = Files.writeString(dir.resolve("checks.json"), content, StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> JsonInput.readTree(file, "check settings"))
                .isInstanceOf(BadInputException.class)
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining("T0KEN");
    }
}
