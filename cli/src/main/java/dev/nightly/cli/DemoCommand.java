package dev.nightly.cli;

import dev.nightly.bench.changes.AckStatus;
import dev.nightly.bench.changes.ChangePoint;
import dev.nightly.bench.changes.ChangeSettings;
import dev.nightly.bench.changes.ChangeTracker;
import dev.nightly.bench.changes.TrackedChange;
import dev.nightly.bench.chart.ChartSettings;
import dev.nightly.bench.check.CheckKind;
import dev.nightly.bench.check.CheckReport;
import dev.nightly.bench.check.CheckResult;
import dev.nightly.bench.check.CheckSettings;
import dev.nightly.bench.check.Checker;
import dev.nightly.bench.check.Verdict;
import dev.nightly.bench.definitions.Definitions;
import dev.nightly.bench.ingest.ResultsReader;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.Series;
import dev.nightly.cli.bench.ChangesText;
import dev.nightly.bench.model.Numbers;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.report.HtmlReport;
import dev.nightly.bench.report.ReportGenerator;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.HistoryStore;
import dev.nightly.bench.store.IngestSummary;
import dev.nightly.bench.store.SeriesInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nightly demo}: the whole benchmark side on sample data, for a newcomer's first minutes. Each
 * sample night's {@code hawd json} files become one build, as a nightly job would ingest them; every
 * build is checked as it would have been that night; the report is written; and what the checks found
 * is told with the build and commit where it started.
 *
 * <p>It uses the same engine calls as {@code nightly bench ingest|check|report}, so what it shows is
 * what those commands and the Jenkins step do with the same data.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the benchmark pipeline on the sample HAWD nights in examples/hawd:",
                "ingest each night's `hawd json` files as one build, check every build,",
                "write the HTML report, then print where it is and what the checks found",
                "(the build and commit where each finding started).",
                "Exit code 0 when the demo ran (finding things is its point); 2: bad input",
                "(missing or malformed sample data, OUT not a directory of the demo's)."})
public final class DemoCommand implements Callable<Integer> {
    /** Marks a directory as the demo's own, so that a later run may replace what is in it. */
    static final String MARKER = ".nightly-demo";

    @Spec
    CommandSpec spec;

