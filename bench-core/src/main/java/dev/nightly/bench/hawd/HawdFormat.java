package dev.nightly.bench.hawd;

import dev.nightly.bench.ingest.ReadSettings;
import dev.nightly.bench.ingest.ResultFormat;
import dev.nightly.bench.json.JsonInput;
import dev.nightly.bench.model.BenchmarkResults;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** The output of {@code hawd json <dataset>}: one dataset's whole history. */
public final class HawdFormat implements ResultFormat {
    /** HAWD sorts keys, so an export starts with {"dataset": (possibly after whitespace). */
    private static final Pattern START = Pattern.compile("^\\s*\\{\\s*\"(dataset|description|name|rows)\"\\s*:");

    @Override
    public String name() {
        return "hawd";
    }

    @Override
    public boolean recognizes(String head) {
        return START.matcher(head).find();
    }

    @Override
    public BenchmarkResults read(Path file, ReadSettings settings) throws IOException {
        JsonInput.checkStart(file, '{', "a \"hawd json\" export");
        return new HawdJsonReader(file, settings).read();
    }
}
