package dev.nightly.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed sample data is exactly what {@link SampleNights} writes, so it can always be regenerated. */
class SampleNightsTest {
    /** Tests run in the module directory; the samples are at the repository root. */
    static final Path EXAMPLES = Path.of("..", "examples", "hawd");

    @TempDir
    Path temp;

    @Test
    void committedSamplesMatchTheGenerator() throws IOException {
        new SampleNights().writeTo(temp);

        List<Path> generated = relativeFiles(temp);
        assertThat(generated).hasSize(SampleNights.NIGHTS * 4 + 4);
        assertThat(relativeFiles(EXAMPLES).stream().filter(p -> !p.toString().equals("README.md")).toList())
                .as("files in %s (regenerate: java cli/src/test/java/dev/nightly/cli/demo/SampleNights.java examples/hawd)", EXAMPLES)
                .containsExactlyElementsOf(generated);
        for (Path file : generated) {
            assertThat(EXAMPLES.resolve(file)).as("regenerate with SampleNights").hasSameTextualContentAs(temp.resolve(file));
        }
    }

    @Test
    void generatorIsDeterministic() {
        assertThat(new SampleNights().generate()).isEqualTo(new SampleNights().generate());
    }

    private static List<Path> relativeFiles(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }
}