    @Option(names = "--examples", paramLabel = "DIR", defaultValue = "examples/hawd",
            description = "Sample data: hawd_defs/ (HAWD definitions) and nights/<night>/*.json (default: ${DEFAULT-VALUE}).")
    Path examples;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/nightly-demo",
            description = "Where to write history/ and report/ (default: ${DEFAULT-VALUE}). Must be new, empty or "
                    + "an earlier demo's: each run replaces them.")
    Path out;

    @Override
    public Integer call() {
        Path definitionsDir = examples.resolve("hawd_defs");
        List<Path> nights = nights(examples.resolve("nights"));
        if (!Files.isDirectory(definitionsDir)) {
            throw noSamples();
        }
        Definitions definitions = Definitions.read(definitionsDir);
        ResultsReader reader = ResultsReader.create().withDefinitions(definitions);
        // Read every night before touching OUT: bad sample data leaves an earlier demo's output alone.
        List<List<Path>> files = new ArrayList<>();
        for (Path night : nights) {
            List<Path> json = jsonFiles(night);
            reader.read(json);
            files.add(json);
        }
        prepare(out);

        HistoryStore store = HistoryStore.open(out.resolve("history"));
        List<IngestSummary> ingests = new ArrayList<>();
        for (int i = 0; i < nights.size(); i++) {
            ingests.add(store.ingest(i + 1L, reader.read(files.get(i)), "", null));
        }
        HistorySnapshot snapshot = store.snapshot().withDatasets(definitions.infos());

        // Checking build N of the final history is checking it as it was that night: a check only
        // looks at the points before the one it checks.
        Checker checker = new Checker(CheckSettings.defaults());
        List<CheckReport> checks = new ArrayList<>();
        for (long build = 1; build <= nights.size(); build++) {
            checks.add(checker.check(snapshot, build));
        }
        print(nights, ingests, checks, builds(snapshot), snapshot);
        goOn(store, definitions, nights.size());
        return ExitCode.OK;
    }

    /** How many made-up nights follow the samples, and the one of them that brings a real regression. */
    public static final int MORE_NIGHTS = 10;
    public static final int SECOND_REGRESSION_AFTER = 4;
    public static final String SECOND_REGRESSION = "mail_query/queryTime{rows=1000}";
    public static final String SECOND_REGRESSION_RATE = "mail_query/queryResultPerMs{rows=1000}";

    /**
     * The second act: change points. More nights are made up from each series' recent level with 1% of
     * jitter, ingested and checked one at a time as a nightly job does. When the change check confirms the
     * regression of the samples, the demo acknowledges it as expected, as its owner would the next morning
     * with {@code bench ack}; the regression check's baseline moves past it, and a real regression that a
     * later night brings is still caught, by the regression check at once and as a change point once
     * confirmed. The report is written again with the change points marked.
     */
    private void goOn(HistoryStore store, Definitions definitions, int sampleNights) {
        PrintWriter stdout = spec.commandLine().getOut();
        Path history = out.resolve("history");
        stdout.println();
        stdout.println("Then " + MORE_NIGHTS + " more nights, made up by the demo from each series' recent level with 1% jitter,");
        stdout.println("each ingested and checked as it comes (the change check confirms a change point once it holds");
        stdout.println("for five nights, and two nights running); at build " + (sampleNights + SECOND_REGRESSION_AFTER)
                + " " + SECOND_REGRESSION + " gets 25% slower.");
        java.util.Random random = new java.util.Random(20261128L);
        Checker checker = new Checker(CheckSettings.defaults());
        ChangeTracker tracker = new ChangeTracker(ChangeSettings.defaults(), CheckSettings.defaults().directions());
        // Each series goes on at the median of its last five sample nights (memory at its last value: it
        // stopped creeping, but nobody brought it back under its bound).
        HistorySnapshot samples = store.snapshot();
        Map<SeriesInfo, Double> levels = new LinkedHashMap<>();
        LocalDateTime lastNight = null;
        for (SeriesInfo info : samples.series()) {
            Series recent = samples.readRecent(info.key(), 5);
            double[] last = recent.points().stream().mapToDouble(Point::value).toArray();
            levels.put(info, info.unit().equals("kb") ? recent.last().value() : dev.nightly.bench.changes.Robust.median(last));
            lastNight = lastNight == null || recent.last().time().isAfter(lastNight) ? recent.last().time() : lastNight;
        }
        for (int k = 1; k <= MORE_NIGHTS; k++) {
            long build = sampleNights + k;
            String commit = String.format(Locale.ROOT, "%09x", (build * 0x9E3779B97F4AL) & 0xFFFFFFFFFL);
            LocalDateTime time = lastNight.toLocalDate().plusDays(k).atTime(3, 0);
            List<Observation> observations = new ArrayList<>();
            for (Map.Entry<SeriesInfo, Double> entry : levels.entrySet()) {
                SeriesInfo info = entry.getKey();
                double level = entry.getValue();
                String id = info.key().id();
                if (k >= SECOND_REGRESSION_AFTER && id.equals(SECOND_REGRESSION)) {
                    level *= 1.25;
                } else if (k >= SECOND_REGRESSION_AFTER && id.equals(SECOND_REGRESSION_RATE)) {
                    level /= 1.25;
                }
                double jitter = info.unit().equals("kb") ? 0.001 : 0.01;
                observations.add(new Observation(info.key(), info.unit(), time, commit, level * (1 + jitter * random.nextGaussian()), Double.NaN));
            }
            IngestSummary ingest = store.ingest(build, new BenchmarkResults(Map.of(), observations), commit, time);
            CheckReport report = checker.check(store.snapshot().withDatasets(definitions.infos()), build);
            stdout.printf(Locale.ROOT, "  build %2d  made up   %s, commit %s   %3d new points   %s%n", build,
                    time.toLocalDate(), commit, ingest.newPoints(), verdicts(report));
            for (CheckResult result : report.results()) {
                if (result.kind() == CheckKind.CHANGE && result.isFlagged()) {
                    stdout.println("      " + result.describe());
                    ChangePoint change = tracker.list(store.snapshot(), store.snapshot().read(result.key())).stream()
                            .filter(TrackedChange::isOpenRegression).reduce((a, b) -> b).orElseThrow().change();
                    // Only the samples' regression is what its owner accepts (the slower 5000-row query); the
                    // memory creep, found once it stops creeping, stays open.
                    if (change.build() <= sampleNights && result.key().dataset().equals("mail_query")) {
                        String note = "the 5000-row query now sorts by date; accepted";
                        tracker.acknowledge(store.snapshot(), result.key().id(), change.build(), AckStatus.EXPECTED, note, "demo",
                                time.toInstant(java.time.ZoneOffset.UTC).plusSeconds(6 * 3600));
                        stdout.printf(Locale.ROOT, "      acknowledged: nightly bench ack --history %s --series '%s' --build %d --as expected --note '%s'%n",
                                history, result.key().id(), change.build(), note);
                    }
                }
            }
        }
        HistorySnapshot snapshot = store.snapshot().withDatasets(definitions.infos());
        stdout.println();
        stdout.println("Change points of the whole history, with what was decided (`nightly bench changes`):");
        for (TrackedChange change : tracker.list(snapshot)) {
            stdout.println("  " + ChangesText.describe(change));
        }
        CheckReport last = checker.check(snapshot, snapshot.latestBuild());
        stdout.println("Last night: " + last.summary());
        Path reportDir = out.resolve("report");
        HtmlReport report = new ReportGenerator(CheckSettings.defaults(), ChartSettings.defaults(), definitions,
                ReportGenerator.DEFAULT_MARKED_HISTORY).generate(snapshot,
                "Nightly demo: " + (sampleNights + MORE_NIGHTS) + " nights of HAWD benchmarks", LocalDateTime.now());
        report.writeTo(reportDir);
        stdout.println();
        stdout.println("Report: " + reportDir.toAbsolutePath().normalize().resolve("index.html").toUri());
        stdout.println("History: " + history + "  (try: ./nightly bench changes --history " + history + ")");
        stdout.flush();
    }

    private BadInputException noSamples() {
        return new BadInputException(examples + ": no sample data (expected hawd_defs/ and nights/<night>/*.json); "
                + "run from the repository root or pass --examples DIR");
    }

    private List<Path> nights(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw noSamples();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> nights = entries.filter(Files::isDirectory).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
            if (nights.isEmpty()) {
                throw new BadInputException(dir + ": no night folders");
            }
            return nights;
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<Path> jsonFiles(Path night) {
        try (Stream<Path> entries = Files.list(night)) {
            List<Path> files = entries.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
            if (files.isEmpty()) {
                throw new BadInputException(night + ": no .json files (expected `hawd json` output, one file per dataset)");
            }
            return files;
        } catch (IOException e) {
            throw new BadInputException(night + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Makes OUT ready for a fresh history. Only a directory that an earlier demo marked as its own is
     * cleared, and only the history in it (the report replaces its own files).
     */
    private static void prepare(Path out) {
        try {
            if (Files.exists(out)) {
                if (!Files.isDirectory(out)) {
                    throw new BadInputException("--out " + out + ": not a directory");
                }
                boolean empty;
                try (Stream<Path> entries = Files.list(out)) {
                    empty = entries.findAny().isEmpty();
                }
                if (!empty && !Files.exists(out.resolve(MARKER))) {
                    throw new BadInputException("--out " + out + ": not empty and not made by `nightly demo`; "
                            + "give a new or empty directory");
                }
                deleteTree(out.resolve("history"));
            }
            Files.createDirectories(out);
            Files.writeString(out.resolve(MARKER), "Made by `nightly demo`: its next run replaces history/ and report/.\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + out + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The earliest point of each build: its commit and when that night ran. */
    private static Map<Long, Point> builds(HistorySnapshot snapshot) {
        Map<Long, Point> first = new TreeMap<>();
        for (SeriesInfo info : snapshot.series()) {
            for (Point point : snapshot.read(info.key()).points()) {
                first.merge(point.build(), point, (a, b) -> a.time().isAfter(b.time()) ? b : a);
            }
        }
        return first;
    }

    private void print(List<Path> nights, List<IngestSummary> ingests, List<CheckReport> checks, Map<Long, Point> builds,
                       HistorySnapshot snapshot) {
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "Nightly demo: %d nights of HAWD results from %s (%d datasets, %d series)%n%n",
                nights.size(), examples, snapshot.datasets().size(), snapshot.series().size());

        stdout.println("Each night's files re-print the whole history; rows already stored are recognised and skipped.");
        stdout.println("Every build is checked against the builds before it (HAWD bounds; noise-aware regression check; change points).");
        for (int i = 0; i < nights.size(); i++) {
            IngestSummary ingest = ingests.get(i);
            stdout.printf(Locale.ROOT, "  build %2d  %-9s %s  %3d new points, %3d already stored   %s%n",
                    ingest.build(), nights.get(i).getFileName(), where(builds.get(ingest.build())),
                    ingest.newPoints(), ingest.knownPoints(), verdicts(checks.get(i)));
        }

        List<Finding> findings = findings(checks);
        stdout.println();
        stdout.println(findings.isEmpty() ? "The checks found nothing." : "What the checks found, from the build where it started:");
        for (Finding finding : findings) {
            CheckResult first = finding.results().get(0);
            String span = finding.firstBuild() == finding.lastBuild() ? "build " + finding.lastBuild()
                    : "builds " + finding.firstBuild() + "-" + finding.lastBuild();
            stdout.printf(Locale.ROOT, "  %-14s build %d (%s)  %s%n", label(first), finding.firstBuild(),
                    where(builds.get(finding.firstBuild())),
                    first.isFlagged() ? "flagged " + first.level() + " in " + span : "reported in " + span + ", not flagged");
            int width = finding.results().stream().mapToInt(r -> r.key().id().length()).max().orElse(0);
            for (CheckResult result : finding.results()) {
                stdout.printf(Locale.ROOT, "      %-" + width + "s  %s%n", result.key().id(), change(result));
            }
        }

        CheckReport last = checks.get(checks.size() - 1);
        stdout.println();
        stdout.println("Last night, build " + last.build() + " (what `nightly bench check` and the Jenkins step report for it):");
        for (CheckResult result : last.results()) {
            if (result.verdict() != Verdict.OK && result.verdict() != Verdict.NO_BASELINE) {
                stdout.println("  " + result.describe());
            }
        }
        stdout.println("  " + last.summary());
        stdout.flush();
    }

    private static String where(Point point) {
        if (point == null) {
            return "no values";
        }
        return point.time().toLocalDate() + ", commit " + (point.commit().isEmpty() ? "unknown" : point.commit());
    }

    private static String label(CheckResult result) {
        if (result.kind() == CheckKind.CHANGE) {
            return "CHANGE POINT";
        }
        return switch (result.verdict()) {
            case REGRESSED -> "REGRESSION";
            case IMPROVED -> "IMPROVEMENT";
            case OUT_OF_BOUNDS -> "OUT OF BOUNDS";
            default -> result.verdict().name();
        };
    }

    /** {@code 2 regressed, 1 improved}, or {@code ok}: what a build's checks said beyond "fine". */
    private static String verdicts(CheckReport report) {
        Map<Verdict, Long> counts = report.countByVerdict();
        List<String> parts = new ArrayList<>();
        for (Verdict verdict : List.of(Verdict.OUT_OF_BOUNDS, Verdict.REGRESSED, Verdict.IMPROVED)) {
            Long count = counts.get(verdict);
            if (count != null) {
                parts.add(count + " " + verdict.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        }
        if (parts.isEmpty()) {
            parts.add("ok");
        }
        Long first = counts.get(Verdict.NO_BASELINE);
        if (first != null) {
            parts.add(first + " new series" + ", nothing to compare with yet");
        }
        return String.join(", ", parts);
    }

    /** {@code 282 ms, was 215 ms: +31.2%} or {@code 40212 kb, allowed [0..40000]}. */
    private static String change(CheckResult result) {
        String unit = result.unit().isEmpty() ? "" : " " + result.unit();
        String value = Numbers.format(result.value()) + unit;
        if (result.kind() == CheckKind.BOUNDS) {
            return value + ", allowed " + result.baseline().description().replaceFirst("^bounds ", "");
        }
        if (result.baseline().value() == null) {
            return value;
        }
        return value + ", was " + Numbers.format(result.baseline().value()) + unit + " (" + result.baseline().description() + "): "
                + (result.changePercent() == null ? "" : Numbers.percent(result.changePercent()));
    }

    /**
     * Groups what the builds' checks said into findings: a series that keeps one verdict over consecutive
     * builds is one finding from its first build, and series that start the same verdict in the same
     * build (a commit that moved several measures) are told together.
     */
    static List<Finding> findings(List<CheckReport> checks) {
        Map<String, Run> open = new LinkedHashMap<>();
        List<Run> runs = new ArrayList<>();
        for (CheckReport report : checks) {
            for (CheckResult result : report.results()) {
                if (!isFinding(result.verdict())) {
                    continue;
                }
                String key = result.kind() + " " + result.key().id();
                Run run = open.get(key);
                if (run != null && run.first().verdict() == result.verdict() && run.lastBuild() == report.build() - 1) {
                    run.lastBuild = report.build();
                } else {
                    Run started = new Run(result, report.build());
                    open.put(key, started);
                    runs.add(started);
                }
            }
        }
        Map<String, Finding> findings = new LinkedHashMap<>();
        for (Run run : runs) {
            findings.computeIfAbsent(run.firstBuild() + " " + run.first().kind() + " " + run.first().verdict(),
                    k -> new Finding(run.first().verdict(), run.firstBuild(), new ArrayList<>())).runs().add(run);
        }
        List<Finding> sorted = new ArrayList<>(findings.values());
        sorted.sort(Comparator.comparingLong(Finding::firstBuild).thenComparing(Finding::verdict));
        return sorted;
    }

    private static boolean isFinding(Verdict verdict) {
        return verdict == Verdict.REGRESSED || verdict == Verdict.IMPROVED || verdict == Verdict.OUT_OF_BOUNDS;
    }

    /** One series' verdict over consecutive builds: its check in the first of them, and the last build. */
    private static final class Run {
        private final CheckResult first;
        private final long firstBuild;
        private long lastBuild;

        Run(CheckResult first, long build) {
            this.first = first;
            this.firstBuild = build;
            this.lastBuild = build;
        }

        CheckResult first() {
            return first;
        }

        long firstBuild() {
            return firstBuild;
        }

        long lastBuild() {
            return lastBuild;
        }
    }

    /**
     * Series that took one verdict in the same build.
     *
     * @param verdict    what the checks said
     * @param firstBuild the build where it started
     * @param runs       each series' run of builds with that verdict
     */
    record Finding(Verdict verdict, long firstBuild, List<Run> runs) {
        List<CheckResult> results() {
            return runs.stream().map(Run::first).toList();
        }

        /** The last build in which any of its series still had the verdict. */
        long lastBuild() {
            return runs.stream().mapToLong(Run::lastBuild).max().orElse(firstBuild);
        }
    }
}
