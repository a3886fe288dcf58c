package dev.nightly.cli.bench;

import dev.nightly.bench.ingest.ParameterColumns;
import dev.nightly.bench.ingest.ResultsReader;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.store.HistoryStore;
import dev.nightly.bench.store.IngestPolicy;
import dev.nightly.bench.store.IngestSummary;
import dev.nightly.cli.ExitCode;
import dev.nightly.cli.OutOfMemory;
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
                "Values stored before (same series, time and commit) are recognised and skipped, so the whole "
                        + "'hawd json' history can be given every night."})
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
        IngestSummary summary = OutOfMemory.guard("storing", files,
                () -> HistoryStore.open(history.directory).ingest(build, results, commit, defaultTime, policy));
        spec.commandLine().getOut().println(summary);
        for (String warning : summary.warnings()) {
            spec.commandLine().getErr().println("nightly: warning: " + warning + " (--strict refuses this)");
        }
        spec.commandLine().getErr().flush();
        return ExitCode.OK;
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
