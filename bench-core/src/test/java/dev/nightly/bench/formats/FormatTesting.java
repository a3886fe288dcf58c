package dev.nightly.bench.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.bench.ingest.ReadSettings;
import dev.nightly.bench.ingest.ResultFormat;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.SeriesKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Shared helpers of the format tests: the sample files, reading, and checking refusals. */
public final class FormatTesting {
    private FormatTesting() {
    }

    /** A sample file under {@code src/test/resources/formats}. */
    public static Path sample(String name) {
        try {
            return Path.of(FormatTesting.class.getResource("/formats/" + name).toURI());
        }
        catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource formats/" + name, e);
        }
    }

    public static String text(String sample) {
        try {
            return Files.readString(sample(sample), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code content} to {@code dir/name}. */
    public static Path write(Path dir, String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample's text with one exact piece replaced; fails when the piece is not there (a stale test). */
    public static String replaced(String sample, String piece, String replacement) {
        String original = text(sample);
        assertThat(original).as("sample %s contains the piece to replace", sample).contains(piece);
        return original.replace(piece, replacement);
    }

    public static BenchmarkResults read(ResultFormat format, Path file) {
        try {
            return format.read(file, ReadSettings.defaults());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one observation of {@code dataset/measure{parameters}}. */
    public static Observation observation(BenchmarkResults results, String dataset, String measure, Map<String, String> parameters) {
        SeriesKey key = SeriesKey.of(dataset, measure, parameters);
        return results.observations().stream().filter(o -> o.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no observation of " + key.id() + " in "
                        + results.observations().stream().map(o -> o.key().id()).toList()));
    }

    /**
     * Asserts that reading {@code file} is refused with a single line that names the file and contains every
     * one of {@code fragments}; returns the message.
     */
    public static String assertRefused(ResultFormat format, Path file, String... fragments) {
        String[] message = new String[1];
        assertThatThrownBy(() -> format.read(file, ReadSettings.defaults()))
                .isInstanceOf(BadInputException.class)
                .satisfies(e -> {
                    message[0] = e.getMessage();
                    assertThat(e.getMessage()).startsWith(file.toString() + ": ").doesNotContain("\n");
                    for (String fragment : fragments) {
                        assertThat(e.getMessage()).contains(fragment);
                    }
                });
        return message[0];
    }
}
