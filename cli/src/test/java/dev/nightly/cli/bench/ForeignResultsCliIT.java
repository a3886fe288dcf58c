package dev.nightly.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.cli.JarRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results files of other projects through the real jar: what a first import shows (--dry-run, which writes
 * nothing), what is said of failed benchmarks, and what the check makes of series that vanish or change.
 */
class ForeignResultsCliIT {
    private static final Path FORMATS = Path.of("../bench-core/src/test/resources/formats").toAbsolutePath().normalize();

    @TempDir
    Path work;

    private JarRun run(String... args) throws Exception {
        return JarRun.of(work, args);
    }

    private JarRun ingest(Path history, int build, Path... files) throws Exception {
        String[] args = Stream.concat(Stream.of("bench", "ingest", "--history", history.toString(), "--build", Integer.toString(build)),
                Arrays.stream(files).map(Path::toString)).toArray(String[]::new);
        JarRun ingest = run(args);
        assertThat(ingest.exitCode()).as(ingest.stderr()).isZero();
        return ingest;
    }

    private JarRun check(Path history, int build, String... more) throws Exception {
        return run(Stream.concat(Stream.of("bench", "check", "--history", history.toString(), "--build", Integer.toString(build)),
                Arrays.stream(more)).toArray(String[]::new));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(work.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static String read(String sample) throws IOException {
        return Files.readString(FORMATS.resolve(sample), StandardCharsets.UTF_8);
    }

    /** Every file of a directory with its bytes, to tell that nothing changed. */
    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                contents.put(dir.relativize(file).toString(), Files.isDirectory(file) ? "dir"
                        : Arrays.toString(Files.readAllBytes(file)) + " " + Files.getLastModifiedTime(file));
            }
        }
        return contents;
    }

    @Test
    void aDryRunShowsWhatWouldBeStoredAndCreatesNoStore() throws Exception {
        Path history = work.resolve("history");

        JarRun dryRun = run("bench", "ingest", "--history", history.toString(), "--build", "1", "--dry-run",
                FORMATS.resolve("gbench/rate-counters.json").toString(), FORMATS.resolve("qttest/qt4-benchlibcallgrind.xml").toString());

        assertThat(dryRun.exitCode()).as(dryRun.stderr()).isZero();
        assertThat(history).doesNotExist();
        assertThat(dryRun.stdout()).contains(
                "new series BM_Triad/FOM: GB/s{arg0=1048576}: 1 point (last 10.836 GB/s), unit GB/s, higher is better, parameters arg0=1048576",
                "new series BM_Triad/real_time{arg0=1048576}: 1 point (last 232240 ns), unit ns, lower is better",
                "new series BM_Triad/checksum{arg0=1048576}: 1 point (last 6291456), unit none, direction unknown, not judged unless the checks name one",
                "new series tst_BenchlibCallgrind/twoHundredMillionInstructions:InstructionReads: 1 point",
                "skipped 1 benchmark without a value (failed, crashed or skipped), not stored:",
                "rate-counters.json: BM_Triad/2097152 (error_occurred: \"could not allocate 2097152 doubles\")");
        assertThat(dryRun.stdout().lines().reduce((a, b) -> b).orElseThrow())
                .isEqualTo("dry run, nothing stored: build 1: 7 new points in 7 series (7 new series), 0 already stored");
    }

    @Test
    void aDryRunOnAStoreLeavesEveryByteAsItWas() throws Exception {
        Path history = work.resolve("history");
        ingest(history, 1, FORMATS.resolve("qttest/two-test-classes.xml"));
        Map<String, String> before = contents(history);

        JarRun dryRun = run("bench", "ingest", "--history", history.toString(), "--build", "2", "--dry-run",
                FORMATS.resolve("qttest/two-test-classes.xml").toString(), FORMATS.resolve("qttest/qt4-metric-names.xml").toString());

        assertThat(dryRun.exitCode()).as(dryRun.stderr()).isZero();
        assertThat(contents(history)).isEqualTo(before);
        // A second run of a log without times is a new value of a series the store has; the Qt 4 log's are new series.
        assertThat(dryRun.stdout()).contains("new series StorageBenchmark/write:CPUTicks: 1 point (last 30000 CPU ticks)",
                "(4 new series), 0 already stored");
        assertThat(dryRun.stdout().lines()).contains(
                "series MailParserBenchmark/parsePlainText: 1 point (last 1.25 ms), unit ms, lower is better, parameters none");
    }

    @Test
    void aFailedBenchmarkIsSaidAtIngestAndMissingAtTheCheck() throws Exception {
        Path history = work.resolve("history");
        String log = read("qttest/two-test-classes.xml");
        int failure = log.indexOf("<Incident type=\"fail\"");
        Path passing = write("passing.xml", log.substring(0, failure) + log.substring(log.indexOf("</Incident>", failure) + "</Incident>\n".length()));
        ingest(history, 1, passing);

        JarRun failed = ingest(history, 2, FORMATS.resolve("qttest/two-test-classes.xml"));
        JarRun check = check(history, 2);
        JarRun strict = check(history, 2, "--missing-fails");

        assertThat(failed.stdout()).contains("skipped 1 benchmark without a value",
                "two-test-classes.xml: MailIndexBenchmark::indexMails(5000 mails) (failed at line 23: \"'index.count() == 5000' returned FALSE. ()\")");
        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.stdout()).contains("MISSING UNSTABLE MailIndexBenchmark/indexMails{tag=5000 mails}: no value in build 2, last 640 ms in build 1");
        assertThat(strict.exitCode()).isEqualTo(4);
        assertThat(strict.stdout()).contains("MISSING FAILURE MailIndexBenchmark/indexMails{tag=5000 mails}");
    }

    @Test
    void pytestRunsWhoseParametersHoldMemoryAddressesKeepTheirSeries() throws Exception {
        Path history = work.resolve("history");
        String first = read("pytest/unserializable-params.json");
        Path second = write("run2.json", first.replace("0x7f3a2c1d5e80", "0x7f09b44e1a30")
                .replace("2026-11-21T03:00:00.000000", "2026-11-22T03:00:00.000000").replace("4f1c2d3e", "9a8b7c6d"));

        JarRun one = ingest(history, 1, FORMATS.resolve("pytest/unserializable-params.json"));
        JarRun two = ingest(history, 2, second);
        JarRun check = check(history, 2, "--all");

        assertThat(one.stdout()).startsWith("build 1: 6 new points in 6 series (6 new series)");
        assertThat(two.stdout()).startsWith("build 2: 6 new points in 6 series (0 new series)");
        assertThat(check.exitCode()).as(check.stdout()).isZero();
        assertThat(check.stdout()).contains("OK tests/test_solver.py/test_solve{param=basic}: 0.0012 s vs 0.0012 s")
                .doesNotContain("NO_BASELINE").doesNotContain("WARNING");
    }

    @Test
    void seriesKeysThatChangeFromRunToRunAreAWarningNotOk() throws Exception {
        Path history = work.resolve("history");
        String counters = read("gbench/rate-counters.json");
        ingest(history, 1, FORMATS.resolve("gbench/rate-counters.json"));
        ingest(history, 2, write("run2.json", counters.replace("BM_Triad/1048576", "BM_Triad/1048577")
                .replace("2026-11-21T03:05:10", "2026-11-22T03:05:10")));

        JarRun check = check(history, 2);

        assertThat(check.exitCode()).isEqualTo(3);
        assertThat(check.stdout()).contains("WARNING BM_Triad: 6 of 6 series of build 2 are new, while 6 series of earlier builds"
                + " have no value in it; do its series keys change from run to run", "; 1 warning");
    }
}
