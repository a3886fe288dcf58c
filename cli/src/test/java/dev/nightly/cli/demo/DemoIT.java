package dev.nightly.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightly.cli.DemoCommand;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, {@code ./nightly demo}, run as a newcomer runs it: the launcher script from
 * the repository root, on the sample nights shipped in {@code examples/hawd}. The launcher is pointed at
 * the jar this build made (NIGHTLY_JAR) so that it does not start a Maven build of its own.
 */
class DemoIT {
    /** Failsafe runs in the module directory. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path JAR = Path.of(System.getProperty("nightly.jar", "target/nightly.jar")).toAbsolutePath();
    private static final Path SAMPLES = ROOT.resolve("examples/hawd");

    private static final String REGRESSED_TIME = "mail_query/queryTime{rows=5000}";
    private static final String REGRESSED_RATE = "mail_query/queryResultPerMs{rows=5000}";
    private static final String IMPROVED_OPS = "buffer_creation/ops{numBuffers=50000}";
    private static final String IMPROVED_TIME = "buffer_creation/time{numBuffers=50000}";
    private static final String OUT_OF_BOUNDS = "dummy_resource_write/memory";

    /** {@code  REGRESSION     build 12 (2026-11-23, commit d3454576f)  flagged UNSTABLE in builds 12-16}. */
    private static final Pattern FINDING = Pattern.compile(
            "^  (REGRESSION|IMPROVEMENT|OUT OF BOUNDS|CHANGE POINT) +build (\\d+) \\((\\d{4}-\\d\\d-\\d\\d), commit (\\w+)\\)  (.*)$");
    private static final Pattern FINDING_SERIES = Pattern.compile("^      (\\S+) +(\\S.*)$");
    /** A line of {@code CheckResult.describe()}: verdict, level when flagged, series id. */
    private static final Pattern CHECK_LINE = Pattern.compile("^ *(OUT_OF_BOUNDS|REGRESSED|IMPROVED)(?: (?:UNSTABLE|FAILURE))? (\\S+): ");

    @TempDir
    Path temp;

    record Run(int exit, String stdout, String stderr) {
    }

