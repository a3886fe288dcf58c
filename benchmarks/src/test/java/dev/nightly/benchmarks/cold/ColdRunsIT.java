package dev.nightly.benchmarks.cold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cold-run suite (an integration test: it needs the packaged jar) on a few nights, through the real launcher and jar, so that the build stays fast. */
class ColdRunsIT {
    /** Packaged by the reactor before this module's integration tests (a test dependency orders it). */
    private static final Path JAR = Path.of(System.getProperty("nightly.jar", "../cli/target/nightly.jar"));
    private static final Path LAUNCHER = Path.of(System.getProperty("nightly.launcher", "../nightly"));

    @Test
    void everyCommandRunsAsAProcessAndIsHeldAgainstItsTarget(@TempDir Path base) throws IOException {
        assertThat(JAR).isRegularFile();
        ColdRuns.Outcome outcome = ColdRuns.run(new ColdRuns.Options(JAR, LAUNCHER, 20, 1, base, true));

        assertThat(outcome.timings()).containsOnlyKeys("floor", "version", "backfill", "export", "report", "nightFull", "nightEmpty");
        assertThat(outcome.timings().values()).allSatisfy(t -> assertThat(t.millis()).hasSize(1).allSatisfy(ms -> assertThat(ms).isPositive()));
        String table = outcome.table();
        assertThat(table).contains("20 nights x 200 series", "7 files", "through the `nightly` launcher", "load average");
        assertThat(table.lines().filter(line -> line.matches(".*\\| \\d+\\.\\d\\dx \\| ≤ \\d\\.\\dx \\| (PASS|MISS) \\|"))).hasSize(5);
        // The data stays for a later run (--keep); what the runs wrote does not.
        assertThat(outcome.data().resolve("exports")).isDirectory();
        assertThat(outcome.data().resolve("tonight/mail_query.json")).content().contains("\"rows\"");
        assertThat(outcome.data().resolve("work")).doesNotExist();
    }

    @Test
    void aCommandThatFailsStopsTheSuiteWithItsError(@TempDir Path base) throws IOException {
        Path notAJar = Files.writeString(base.resolve("broken.jar"), "not a jar");
        assertThatThrownBy(() -> ColdRuns.run(new ColdRuns.Options(notAJar, null, 2, 1, base, false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("version: exit 1 from ")
                .hasMessageContaining("broken.jar");
        assertThat(base.resolve("nightly-coldruns-2")).doesNotExist();
    }
}
