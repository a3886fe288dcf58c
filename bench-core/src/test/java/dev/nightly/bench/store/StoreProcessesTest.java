package dev.nightly.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.bench.model.Point;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
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

    @Test
    void aSecondIngestWaitsWhileTheFirstCreatesTheStore() throws Exception {
        Path store = dir.resolve("new-store");
        Path pause = logs.resolve("pause");
        Process first = start(store, 1, 1, List.of("-D" + StorePause.PROPERTY + "=" + StorePause.INITIALIZE + "=" + pause));
        Path reached = logs.resolve("pause.reached");
        while (!Files.exists(reached)) {
            assertThat(first.isAlive()).as("the first ingest reaches its pause point").isTrue();
            Thread.sleep(10);
        }

        Process second = start(store, 1001, 1, List.of());
        // The second must wait for the lock the first holds: it is either blocked on it or (the bug) done.
        while (second.isAlive() && !blockedOnLock(second.pid())) {
            Thread.sleep(10);
        }
        boolean finishedWhileFirstHeldTheLock = !second.isAlive();
        Files.writeString(logs.resolve("pause.release"), "");

        assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(Files.readString(logs.resolve("ingest-1.log"))).isZero();
        assertThat(second.exitValue()).as(Files.readString(logs.resolve("ingest-1001.log"))).isZero();
        assertThat(finishedWhileFirstHeldTheLock).as("the second ingest ran while the first held the lock").isFalse();
        Path kept = dir;
        dir = store;
        try {
            assertThat(pointsPerBuild()).containsOnlyKeys(1L, 1001L);
            assertThat(HistoryStore.open(store).verify()).isEmpty();
        }
        finally {
            dir = kept;
        }
    }

    /** Whether a process waits for a POSIX lock: Linux lists such waiters in /proc/locks with "->". */
    private static boolean blockedOnLock(long pid) throws IOException {
        Path locks = Path.of("/proc/locks");
        Assumptions.assumeTrue(Files.isReadable(locks), "needs Linux's /proc/locks");
        return Files.readAllLines(locks).stream().anyMatch(line -> line.contains("->") && line.contains(" " + pid + " "));
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
        return start(dir, firstBuild, builds, List.of());
    }

    private Process start(Path store, long firstBuild, int builds, List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(IngestProcess.class.getName());
        command.add(store.toString());
        command.add(Long.toString(firstBuild));
        command.add(Integer.toString(builds));
        command.add(Integer.toString(SERIES));
        command.add(Integer.toString(POINTS));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve("ingest-" + firstBuild + ".log").toFile()).start();
    }
}