    @Test
    void demoFindsTheRegressionTheImprovementAndTheValueOutOfBounds() throws Exception {
        Path out = temp.resolve("demo");
        Run demo = launcher("demo", "--out", out.toString());
        assertThat(demo.exit()).as("exit code; stderr: %s", demo.stderr()).isZero();

        Path index = out.resolve("report/index.html");
        assertThat(index).isRegularFile();
        assertThat(out.resolve("report/assets/echarts.min.js")).isRegularFile();
        assertThat(Files.readString(index)).contains("mail_query", "buffer_creation", "dummy_resource_write", "pipeline");
        assertThat(demo.stdout()).contains("Report: " + index.toUri());

        // What it found, each from the night and commit where it started, and nothing else in any night.
        Map<String, Map<String, String>> findings = findings(demo.stdout());
        assertThat(findings.keySet()).containsExactly(
                "REGRESSION build " + SampleNights.REGRESSION_NIGHT + " commit " + commitOf(SampleNights.REGRESSION_NIGHT)
                        + " flagged UNSTABLE in builds " + SampleNights.REGRESSION_NIGHT + "-" + SampleNights.NIGHTS,
                "IMPROVEMENT build " + SampleNights.IMPROVEMENT_NIGHT + " commit " + commitOf(SampleNights.IMPROVEMENT_NIGHT)
                        + " reported in builds " + SampleNights.IMPROVEMENT_NIGHT + "-" + SampleNights.NIGHTS + ", not flagged",
                "OUT OF BOUNDS build " + SampleNights.NIGHTS + " commit " + commitOf(SampleNights.NIGHTS)
                        + " flagged UNSTABLE in build " + SampleNights.NIGHTS);
        List<Map<String, String>> series = new ArrayList<>(findings.values());
        assertThat(series.get(0).keySet()).containsExactlyInAnyOrder(REGRESSED_TIME, REGRESSED_RATE);
        assertThat(series.get(0).get(REGRESSED_TIME)).matches("\\d+ ms, was [\\d.]+ ms \\(median of last 10 values\\): \\+(2[5-9]|3[0-5])\\.\\d%");
        assertThat(series.get(1).keySet()).containsExactlyInAnyOrder(IMPROVED_OPS, IMPROVED_TIME);
        assertThat(series.get(1).get(IMPROVED_OPS)).matches("[\\d.]+ ops/ms, was [\\d.]+ ops/ms \\(median of last 10 values\\): \\+(3[5-9]|4[0-5])\\.\\d%");
        assertThat(series.get(2)).containsOnlyKeys(OUT_OF_BOUNDS);
        assertThat(series.get(2).get(OUT_OF_BOUNDS)).matches("4\\d{4} kb, allowed \\[0\\.\\.40000]");
        // The memory creep, a night-to-night wobble for the regression check, is no step while it creeps: it
        // becomes change points once it stops (the second act).

        // The last night's checks, as the demo prints them ...
        String lastNight = demo.stdout().substring(demo.stdout().indexOf("Last night, build " + SampleNights.NIGHTS),
                demo.stdout().indexOf("Then " + DemoCommand.MORE_NIGHTS + " more nights"));
        assertThat(verdicts(lastNight)).isEqualTo(expectedLastNight());
        assertThat(lastNight).contains("3 flagged (0 FAILURE, 3 UNSTABLE)");

        // ... and as `nightly bench check` reads them from the history the demo left, with the decisions
        // taken since: the 5000-row regression was acknowledged as expected, so its baseline has moved.
        Run check = jar("bench", "check", "--history", out.resolve("history").toString(), "--build", "" + SampleNights.NIGHTS,
                "--definitions", SAMPLES.resolve("hawd_defs").toString());
        assertThat(check.exit()).as("bench check exit (3: flagged UNSTABLE); stderr: %s", check.stderr()).isEqualTo(3);
        assertThat(verdicts(check.stdout())).isEqualTo(Map.of(OUT_OF_BOUNDS, "OUT_OF_BOUNDS"));

        secondAct(demo.stdout(), out.resolve("history"));

        // The night before the regression is clean: the sample's jitter alone flags nothing.
        Run quiet = jar("bench", "check", "--history", out.resolve("history").toString(), "--build",
                "" + (SampleNights.REGRESSION_NIGHT - 1), "--definitions", SAMPLES.resolve("hawd_defs").toString());
        assertThat(quiet.exit()).as(quiet.stdout()).isZero();

        // Running it again replaces the earlier demo's output and tells the same story.
        Run again = launcher("demo", "--out", out.toString());
        assertThat(again.exit()).as(again.stderr()).isZero();
        assertThat(findings(again.stdout())).isEqualTo(findings);
    }

