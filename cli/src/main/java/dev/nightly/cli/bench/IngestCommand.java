package dev.nightly.cli.bench;

import dev.nightly.bench.ingest.ParameterColumns;
import dev.nightly.bench.ingest.ResultsReader;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.Numbers;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.Skipped;
import dev.nightly.bench.store.HistoryStore;
import dev.nightly.bench.store.IngestPolicy;
import dev.nightly.bench.store.IngestPreview;
import dev.nightly.bench.store.IngestSummary;
import dev.nightly.cli.ExitCode;
import dev.nightly.cli.OutOfMemory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nightly bench ingest}: reads results files and stores what is new as one build. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Read benchmark results files and store their new values as build N.",
                "Files are all read before anything is stored: one bad file stores nothing.",
                "Values stored before (same series, time, commit and value) are recognised and skipped, so the whole "
                        + "'hawd json' history can be given every night.",
                "Benchmarks a file names without a value (failed, crashed, skipped) are listed after the summary."})
public final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HistoryOption history;

    @Option(names = "--build", required = true, paramLabel = "N", description = "The build number the new values belong to.")
    long build;

    @Option(names = "--commit", paramLabel = "SHA", defaultValue = "",
            description = "Commit for values whose file records none.")
    String commit;

    @Option(names = "--time", paramLabel = "ISO-8601",
            description = "Time for values whose file records none (default: now), e.g. 2026-11-28T03:00:00.")
    String time;

    @Option(names = "--definitions", paramLabel = "DIR", description = "Folder of HAWD dataset definitions (units, bounds).")
    Path definitions;

    @Option(names = "--parameters", paramLabel = "SPEC",
            description = "Override which columns are parameters: 'rows', 'mail_query:rows', '!count' (measured), comma-separated.")
    String parameters;

    @Option(names = "--format", paramLabel = "NAME", defaultValue = "auto",
            description = "Results format, or 'auto' to detect it from the content (default).")
    String format;

    @Option(names = "--strict", description = "Refuse a build that already holds values or is older than the newest "
            + "(default: store it with a warning).")
    boolean strict;

    @Option(names = "--max-new-series", paramLabel = "N", defaultValue = "" + IngestPolicy.DEFAULT_MAX_NEW_SERIES,
            description = "Refuse an ingest that would create more than N new series (default: ${DEFAULT-VALUE}).")
    int maxNewSeries;

    @Option(names = "--dry-run",
            description = "Print what would be stored (series, units, directions, parameters, skipped entries) and store nothing.")
    boolean dryRun;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Results files.")
    List<Path> files;

    @Override
    public Integer call() {
        // Every option is checked before anything is read or written: a bad --time leaves no store behind.
        LocalDateTime defaultTime = parseTime(time);
        IngestPolicy policy = new IngestPolicy(strict, maxNewSeries, files.size() == 1 ? files.get(0).toString()
                : files.size() + " files (" + files.get(0) + ", ...)");
        ResultsReader reader = ResultsReader.create()
                .withParameterColumns(ParameterColumns.parse(parameters))
                .withFormat(format);
        if (definitions != null) {
            reader = reader.withDefinitions(definitions);
        }
        ResultsReader chosen = reader;
        BenchmarkResults results = OutOfMemory.guard("reading", files, () -> chosen.read(files));
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            IngestPreview preview = HistoryStore.preview(history.directory, build, results, commit, defaultTime);
            for (IngestPreview.SeriesPreview series : preview.series()) {
                out.println(describe(series));
            }
            printSkipped(out, results);
            out.println("dry run, nothing stored: " + preview.summary());
            out.flush();
            return ExitCode.OK;
        }
        IngestSummary summary = OutOfMemory.guard("storing", files,
                () -> HistoryStore.open(history.directory).ingest(build, results, commit, defaultTime, policy));
        out.println(summary);
        printSkipped(out, results);
        out.flush();
        for (String warning : summary.warnings()) {
            spec.commandLine().getErr().println("nightly: warning: " + warning + " (--strict refuses this)");
        }
        spec.commandLine().getErr().flush();
        return ExitCode.OK;
    }

    /**
     * {@code new mail_query/queryTime{rows=5000}: 1 point, unit ms, lower is better, parameters rows=5000}: what a
     * first import would make of a file, the part a user cannot see in the results themselves.
     */
    private static String describe(IngestPreview.SeriesPreview series) {
        String direction = Direction.known(series.unit())
                .map(d -> d == Direction.LOWER_IS_BETTER ? "lower is better" : "higher is better")
                .orElse("direction unknown, not judged unless the checks name one");
        int count = series.points().size();
        Point last = series.points().get(count - 1);
        return (series.newSeries() ? "new " : "") + "series " + series.key().id() + ": " + count + (count == 1 ? " point" : " points")
                + " (last " + Numbers.format(last.value()) + (series.unit().isEmpty() ? "" : " " + series.unit()) + ")"
                + ", unit " + (series.unit().isEmpty() ? "none" : series.unit()) + ", " + direction
                + ", parameters " + (series.key().parameters().isEmpty() ? "none" : series.key().parameterText());
    }

    /** Benchmarks the files name without a value: never dropped without a word. */
    private static void printSkipped(PrintWriter out, BenchmarkResults results) {
        if (results.skipped().isEmpty()) {
            return;
        }
        out.println("skipped " + results.skipped().size() + (results.skipped().size() == 1 ? " benchmark" : " benchmarks")
                + " without a value (failed, crashed or skipped), not stored:");
        for (Skipped skipped : results.skipped()) {
            out.println("  " + skipped);
        }
    }

    static LocalDateTime parseTime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip());
        }
        catch (DateTimeParseException local) {
            try {
                return OffsetDateTime.parse(text.strip()).atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
            }
            catch (DateTimeParseException e) {
                throw new BadInputException("--time: \"" + text + "\" is not an ISO-8601 date and time (e.g. 2026-11-28T03:00:00)");
            }
        }
    }
}
