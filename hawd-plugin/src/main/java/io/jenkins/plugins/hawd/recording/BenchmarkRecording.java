package io.jenkins.plugins.hawd.recording;

import dev.nightly.bench.check.CheckReport;
import dev.nightly.bench.check.CheckResult;
import dev.nightly.bench.check.CheckSettings;
import dev.nightly.bench.check.Checker;
import dev.nightly.bench.check.Level;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.store.IngestSummary;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.hawd.build.BenchmarkBuildAction;
import io.jenkins.plugins.hawd.build.ResultRow;
import io.jenkins.plugins.hawd.history.BuildFiles;
import io.jenkins.plugins.hawd.history.JobHistory;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one implementation behind the Pipeline step and the freestyle recorder: parse on the agent,
 * keep the build's own copy, add to the job's history, check, show, and set the result.
 */
public final class BenchmarkRecording {
    private static final String PREFIX = "[Benchmarks] ";

    private BenchmarkRecording() {
    }

    /**
     * Records the benchmark results of {@code run}.
     *
     * @return the summary the Pipeline step returns (see {@link #summary})
     */
    public static Map<String, Object> record(Run<?, ?> run, FilePath workspace, EnvVars env, TaskListener listener,
            RecordingRequest request, ResultMarker marker) throws IOException, InterruptedException {
        long started = System.nanoTime();
        long startedCpu = cpuNanos();
        PrintStream log = listener.getLogger();
        // What the user typed is judged here, before the agent is asked anything (its workspace may not
        // even exist yet): a pattern that leaves the workspace is refused as such.
        request.checkPaths();
        String commit = defaultCommit(env);
        LocalDateTime time = LocalDateTime.ofInstant(Instant.ofEpochMilli(run.getStartTimeInMillis()), ZoneId.systemDefault());
        long build = run.getNumber();

        JobHistory history = JobHistory.of(run.getParent());
        Map<String, LocalDateTime> lastTimes = Map.of();
        try {
            if (history.exists()) {
                // A day of slack for agents whose clocks run ahead of the controller's.
                lastTimes = history.snapshot().lastTimes(time.plusDays(1));
            }
        }
        catch (BadInputException | UncheckedIOException e) {
            log.println(PREFIX + "the job's history cannot be read (" + e.getMessage() + "); every value is sent");
        }
        long agentStarted = System.nanoTime();
        long agentStartedCpu = cpuNanos();
        WorkspaceResultsReader.Parsed parsed = workspace.act(new WorkspaceResultsReader(request, lastTimes));
        long agentNanos = System.nanoTime() - agentStarted;
        // Zero on a remote agent; the reading's own CPU when the workspace is on the controller.
        long agentCpu = cpuNanos() - agentStartedCpu;
        log.println(PREFIX + "'" + request.results() + "' matched " + parsed.files().size() + " file(s)"
                + (parsed.files().isEmpty() ? "" : ": " + String.join(", ", parsed.files())));
        logSkipped(log, parsed.skipped());
        if (parsed.alreadyRecorded() > 0) {
            log.println(PREFIX + parsed.alreadyRecorded() + " value(s) not newer than their series in the job's history"
                    + " were left out (HAWD prints its whole history on every run)");
        }

        BenchmarkResults results;
        try {
            results = parsed.results();
        }
        catch (BadInputException e) {
            throw new AbortException("cannot read the parsed results: " + e.getMessage());
        }
        if (results.isEmpty() && parsed.alreadyRecorded() > 0) {
            // Results were there, all of them recorded before (the same export again): not an empty run.
            log.println(PREFIX + "nothing new to record: all " + parsed.alreadyRecorded()
                    + " value(s) are in the job's history already");
            return summary(null, 0, Result.SUCCESS);
        }
        if (results.isEmpty()) {
            String message = "no benchmark results in '" + request.results() + "'";
            if (request.failIfEmpty()) {
                throw new AbortException(message + " (failIfEmpty is set)");
            }
            log.println(PREFIX + message + "; nothing recorded");
            return summary(null, 0, Result.SUCCESS);
        }

        CheckSettings settings;
        try {
            settings = request.checkSettings(parsed.checksText());
        }
        catch (BadInputException e) {
            throw new AbortException(e.getMessage());
        }

        // The build's own copy first: if the history store is lost later, it is rebuilt from these files.
        // A second recordBenchmarks in the same build (another stage) adds to the copy of the first.
        BuildFiles files = BuildFiles.in(run.getRootDir().toPath());
        BenchmarkResults buildResults = results;
        if (files.hasResults()) {
            try {
                buildResults = BenchmarkResults.merge(List.of(files.readResults(), results));
            }
            catch (BadInputException e) {
                log.println(PREFIX + "replacing this build's unreadable earlier results copy: " + e.getMessage());
            }
        }
        files.writeResults(buildResults, commit, time);

        IngestSummary ingest;
        CheckReport report;
        try {
            ingest = history.ingest(build, results, commit, time);
            report = new Checker(settings).check(history.snapshot(), build);
        }
        catch (BadInputException | UncheckedIOException e) {
            throw new AbortException("cannot record benchmarks: " + e.getMessage());
        }
        log.println(PREFIX + ingest);
        for (String warning : ingest.warnings()) {
            log.println(PREFIX + "warning: " + warning);
        }

        List<ResultRow> rows = new ArrayList<>(report.results().size());
        for (CheckResult result : report.results()) {
            rows.add(ResultRow.of(result));
        }
        files.writeReport(BenchmarkBuildAction.toJson(rows));

        List<CheckResult> flagged = report.flagged();
        log.println(PREFIX + report.summary());
        for (CheckResult result : flagged) {
            log.println(PREFIX + result.describe());
        }

        Result gate = report.worstLevel().map(BenchmarkRecording::resultOf).orElse(Result.SUCCESS);
        int failures = (int) flagged.stream().filter(r -> r.level() == Level.FAILURE).count();
        long series = report.results().stream().map(CheckResult::key).distinct().count();
        run.addOrReplaceAction(new BenchmarkBuildAction(parsed.files().size(), (int) series, report.results().size(),
                ingest.newPoints(), flagged.size(), failures, gate.toString(), report.summary()));
        if (gate != Result.SUCCESS) {
            String message = flagged.size() + " benchmark check(s) flagged: " + flagged.get(0).describe()
                    + (flagged.size() > 1 ? " (and " + (flagged.size() - 1) + " more)" : "");
            log.println(PREFIX + "quality gate: " + gate);
            marker.mark(gate, message);
        }
        // The controller's share is what a busy controller pays for; the agent's is the files' reading.
        long controllerNanos = System.nanoTime() - started - agentNanos;
        long controllerCpu = cpuNanos() - startedCpu - agentCpu;
        log.println(PREFIX + "took " + controllerNanos / 1_000_000 + " ms on the controller ("
                + Math.max(0, controllerCpu) / 1_000_000 + " ms of CPU) and " + agentNanos / 1_000_000
                + " ms on the agent (finding and reading the results files)");
        return summary(report, parsed.files().size(), gate);
    }

