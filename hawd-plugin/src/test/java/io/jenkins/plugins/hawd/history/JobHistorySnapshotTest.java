package io.jenkins.plugins.hawd.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.SeriesKey;
import dev.nightly.bench.store.HistorySnapshot;
import hudson.Util;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A page view's repeated snapshots read the manifest once, and never show a store older than it is. */
class JobHistorySnapshotTest {
    private static final SeriesKey KEY = SeriesKey.of("mail_query", "queryTime", Map.of("rows", "1000"));

    private static BenchmarkResults night(int night) {
        LocalDateTime time = LocalDateTime.of(2026, 11, night, 3, 4);
        return new BenchmarkResults(Map.of(), List.of(new Observation(KEY, "ms", time, "cafe" + night, 100 + night)));
    }

    @Test
    void anUnchangedStoreGivesTheSameSnapshotAndACommitANewOne(@TempDir Path job) throws Exception {
        JobHistory history = new JobHistory(job.resolve(JobHistory.FOLDER), job.resolve("builds"));
        history.ingest(1, night(1), "", null);
        HistorySnapshot first = history.snapshot();
        assertThat(history.snapshot()).isSameAs(first);
        // Another view of the same job (each request makes its own) shares it.
        assertThat(new JobHistory(job.resolve(JobHistory.FOLDER), job.resolve("builds")).snapshot()).isSameAs(first);

        history.ingest(2, night(2), "", null);
        HistorySnapshot second = history.snapshot();
        assertThat(second).isNotSameAs(first);
        assertThat(second.latestBuild()).isEqualTo(2);
        assertThat(second.read(KEY).points()).hasSize(2);
        assertThat(first.latestBuild()).as("a snapshot stays what it was").isEqualTo(1);
    }

    @Test
    void aStoreThatIsGoneIsNotAnsweredFromTheCache(@TempDir Path job) throws Exception {
        JobHistory history = new JobHistory(job.resolve(JobHistory.FOLDER), job.resolve("builds"));
        history.ingest(1, night(1), "", null);
        assertThat(history.snapshot().latestBuild()).isEqualTo(1);
        Util.deleteRecursive(job.resolve(JobHistory.FOLDER).toFile());
        assertThatThrownBy(history::snapshot).isInstanceOf(BadInputException.class).hasMessageContaining("no such history store");
    }
}
