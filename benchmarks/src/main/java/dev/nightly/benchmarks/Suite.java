package dev.nightly.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite with modest settings (one fork, few iterations: the machine is shared) and prints
 * the figures against the targets of issue 7:
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [--nights N] [--table FILE] [--keep]
 * </pre>
 * The chart and check benchmarks run in a JVM with {@code -Xmx256m}: that they finish at all shows they
 * fit. For JMH's own command line (any benchmark, any option):
 * {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main -h}.
 */
public final class Suite {
    static final double INGEST_RATIO_TARGET = 2.0;
    static final double APPEND_RATIO_TARGET = 1.5;
    static final double CHART_MS_TARGET = 200;
    static final double CHECK_MS_TARGET = 50;
    static final String SMALL_HEAP = "-Xmx256m";

    private final Map<String, RunResult> results = new HashMap<>();

    private Suite() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        int nights = Fixture.DEFAULT_NIGHTS;
        Path table = null;
        boolean keep = false;
        boolean prepareOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--nights" -> nights = Integer.parseInt(args[++i]);
                case "--table" -> table = Path.of(args[++i]);
                case "--keep" -> keep = true;
                case "--prepare-only" -> prepareOnly = true;
                default -> {
                    System.err.println("usage: java -jar benchmarks.jar [--nights N] [--table FILE] [--keep] [--prepare-only]");
                    System.exit(2);
                }
            }
        }
        Path data = Fixture.defaultBase().resolve("nightly-benchmarks-" + nights);
        Fixture fixture = Fixture.at(data, nights);
        if (prepareOnly) {
            System.out.println("benchmark data ready in " + data);
            return;
        }
        Suite suite = new Suite();
        try {
            // A read takes most of a second: enough warm-up and samples that one slow collection does not decide it.
            suite.run(IngestBenchmark.class, fixture, "-Xmx3g", 1, 3, 8, 2);
            // Appends are ~20 ms of mostly file system calls: noisy on a shared machine, so more samples.
            suite.run(AppendBenchmark.class, fixture, "-Xmx1g", 2, 5, 15, 1);
            suite.run(PageBenchmark.class, fixture, SMALL_HEAP, 1, 3, 5, 2);
            suite.run(ChangeCheckBenchmark.class, fixture, SMALL_HEAP, 1, 3, 5, 2);
        }
        finally {
            if (!keep) {
                Fixture.deleteTree(data);
            }
        }
        String text = suite.table(fixture);
        System.out.println();
        System.out.println(text);
        if (table != null) {
            Files.writeString(table, text, StandardCharsets.UTF_8);
        }
    }

    private void run(Class<?> benchmark, Fixture fixture, String heap, int forks, int warmups, int iterations, int seconds)
            throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(benchmark.getName() + "\\.")
                .forks(forks)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .addProfiler(GCProfiler.class)
                .addProfiler(CpuTimeProfiler.class)
                .jvmArgs(heap, "-XX:+UseParallelGC",
                        "-D" + Fixture.DATA_PROPERTY + "=" + fixture.root(),
                        "-D" + Fixture.NIGHTS_PROPERTY + "=" + fixture.nights())
                .shouldFailOnError(false);
        Collection<RunResult> run = new Runner(options.build()).run();
        for (RunResult result : run) {
            String name = result.getParams().getBenchmark();
            results.put(name.substring(name.lastIndexOf('.') + 1), result);
        }
    }

    private String table(Fixture fixture) {
        double megabytes = fixture.exportBytes() / 1e6;
        long rows = (long) fixture.nights() * HawdHistory.rowsPerNight();
        long values = (long) fixture.nights() * HawdHistory.seriesCount();
        List<String[]> lines = new ArrayList<>();

        RunResult reader = results.get("resultsReader");
        RunResult floor = results.get("jacksonFloor");
        RunResult strict = results.get("jacksonStrict");
        lines.add(row("Ingest: ResultsReader.read, " + String.format(Locale.ROOT, "%.0f MB, %,d rows, %,d values", megabytes, rows, values),
                ms(reader) + rate(reader, megabytes, rows), "", "", ""));
        lines.add(row("Ingest floor: Jackson nextToken loop, default factory", ms(floor) + rate(floor, megabytes, rows), "", "", ""));
        lines.add(row("Ingest: Jackson nextToken loop, engine's strict factory", ms(strict) + rate(strict, megabytes, rows), "", "", ""));
        lines.add(ratioRow("Ingest / floor", reader, floor, INGEST_RATIO_TARGET));

        RunResult full = results.get("intoFullStore");
        RunResult empty = results.get("intoEmptyStore");
        lines.add(row("Append 1 night (" + HawdHistory.seriesCount() + " points) into store with " + fixture.nights() + " builds",
                ms(full), "", "", ""));
        lines.add(row("Append the same night into an empty store", ms(empty), "", "", ""));
        lines.add(ratioRow("Append full / empty", full, empty, APPEND_RATIO_TARGET));

        lines.add(timeRow("Chart model, one dataset page (" + HawdHistory.largestDataset() + ", 60 series, 1,000 points a line)",
                results.get("datasetChart"), CHART_MS_TARGET));
        lines.add(timeRow("Chart model, whole job (" + HawdHistory.seriesCount() + " series, " + fixture.nights()
                + " builds) as the plugin draws it (300 points a line, dataset by dataset)", results.get("jobCharts"), CHART_MS_TARGET));
        lines.add(timeRow("Job charts as ECharts JSON (the same + ChartJson.page)", results.get("jobChartsJson"), CHART_MS_TARGET));
        lines.add(timeRow("Job page as Jenkins opens it: newest 50 builds, ECharts JSON", results.get("jobChartsNewest50Json"),
                CHART_MS_TARGET));
        lines.add(timeRow("Checks of the latest build (built-in checks, " + HawdHistory.seriesCount() + " series)",
                results.get("checkLatestBuild"), CHECK_MS_TARGET));
        lines.add(timeRow("Checks of the latest build, " + HawdHistory.seriesCount() / ChangeCheckBenchmark.STEP_EVERY
                + " of the series with a fresh regression in their change point window (the night before checked)",
                results.get("checkLatestBuildWithFreshRegressions"), CHECK_MS_TARGET));
        for (String name : List.of("datasetChart", "jobCharts", "jobChartsJson", "jobChartsNewest50Json", "checkLatestBuild",
                "checkLatestBuildWithFreshRegressions")) {
            boolean ran = results.containsKey(name);
            lines.add(row("Heap: " + name + " in " + SMALL_HEAP, ran ? "ran" : "failed (OutOfMemoryError, see log)", "< 256 MB", "",
                    ran ? "PASS" : "MISS"));
        }

        StringBuilder out = new StringBuilder();
        out.append("| Figure | Measured: wall ms/op ± 99.9% error; process CPU ms/op; allocated MB/op | Target | Ratio | |\n");
        out.append("|---|---|---|---|---|\n");
        for (String[] line : lines) {
            out.append("| ").append(String.join(" | ", line)).append(" |\n");
        }
        return out.toString();
    }

    private static String[] row(String figure, String measured, String target, String ratio, String verdict) {
        return new String[] {figure, measured, target, ratio, verdict};
    }

    private static String[] ratioRow(String figure, RunResult measured, RunResult base, double target) {
        if (measured == null || base == null) {
            return row(figure, "missing", "≤ " + target + "x", "", "MISS");
        }
        double ratio = score(measured) / score(base);
        String text = String.format(Locale.ROOT, "%.2fx", ratio);
        Result<?> cpu = measured.getSecondaryResults().get(CpuTimeProfiler.NAME);
        Result<?> baseCpu = base.getSecondaryResults().get(CpuTimeProfiler.NAME);
        if (cpu != null && baseCpu != null) {
            text += String.format(Locale.ROOT, " (CPU %.2fx)", cpu.getScore() / baseCpu.getScore());
        }
        return row(figure, "", "≤ " + target + "x", text, ratio <= target ? "PASS" : "MISS");
    }

    private static String[] timeRow(String figure, RunResult result, double targetMs) {
        if (result == null) {
            return row(figure, "missing (failed, see log)", "< " + (int) targetMs + " ms", "", "MISS");
        }
        double ms = score(result);
        return row(figure, ms(result), "< " + (int) targetMs + " ms", String.format(Locale.ROOT, "%.2f of target", ms / targetMs),
                ms < targetMs ? "PASS" : "MISS");
    }

    private static double score(RunResult result) {
        return result.getPrimaryResult().getScore();
    }

    private static String ms(RunResult result) {
        if (result == null) {
            return "missing (failed, see log)";
        }
        Result<?> primary = result.getPrimaryResult();
        String text = String.format(Locale.ROOT, "%,.1f ± %,.1f ms", primary.getScore(), primary.getScoreError());
        Result<?> cpu = result.getSecondaryResults().get(CpuTimeProfiler.NAME);
        if (cpu != null) {
            text += String.format(Locale.ROOT, "; CPU %,.1f ms", cpu.getScore());
        }
        Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
        if (alloc != null) {
            text += String.format(Locale.ROOT, "; %,.1f MB alloc", alloc.getScore() / 1e6);
        }
        return text;
    }

    private static String rate(RunResult result, double megabytes, long rows) {
        if (result == null) {
            return "";
        }
        double seconds = score(result) / 1000;
        return String.format(Locale.ROOT, "; %.0f MB/s, %,.0f rows/s", megabytes / seconds, rows / seconds);
    }
}
