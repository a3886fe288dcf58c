package dev.nightly.benchmarks.cold;

import dev.nightly.benchmarks.Fixture;
import dev.nightly.benchmarks.HawdHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * The command line as users run it, from cold: every figure is a new process of the real jar (through the
 * {@code nightly} launcher when there is one, so that what the launcher adds counts), timed from start to
 * exit, and compared with the floor measured in the same run: a JVM start plus a bare Jackson pass over the
 * same files. JMH measures the engine warm; this measures what a user waits for.
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.nightly.benchmarks.cold.ColdRuns
 *     [--nightly ./nightly] [--jar cli/target/nightly.jar] [--nights N] [--runs R] [--table FILE] [--keep]
 * </pre>
 * Each command runs once unmeasured (the page cache, and a launcher's first-run work such as a class-data
 * archive), then {@code R} times; the table gives medians.
 */
public final class ColdRuns {
    static final double READ_RATIO_TARGET = 2.0;
    static final double NIGHT_RATIO_TARGET = 1.5;

    private final Options options;
    private final Path data;
    private final Path work;
    private final List<String> log = new ArrayList<>();

    /** What to run and how often; {@code nightly} is the launcher script, or null to run {@code java -jar}. */
    public record Options(Path jar, Path nightly, int nights, int runs, Path base, boolean keep) {
    }

    /** What one suite run measured, and its table. */
    public record Outcome(Map<String, Timing> timings, String table, Path data) {
    }

    private ColdRuns(Options options) {
        this.options = options;
        this.data = options.base().resolve("nightly-coldruns-" + options.nights());
        this.work = data.resolve("work");
    }

