package dev.nightly.bench.ingest;

import dev.nightly.bench.json.ContentKind;
import dev.nightly.bench.json.JsonInput;
import dev.nightly.bench.model.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The formats this engine reads, found through {@link ServiceLoader} so that this package depends on
 * none of them. A format registers itself in {@code META-INF/services/dev.nightly.bench.ingest.ResultFormat}.
 */
public final class ResultFormats {
    private static final int HEAD_BYTES = 64 * 1024;

    private final List<ResultFormat> formats;

    private ResultFormats(List<ResultFormat> formats) {
        this.formats = List.copyOf(formats);
    }

    /** Every format on the class path of this library (also inside a Jenkins plugin's class loader). */
    public static ResultFormats installed() {
        return new ResultFormats(ServiceLoader.load(ResultFormat.class, ResultFormat.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList());
    }

    public List<ResultFormat> all() {
        return formats;
    }

    public List<String> names() {
        return formats.stream().map(ResultFormat::name).toList();
    }

    /** The format called {@code name}; refuses an unknown name with the list of known ones. */
    public ResultFormat byName(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return formats.stream().filter(f -> f.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new BadInputException("unknown results format \"" + name + "\"; known formats: "
                        + String.join(", ", names())));
    }

    /** The format whose content {@code file} has; refuses a file that no format recognises. */
    public ResultFormat detect(Path file) {
        JsonInput.checkReadableFile(file, "a benchmark results file");
        byte[] bytes;
        boolean truncated;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(HEAD_BYTES);
            truncated = in.read() >= 0;
        }
        catch (IOException e) {
            throw JsonInput.unreadable(file, e);
        }
        String head = new String(bytes, StandardCharsets.UTF_8);
        if (head.startsWith("\uFEFF")) {
            head = head.substring(1);
        }
        String content = head;
        Optional<ResultFormat> format = formats.stream().filter(f -> f.recognizes(content)).findFirst();
        if (format.isPresent()) {
            return format.get();
        }
        if (content.isBlank()) {
            throw new BadInputException(file + ": is empty, expected benchmark results");
        }
        if (content.indexOf('\0') >= 0 || content.indexOf('\uFFFD') >= 0) {
            throw new BadInputException(file + ": holds binary data, not benchmark results");
        }
        throw new BadInputException(file + ": not a known benchmark results format ("
                + formats.stream().map(ResultFormat::name).collect(Collectors.joining(", "))
                + "); it holds " + ContentKind.describe(bytes, truncated));
    }
}