    @Test
    void refusesToWriteIntoADirectoryThatIsNotTheDemos() throws Exception {
        Path mine = Files.createDirectories(temp.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");

        Run demo = launcher("demo", "--out", mine.toString());

        assertThat(demo.exit()).isEqualTo(2);
        assertThat(demo.stderr()).startsWith("nightly: --out " + mine + ": not empty and not made by `nightly demo`");
        assertThat(demo.stderr().lines()).hasSize(1);
        try (var files = Files.list(mine)) {
            assertThat(files).containsExactly(mine.resolve("notes.txt"));
        }
    }

    @Test
    void saysWhereTheSamplesAreWhenTheyAreMissing() throws Exception {
        Run demo = launcher("demo", "--examples", temp.resolve("nowhere").toString(), "--out", temp.resolve("out").toString());

        assertThat(demo.exit()).isEqualTo(2);
        assertThat(demo.stderr()).contains(temp.resolve("nowhere") + ": no sample data", "--examples DIR");
        assertThat(temp.resolve("out")).doesNotExist();
    }

    /**
     * After the samples: the change check confirms the 5000-row regression and the demo acknowledges it as
     * expected; the regression check no longer flags it; the 1000-row regression of a later night is flagged
     * by the regression check at once and confirmed as a change point; `bench changes` tells all of it.
     */
    private void secondAct(String stdout, Path history) throws Exception {
        String act = stdout.substring(stdout.indexOf("Then " + DemoCommand.MORE_NIGHTS + " more nights"));
        String regressionCommit = commitOf(SampleNights.REGRESSION_NIGHT);
        for (String id : List.of(REGRESSED_TIME, REGRESSED_RATE)) {
            assertThat(act).containsPattern("REGRESSED UNSTABLE " + Pattern.quote(id) + ": .*\\(level before the change point at build "
                    + SampleNights.REGRESSION_NIGHT + " \\(commit " + regressionCommit + "\\), p=0\\.001\\)");
            assertThat(act).contains("acknowledged: nightly bench ack --history " + history + " --series '" + id + "' --build "
                    + SampleNights.REGRESSION_NIGHT + " --as expected --note ");
        }
        // The memory creep, once it has stopped, is a change point too; it is not the owner's to accept.
        assertThat(act).containsPattern("REGRESSED UNSTABLE " + Pattern.quote(OUT_OF_BOUNDS) + ": .*\\(level before the change point at build ");
        assertThat(act).doesNotContain("--series '" + OUT_OF_BOUNDS + "'");
        long second = SampleNights.NIGHTS + DemoCommand.SECOND_REGRESSION_AFTER;
        assertThat(act).containsPattern("build " + second + " .*2 regressed");
        assertThat(act).containsPattern("REGRESSED UNSTABLE " + Pattern.quote(DemoCommand.SECOND_REGRESSION)
                + ": .*\\(level before the change point at build " + second + " \\(commit \\w+\\), p=0\\.001\\), \\+2\\d\\.\\d%");

        String last = "" + (SampleNights.NIGHTS + DemoCommand.MORE_NIGHTS);
        Run all = jar("bench", "check", "--history", history.toString(), "--build", last, "--all");
        assertThat(all.stdout()).containsPattern("(?m)^OK " + Pattern.quote(REGRESSED_TIME) + ": .* \\(median of last \\d+ values\\)");
        assertThat(all.stdout()).containsPattern("(?m)^OPEN_REGRESSION " + Pattern.quote(DemoCommand.SECOND_REGRESSION)
                + ": .*\\(open regression since build " + second + " \\(commit \\w+\\)\\)");

        Run changes = jar("bench", "changes", "--history", history.toString(), "--json");
        assertThat(changes.exit()).as(changes.stderr()).isZero();
        Map<String, String> statuses = new TreeMap<>();
        for (JsonNode change : new ObjectMapper().readTree(changes.stdout()).get("changes")) {
            statuses.put(change.get("series").asText() + " " + change.get("build").asInt() + " " + change.get("commit").asText(),
                    change.get("kind").asText() + " " + change.get("status").asText());
        }
        assertThat(statuses).containsEntry(REGRESSED_TIME + " " + SampleNights.REGRESSION_NIGHT + " " + regressionCommit, "regression expected")
                .containsEntry(REGRESSED_RATE + " " + SampleNights.REGRESSION_NIGHT + " " + regressionCommit, "regression expected")
                .containsEntry(IMPROVED_OPS + " " + SampleNights.IMPROVEMENT_NIGHT + " " + commitOf(SampleNights.IMPROVEMENT_NIGHT), "improvement open");
        assertThat(statuses.entrySet()).anySatisfy(e -> {
            assertThat(e.getKey()).startsWith(DemoCommand.SECOND_REGRESSION + " " + second + " ");
            assertThat(e.getValue()).isEqualTo("regression open");
        });
        Run open = jar("bench", "changes", "--history", history.toString(), "--open");
        assertThat(open.stdout()).doesNotContain("EXPECTED").contains("OPEN      " + DemoCommand.SECOND_REGRESSION + ": regression +");

        // A decision from the command line: the later regression is a bug; it stays open, shown as known.
        Run ack = jar("bench", "ack", "--history", history.toString(), "--series", DemoCommand.SECOND_REGRESSION, "--build", "" + second,
                "--as", "bug", "--note", "https://bugs.example.org/1234", "--user", "ben");
        assertThat(ack.exit()).as(ack.stderr()).isZero();
        assertThat(ack.stdout().strip()).isEqualTo("acknowledged " + DemoCommand.SECOND_REGRESSION + " build " + second
                + " as bug: https://bugs.example.org/1234");
        List<String> acks = Files.readAllLines(history.resolve("acks.jsonl"));
        JsonNode newest = new ObjectMapper().readTree(acks.get(acks.size() - 1));
        assertThat(newest.get("series").asText()).isEqualTo(DemoCommand.SECOND_REGRESSION);
        assertThat(newest.get("status").asText()).isEqualTo("bug");
        assertThat(newest.get("user").asText()).isEqualTo("ben");
        assertThat(jar("bench", "changes", "--history", history.toString(), "--open").stdout())
                .contains("BUG       " + DemoCommand.SECOND_REGRESSION + ": regression +")
                .contains("[bug: https://bugs.example.org/1234, by ben ");
        assertThat(jar("bench", "check", "--history", history.toString(), "--build", last, "--all").stdout())
                .contains("known bug: https://bugs.example.org/1234");

        Run wrong = jar("bench", "ack", "--history", history.toString(), "--series", REGRESSED_TIME, "--build", "5", "--as", "bug");
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.stderr().strip()).isEqualTo("nightly: series " + REGRESSED_TIME + " has no change point at build 5; "
                + "its change points are at builds " + SampleNights.REGRESSION_NIGHT);
    }