    public static void main(String[] args) throws IOException {
        Path jar = Path.of("cli/target/nightly.jar");
        Path nightly = Files.isExecutable(Path.of("nightly")) ? Path.of("nightly") : null;
        int nights = Fixture.DEFAULT_NIGHTS;
        int runs = 3;
        Path table = null;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jar" -> jar = Path.of(args[++i]);
                case "--nightly" -> nightly = args[++i].isEmpty() ? null : Path.of(args[i]);
                case "--nights" -> nights = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--table" -> table = Path.of(args[++i]);
                case "--keep" -> keep = true;
                default -> {
                    System.err.println("usage: ColdRuns [--nightly SCRIPT|''] [--jar JAR] [--nights N] [--runs R] [--table FILE] [--keep]");
                    System.exit(2);
                }
            }
        }
        if (!Files.isRegularFile(jar)) {
            System.err.println("ColdRuns: no jar at " + jar.toAbsolutePath() + " (build it: ./mvnw -B -DskipJenkins -DskipTests -pl cli -am package)");
            System.exit(2);
        }
        Outcome outcome = run(new Options(jar, nightly, nights, runs, Fixture.defaultBase(), keep));
        System.out.println();
        System.out.println(outcome.table());
        if (table != null) {
            Files.writeString(table, outcome.table(), StandardCharsets.UTF_8);
        }
    }

    public static Outcome run(Options options) throws IOException {
        ColdRuns suite = new ColdRuns(options);
        try {
            return suite.measure();
        }
        finally {
            if (!options.keep()) {
                Fixture.deleteTree(suite.data);
            }
            else {
                Fixture.deleteTree(suite.work);
            }
        }
    }

    private Outcome measure() throws IOException {
        Inputs inputs = prepare();
        Fixture.deleteTree(work);
        Files.createDirectories(work);
        String loadBefore = load();
        Instant started = Instant.now();

        Map<String, Timing> t = new LinkedHashMap<>();
        List<String> floor = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                JacksonFloor.class.getName()));
        inputs.exports().forEach(file -> floor.add(file.toString()));
        t.put("floor", time("floor", i -> floor, null));
        t.put("version", time("version", i -> nightly("--version"), null));

        Path store = work.resolve("backfill");
        t.put("backfill", time("backfill", i -> {
            Path history = i == options.runs() ? store : work.resolve("backfill-" + i);
            delete(history);
            return ingest(history, 1, inputs.exports(), inputs.definitions());
        }, i -> delete(work.resolve("backfill-" + i))));
        t.put("export", time("export", i -> nightly("bench", "export", "--history", store.toString()), null));
        t.put("report", time("report", i -> {
            Path out = work.resolve("report-" + i);
            delete(out);
            return nightly("bench", "report", "--history", store.toString(), "--definitions", inputs.definitions().toString(),
                    "--out", out.toString());
        }, i -> delete(work.resolve("report-" + i))));
        t.put("nightFull", time("nightFull", i -> {
            Path history = work.resolve("full-" + i);
            copy(store, history);
            return ingest(history, 2, inputs.tonight(), inputs.definitions());
        }, i -> delete(work.resolve("full-" + i))));
        t.put("nightEmpty", time("nightEmpty", i -> {
            Path history = work.resolve("empty-" + i);
            delete(history);
            return ingest(history, 1, inputs.tonight(), inputs.definitions());
        }, i -> delete(work.resolve("empty-" + i))));

        String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC).format(started);
        String table = new ColdTable(t, inputs, options, loadBefore, load(), when).markdown();
        return new Outcome(t, table, data);
    }

    /** The generated data: HAWD definitions, every dataset's {@code hawd json} export, and one night more. */
    record Inputs(Path definitions, List<Path> exports, List<Path> tonight, long exportBytes) {
    }

    private Inputs prepare() throws IOException {
        Path ready = data.resolve("ready");
        String stamp = "seed=" + Fixture.SEED + " nights=" + options.nights() + " series=" + HawdHistory.seriesCount() + "\n";
        HawdHistory history = new HawdHistory(Fixture.SEED);
        Path definitions = data.resolve("hawd_defs");
        Path exports = data.resolve("exports");
        Path tonight = data.resolve("tonight");
        if (!Files.exists(ready) || !Files.readString(ready).equals(stamp)) {
            Fixture.deleteTree(data);
            history.writeDefinitions(definitions);
            history.writeExports(exports, options.nights());
            history.writeNight(tonight, options.nights());
            Files.writeString(ready, stamp, StandardCharsets.UTF_8);
        }
        List<Path> exportFiles = files(exports);
        long bytes = 0;
        for (Path file : exportFiles) {
            bytes += Files.size(file);
        }
        return new Inputs(definitions, exportFiles, files(tonight), bytes);
    }

    private List<String> ingest(Path history, long build, List<Path> files, Path definitions) {
        List<String> command = nightly("bench", "ingest", "--history", history.toString(), "--build", Long.toString(build),
                "--definitions", definitions.toString());
        files.forEach(file -> command.add(file.toString()));
        return command;
    }

    private List<String> nightly(String... args) {
        List<String> command = new ArrayList<>();
        if (options.nightly() != null) {
            command.add(options.nightly().toAbsolutePath().toString());
        }
        else {
            command.addAll(List.of(java(), "-jar", options.jar().toAbsolutePath().toString()));
        }
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs the command once unmeasured and then {@code runs} times; {@code before} gives each run's
     * command (run {@code runs} is the last) and may prepare its files, {@code after} clears up what a run left.
     */
    private Timing time(String name, IntFunction<List<String>> before, IntConsumer after) throws IOException {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i <= options.runs(); i++) {
            List<String> command = before.apply(i);
            double ms = runOnce(name, command);
            if (i > 0) {
                millis.add(ms);
            }
            if (after != null && i != options.runs()) {
                after.accept(i);
            }
        }
        Timing timing = new Timing(name, millis);
        System.out.printf(Locale.ROOT, "%-10s %s%n", name, timing.describe());
        return timing;
    }

    private double runOnce(String name, List<String> command) throws IOException {
        Path out = work.resolve(name + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(work.resolve(name + ".err").toFile());
        if (options.nightly() != null) {
            // The launcher runs this jar and never builds one.
            builder.environment().put("NIGHTLY_JAR", options.jar().toAbsolutePath().toString());
        }
        long start = System.nanoTime();
        Process process = builder.start();
        int exit;
        try {
            exit = process.waitFor();
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + name, e);
        }
        double ms = (System.nanoTime() - start) / 1e6;
        if (exit != 0) {
            String err = Files.readString(work.resolve(name + ".err"));
            throw new IllegalStateException(name + ": exit " + exit + " from " + String.join(" ", command) + "\n" + err);
        }
        return ms;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The load average before and after, so that a reader can tell a quiet run from a busy one. */
    private static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (IOException e) {
            return "unknown";
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void delete(Path dir) {
        try {
            Fixture.deleteTree(dir);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Fixture.copyTree(from, to);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
