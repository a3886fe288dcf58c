package dev.nightly.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nightly.cli.JarRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bench commands through the real jar: the exact forms and exit codes other tools rely on. */
class BenchCliIT {
    /** Four nights of cumulative {@code hawd json} output; night 4 has a 30% regression at rows=1000. */
    private static final Path SAMPLES = Path.of("../bench-core/src/test/resources/hawd").toAbsolutePath().normalize();

    @TempDir
    Path work;

    private JarRun run(String... args) throws Exception {
        return JarRun.of(work, args);
    }

    private void ingestNights(Path history, int nights) throws Exception {
        for (int night = 1; night <= nights; night++) {
            JarRun ingest = run("bench", "ingest", "--history", history.toString(), "--build", Integer.toString(night),
                    "--definitions", SAMPLES.resolve("hawd_defs").toString(),
                    SAMPLES.resolve("nights/mail_query.night" + night + ".json").toString());
            assertThat(ingest.exitCode()).as(ingest.stderr()).isZero();
            assertThat(ingest.stdout()).startsWith("build " + night + ": 4 new points");
        }
    }

    @Test
    void ingestCheckAndExportANightlyHistory() throws Exception {
        Path history = work.resolve("history");
        ingestNights(history, 4);

        JarRun check = run("bench", "check", "--history", history.toString(), "--build", "4");
        JarRun export = run("bench", "export", "--history", history.toString());

        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.stdout().lines()).hasSize(3);
        assertThat(check.stdout()).contains("REGRESSED UNSTABLE mail_query/queryTime{rows=1000}: 52 ms vs 40 ms",
                "REGRESSED UNSTABLE mail_query/queryResultPerMs{rows=1000}",
                "build 4: 6 checks, 2 flagged (0 FAILURE, 2 UNSTABLE)");
        assertThat(export.exitCode()).isZero();
        JsonNode series = new ObjectMapper().readTree(export.stdout()).get("series");
        assertThat(series).hasSize(4);
        JsonNode fast = null;
        for (JsonNode node : series) {
            if (node.get("measure").asText().equals("queryTime") && node.get("parameters").get("rows").asText().equals("1000")) {
                fast = node;
            }
        }
        assertThat(fast).isNotNull();
        assertThat(fast.get("unit").asText()).isEqualTo("ms");
        List<String> points = new ArrayList<>();
        fast.get("points").forEach(p -> points.add(p.get("build").asLong() + "/" + p.get("commit").asText() + "/"
                + p.get("time").asText() + "/" + p.get("value").asDouble()));
        assertThat(points).containsExactly("1/3f9a2c1d7/2026-11-20T03:00:10.123/40.0", "2/a81b0e4f2/2026-11-21T03:00:11.130/41.0",
                "3/c0ffee123/2026-11-22T03:00:12.137/39.0", "4/9d4e7a6b5/2026-11-23T03:00:13.144/52.0");
    }

    @Test
    void checkExitCodesFollowTheWorstLevel() throws Exception {
        Path history = work.resolve("history");
        ingestNights(history, 4);
        Path failure = Files.writeString(work.resolve("failure.json"), """
                {"checks": [{"series": {"measure": "queryTime"}, "level": "failure"}]}""");
        Path lenient = Files.writeString(work.resolve("lenient.json"), """
                {"checks": [{"tolerance": 50}]}""");

        assertThat(run("bench", "check", "--history", history.toString(), "--build", "4", "--checks", failure.toString())
                .exitCode()).isEqualTo(4);
        JarRun ok = run("bench", "check", "--history", history.toString(), "--build", "4", "--checks", lenient.toString());
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.stdout()).contains("0 flagged");
        assertThat(run("bench", "check", "--history", history.toString(), "--build", "3").exitCode()).isZero();
    }

    @Test
    void badInputExitsWithTwoAndOneLineAndStoresNothing() throws Exception {
        Path history = work.resolve("history");
        ingestNights(history, 1);
        String before = Files.readString(history.resolve("nightly-history.json"));
        Path truncated = Files.writeString(work.resolve("night2.json"),
                Files.readString(SAMPLES.resolve("nights/mail_query.night2.json")).substring(0, 700));

        JarRun ingest = run("bench", "ingest", "--history", history.toString(), "--build", "2",
                SAMPLES.resolve("nights/mail_query.night2.json").toString(), truncated.toString());

        assertThat(ingest.exitCode()).isEqualTo(2);
        assertThat(ingest.stderr().lines()).singleElement().asString()
                .startsWith("nightly: " + truncated).contains("ends too early");
        assertThat(Files.readString(history.resolve("nightly-history.json"))).isEqualTo(before);
    }

    @Test
    void badChecksFileAndUsageErrorsExitWithTwo() throws Exception {
        Path history = work.resolve("history");
        ingestNights(history, 1);
        Path checks = Files.writeString(work.resolve("checks.json"), "{\"checks\": [{\"tolerance\": \"lots\"}]}");

        JarRun badChecks = run("bench", "check", "--history", history.toString(), "--build", "1", "--checks", checks.toString());
        JarRun noBuild = run("bench", "check", "--history", history.toString());
        JarRun badBuild = run("bench", "ingest", "--history", history.toString(), "--build", "tonight", "x.json");

        assertThat(badChecks.exitCode()).isEqualTo(2);
        assertThat(badChecks.stderr()).contains("\"checks[0].tolerance\" must be a number").doesNotContain("Exception");
        assertThat(noBuild.exitCode()).isEqualTo(2);
        assertThat(noBuild.stderr()).contains("Missing required option: '--build=N'");
        assertThat(badBuild.exitCode()).isEqualTo(2);
    }

    @Test
    void valuesWithoutCommitTakeTheIngestsCommitAndABadTimeIsRefused() throws Exception {
        Path history = work.resolve("history");
        Path results = SAMPLES.resolve("nights/buffer_creation.json");

        JarRun badTime = run("bench", "ingest", "--history", history.toString(), "--build", "7",
                "--time", "tonight", results.toString());
        boolean storeAfterBadTime = Files.exists(history);
        JarRun ingest = run("bench", "ingest", "--history", history.toString(), "--build", "7",
                "--commit", "feedbee12", "--time", "2026-11-28T03:00:00+01:00", results.toString());
        JarRun export = run("bench", "export", "--history", history.toString());

        assertThat(badTime.exitCode()).isEqualTo(2);
        assertThat(badTime.stderr()).isEqualTo("nightly: --time: \"tonight\" is not an ISO-8601 date and time"
                + " (e.g. 2026-11-28T03:00:00)\n");
        assertThat(storeAfterBadTime).as("a refused ingest leaves no store").isFalse();
        assertThat(ingest.exitCode()).as(ingest.stderr()).isZero();
        List<String> commits = new ArrayList<>();
        new ObjectMapper().readTree(export.stdout()).get("series")
                .forEach(s -> s.get("points").forEach(p -> commits.add(s.get("measure").asText() + "@" + p.get("commit").asText())));
        // the row without a commit takes --commit; the row that has one keeps it
        assertThat(commits).containsExactlyInAnyOrder("ops@feedbee12", "time@feedbee12", "time@a81b0e4f2");
    }

    @Test
    void readersRefuseADirectoryThatHoldsNoStoreAndCreateNothing() throws Exception {
        Path missing = work.resolve("nowhere");

        JarRun export = run("bench", "export", "--history", missing.toString());
        JarRun check = run("bench", "check", "--history", work.toString(), "--build", "1");

        assertThat(export.exitCode()).isEqualTo(2);
        assertThat(export.stderr()).isEqualTo("nightly: " + missing + ": no such history store\n");
        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(check.stderr()).contains("not a history store (no nightly-history.json)");
        assertThat(missing).doesNotExist();
        assertThat(work.resolve("nightly-history.json")).doesNotExist();
    }

    @Test
    void verifyFindsDamageIngestRefusesItAndRepairMendsIt() throws Exception {
        Path history = work.resolve("history");
        ingestNights(history, 3);
        JarRun sound = run("bench", "verify", "--history", history.toString());
        assertThat(sound.exitCode()).as(sound.stderr()).isZero();
        assertThat(sound.stdout()).isEqualTo("no problems found\n");

        Path file;
        try (java.util.stream.Stream<Path> files = Files.list(history.resolve("series"))) {
            file = files.filter(f -> f.toString().endsWith(".tsv")).sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));

        JarRun damaged = run("bench", "verify", "--history", history.toString());
        assertThat(damaged.exitCode()).isEqualTo(5);
        assertThat(damaged.stdout().lines().toList()).containsExactly(
                file + ": is shorter (" + (bytes.length - 3) + " bytes) than its committed " + bytes.length + " bytes",
                "1 problem found; mend them with: nightly bench repair --history " + history);

        JarRun refused = run("bench", "ingest", "--history", history.toString(), "--build", "4",
                SAMPLES.resolve("nights/mail_query.night4.json").toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr().lines()).singleElement().asString()
                .contains(file.toString(), "shorter", "nightly bench repair --history " + history);
        assertThat(Files.size(file)).isEqualTo(bytes.length - 3);

        JarRun repair = run("bench", "repair", "--history", history.toString());
        assertThat(repair.exitCode()).as(repair.stdout() + repair.stderr()).isZero();
        assertThat(repair.stdout()).contains(history.relativize(file).toString().replace('\\', '/') + ": was shorter",
                "files put aside in " + history.resolve("damaged"), "repaired; no problems found");
        assertThat(history.resolve("damaged/REPORT.txt")).exists();
        assertThat(run("bench", "verify", "--history", history.toString()).exitCode()).isZero();

        JarRun again = run("bench", "ingest", "--history", history.toString(), "--build", "4",
                SAMPLES.resolve("nights/mail_query.night4.json").toString());
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        // the point cut off by the damage comes back from the full history; the others are recognised
        assertThat(again.stdout()).startsWith("build 4: 5 new points");
    }

    @Test
    void aFifoInTheStoreIsAOneLineErrorNotAHang() throws Exception {
        Path history = work.resolve("history");
        ingestNights(history, 2);
        Path file;
        try (java.util.stream.Stream<Path> files = Files.list(history.resolve("series"))) {
            file = files.filter(f -> f.toString().endsWith(".tsv")).sorted().findFirst().orElseThrow();
        }
        Files.delete(file);
        assertThat(new ProcessBuilder("mkfifo", file.toString()).start().waitFor()).isZero();

        for (String command : List.of("export", "verify")) {
            JarRun run = run("bench", command, "--history", history.toString());
            assertThat(run.exitCode()).isIn(2, 5);
            assertThat(run.stdout() + run.stderr()).contains(file.toString(), "is a special file (FIFO");
        }
        JarRun check = run("bench", "check", "--history", history.toString(), "--build", "2");
        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(check.stderr().lines()).singleElement().asString().contains("FIFO");
        JarRun report = run("bench", "report", "--history", history.toString(), "--out", work.resolve("report").toString());
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.stderr().lines()).singleElement().asString().contains("FIFO");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bench", "bench ingest", "bench export", "bench check", "bench report", "bench verify", "bench repair", "flatpak",
            "flatpak build", "flatpak publish", "demo"})
    void everyCommandHasHelp(String command) throws Exception {
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add("--help");

        JarRun help = run(args.toArray(String[]::new));

        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).startsWith("Usage: nightly" + (command.isEmpty() ? "" : " " + command));
    }
}
