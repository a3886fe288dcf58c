package dev.nightly.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.bench.model.Point;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: one killed with SIGKILL mid-write again and again, and two writing at once. */
class StoreProcessesTest {
    private static final int SERIES = 120;
    private static final int POINTS = 40;

    @TempDir
    Path dir;

    @TempDir
    Path logs;

    @Test
    void killingAnIngestAtAnyMomentLeavesWholeBuildsOnly() throws Exception {
        Random random = new Random(20261128);
        long nextBuild = 1;
        int kills = 0;
        for (int round = 0; round < 10; round++) {
            Process process = start(nextBuild, 50);
            // Let it get going (JVM start-up takes ~0.3 s), then kill it somewhere in the middle of its work.
            Thread.sleep(300 + random.nextInt(900));
            if (process.isAlive()) {
                process.destroyForcibly();
                kills++;
            }
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertWholeBuildsOnly();
            nextBuild += 50;
        }
        assertThat(kills).as("the test must really interrupt ingests").isGreaterThanOrEqualTo(5);

        // After all that, a writer finishes normally and the store is sound.
        Process last = start(nextBuild, 2);
        assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).isZero();
        assertWholeBuildsOnly();
        assertThat(HistoryStore.open(dir).snapshot().latestBuild()).isEqualTo(nextBuild + 1);
    }

    @Test
    void twoProcessesIngestingAtOnceLoseNothing() throws Exception {
        Process first = start(1, 6);
        Process second = start(1001, 6);

        assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).isZero();
        assertThat(second.exitValue()).isZero();

        Map<Long, Integer> perBuild = pointsPerBuild();
        assertThat(perBuild.keySet()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 1001L, 1002L, 1003L, 1004L, 1005L, 1006L);
        assertThat(perBuild.values()).containsOnly(SERIES * POINTS);
    }

    /** Every build is there with all its points, or not at all; nothing is damaged. */
    private void assertWholeBuildsOnly() {
        HistoryStore store = HistoryStore.open(dir);
        assertThat(store.verify()).isEmpty();
        Map<Long, Integer> perBuild = pointsPerBuild();
        assertThat(perBuild.values()).allSatisfy(count -> assertThat(count).isEqualTo(SERIES * POINTS));
    }

    private Map<Long, Integer> pointsPerBuild() {
        HistorySnapshot snapshot = HistoryStore.open(dir).snapshot();
        Map<Long, Integer> perBuild = new HashMap<>();
        for (SeriesInfo info : snapshot.series()) {
            for (Point point : snapshot.read(info.key()).points()) {
                perBuild.merge(point.build(), 1, Integer::sum);
            }
        }
        return perBuild;
    }

    private Process start(long firstBuild, int builds) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(IngestProcess.class.getName());
        command.add(dir.toString());
        command.add(Long.toString(firstBuild));
        command.add(Integer.toString(builds));
        command.add(Integer.toString(SERIES));
        command.add(Integer.toString(POINTS));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve("ingest-" + firstBuild + ".log").toFile()).start();
    }
}