    private static Map<String, String> expectedLastNight() {
        return new TreeMap<>(Map.of(
                REGRESSED_TIME, "REGRESSED",
                REGRESSED_RATE, "REGRESSED",
                OUT_OF_BOUNDS, "OUT_OF_BOUNDS",
                IMPROVED_OPS, "IMPROVED",
                IMPROVED_TIME, "IMPROVED"));
    }

    /** Series id to its verdicts in the order of their lines, from lines of {@code CheckResult.describe()}. */
    private static Map<String, String> verdicts(String text) {
        Map<String, String> verdicts = new TreeMap<>();
        text.lines().map(CHECK_LINE::matcher).filter(Matcher::find).forEach(m -> verdicts.merge(m.group(2), m.group(1), (a, b) -> a + "+" + b));
        return verdicts;
    }

    /** The demo's findings: "LABEL build N commit C what" to the series and changes told under it. */
    private static Map<String, Map<String, String>> findings(String stdout) {
        String section = stdout.substring(stdout.indexOf("What the checks found"), stdout.indexOf("Last night, build"));
        Map<String, Map<String, String>> findings = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : section.lines().skip(1).toList()) {
            Matcher finding = FINDING.matcher(line);
            Matcher series = FINDING_SERIES.matcher(line);
            if (finding.matches()) {
                current = new LinkedHashMap<>();
                findings.put(finding.group(1) + " build " + finding.group(2) + " commit " + finding.group(4) + " " + finding.group(5), current);
            } else if (series.matches() && current != null) {
                current.put(series.group(1), series.group(2));
            } else {
                assertThat(line).as("line of the findings").isBlank();
            }
        }
        return findings;
    }

    /** The commit a night measured, as its HAWD rows record it (every dataset of a night has the same). */
    private static String commitOf(int night) throws IOException {
        String date = SampleNights.FIRST_NIGHT.plusDays(night - 1L).toString();
        JsonNode rows = new ObjectMapper().readTree(SAMPLES.resolve("nights").resolve(SampleNights.nightName(SampleNights.NIGHTS))
                .resolve("mail_query.json").toFile()).get("rows");
        for (JsonNode row : rows) {
            if (row.get("timestamp").asText().startsWith(date)) {
                return row.get("commit").asText();
            }
        }
        throw new AssertionError("no mail_query row of " + date);
    }

    private Run launcher(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("nightly").toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private Run jar(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private Run run(List<String> command) throws Exception {
        assertThat(JAR).as("the shaded jar (run with mvn verify)").isRegularFile();
        Path stdout = Files.createTempFile(temp, "stdout", ".txt");
        Path stderr = Files.createTempFile(temp, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().put("NIGHTLY_JAR", JAR.toString());
        // The java on the test's own path, whatever the shell's PATH says.
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + builder.environment().get("PATH"));
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
