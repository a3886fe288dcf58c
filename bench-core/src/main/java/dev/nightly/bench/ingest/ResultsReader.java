package dev.nightly.bench.ingest;

import dev.nightly.bench.definitions.Definitions;
import dev.nightly.bench.json.JsonInput;
import dev.nightly.bench.model.BenchmarkResults;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads results files into {@link BenchmarkResults}, all or nothing: one malformed file refuses the
 * whole set, so that nothing of a bad ingest reaches the history.
 *
 * <pre>{@code
 * BenchmarkResults results = ResultsReader.create()
 *         .withDefinitions(Path.of("hawd_defs"))
 *         .withParameterColumns(ParameterColumns.parse("rows"))
 *         .read(List.of(Path.of("mail_query.json")));
 * }</pre>
 */
public final class ResultsReader {
    private final ResultFormats formats;
    private final Definitions definitions;
    private final ParameterColumns parameterColumns;
    private final String format;

    private ResultsReader(ResultFormats formats, Definitions definitions, ParameterColumns parameterColumns, String format) {
        this.formats = formats;
        this.definitions = definitions;
        this.parameterColumns = parameterColumns;
        this.format = format;
    }

    public static ResultsReader create() {
        return new ResultsReader(ResultFormats.installed(), Definitions.none(), ParameterColumns.byUnit(), null);
    }

    /** Reads the HAWD definitions in {@code folder} now, so that a bad definition fails before any results. */
    public ResultsReader withDefinitions(Path folder) {
        return withDefinitions(Definitions.read(folder));
    }

    public ResultsReader withDefinitions(Definitions newDefinitions) {
        return new ResultsReader(formats, newDefinitions, parameterColumns, format);
    }

    public ResultsReader withParameterColumns(ParameterColumns newParameterColumns) {
        return new ResultsReader(formats, definitions, newParameterColumns, format);
    }

    /** Reads every file in the named format instead of detecting it; {@code null} or "auto" detects. */
    public ResultsReader withFormat(String name) {
        String chosen = name == null || name.isBlank() || "auto".equalsIgnoreCase(name.strip()) ? null : name;
        if (chosen != null) {
            formats.byName(chosen);
        }
        return new ResultsReader(formats, definitions, parameterColumns, chosen);
    }

    public Definitions definitions() {
        return definitions;
    }

    /** Reads all files; the first malformed one throws {@link dev.nightly.bench.model.BadInputException}. */
    public BenchmarkResults read(List<Path> files) {
        ReadSettings settings = new ReadSettings(definitions, parameterColumns);
        List<BenchmarkResults> parts = new ArrayList<>(files.size() + 1);
        // Definitions also describe datasets without results in these files: their names and bounds are kept.
        parts.add(new BenchmarkResults(definitions.infos(), List.of()));
        for (Path file : files) {
            ResultFormat chosen = format == null ? formats.detect(file) : formats.byName(format);
            try {
                BenchmarkResults part = chosen.read(file, settings);
                InputLimits.check(file, part);
                parts.add(part);
            }
            catch (IOException e) {
                throw JsonInput.unreadable(file, e);
            }
        }
        return BenchmarkResults.merge(parts);
    }
}