    /** This thread's CPU time so far, or 0 where the JVM cannot tell. */
    private static long cpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? Math.max(0, threads.getCurrentThreadCpuTime()) : 0;
    }

    static Result resultOf(Level level) {
        return level == Level.FAILURE ? Result.FAILURE : Result.UNSTABLE;
    }

    /** The commit of observations that carry none: the checked-out commit if the SCM step exported it. */
    static String defaultCommit(EnvVars env) {
        String commit = env == null ? null : env.get("GIT_COMMIT");
        return commit == null ? "" : commit.strip();
    }

    /**
     * What the step returns to the Jenkinsfile: {@code result}, {@code files}, {@code series}, {@code checks},
     * {@code flagged} (checks), {@code failures}, {@code regressed}, {@code outOfBounds}, {@code improved},
     * {@code flaggedSeries} (distinct series ids), {@code summary}. Plain strings, numbers and lists, which CPS can keep.
     */
    static Map<String, Object> summary(CheckReport report, int files, Result gate) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("result", gate.toString());
        summary.put("files", files);
        Set<String> flaggedSeries = new LinkedHashSet<>();
        int series = 0;
        int checks = 0;
        int flagged = 0;
        int failures = 0;
        int regressed = 0;
        int outOfBounds = 0;
        int improved = 0;
        if (report != null) {
            series = (int) report.results().stream().map(CheckResult::key).distinct().count();
            checks = report.results().size();
            for (CheckResult result : report.results()) {
                switch (result.verdict()) {
                    case REGRESSED -> regressed++;
                    case OUT_OF_BOUNDS -> outOfBounds++;
                    case IMPROVED -> improved++;
                    default -> { }
                }
                if (result.isFlagged()) {
                    flagged++;
                    flaggedSeries.add(result.key().id());
                    if (result.level() == Level.FAILURE) {
                        failures++;
                    }
                }
            }
        }
        summary.put("series", series);
        summary.put("checks", checks);
        summary.put("flagged", flagged);
        summary.put("failures", failures);
        summary.put("regressed", regressed);
        summary.put("outOfBounds", outOfBounds);
        summary.put("improved", improved);
        summary.put("flaggedSeries", new ArrayList<>(flaggedSeries));
        summary.put("summary", report == null ? "no benchmark results" : report.summary());
        return summary;
    }

    /** Lines of this many characters at most, and this many lines: the text comes from the agent's files. */
    private static final int SKIPPED_LINE = 300;
    private static final int SKIPPED_LINES = 50;

    /**
     * Benchmarks the results files name without a value (failed, crashed, skipped): never dropped in
     * silence. The check then shows their series as MISSING.
     */
    private static void logSkipped(PrintStream log, List<String> skipped) {
        if (skipped.isEmpty()) {
            return;
        }
        log.println(PREFIX + skipped.size() + " benchmark(s) without a value (failed, crashed or skipped), not recorded:");
        for (String line : skipped.subList(0, Math.min(SKIPPED_LINES, skipped.size()))) {
            String clean = line.replaceAll("\\p{Cntrl}", " ");
            log.println(PREFIX + "  " + (clean.length() > SKIPPED_LINE ? clean.substring(0, SKIPPED_LINE) + "..." : clean));
        }
        if (skipped.size() > SKIPPED_LINES) {
            log.println(PREFIX + "  and " + (skipped.size() - SKIPPED_LINES) + " more");
        }
    }
}
