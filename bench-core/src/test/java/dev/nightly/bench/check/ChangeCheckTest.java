package dev.nightly.bench.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.bench.changes.AckStatus;
import dev.nightly.bench.changes.ChangeTracker;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.SeriesKey;
import dev.nightly.bench.store.HistoryStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeCheckTest {
    private static final SeriesKey QUERY = SeriesKey.of("mail_query", "queryTime", Map.of("rows", "5000"));

    @TempDir
    Path dir;

    /** 2% noise around 200 ms; from build {@code step} on 15% slower; build 10 a stray night. */
    private static double[] nights(int size, int step) {
        Random random = new Random(7);
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = 200 * (1 + 0.02 * random.nextGaussian()) * (i + 1 >= step ? 1.15 : 1);
        }
        values[9] = 320;
        return values;
    }

    /** Ingests and checks night by night, as a nightly job does; returns each build's change check result. */
    private List<CheckResult> nightly(HistoryStore store, double[] values, int from, int to, CheckSettings settings) {
        List<CheckResult> changes = new ArrayList<>();
        LocalDateTime night = LocalDateTime.of(2026, 6, 1, 3, 0);
        for (int i = from; i < to; i++) {
            store.ingest(i + 1, new BenchmarkResults(Map.of(), List.of(
                    new Observation(QUERY, "ms", night.plusDays(i), "c" + (i + 1), values[i], Double.NaN))), "", null);
            CheckReport report = new Checker(settings).check(store.snapshot(), i + 1);
            report.results().stream().filter(r -> r.kind() == CheckKind.CHANGE).forEach(changes::add);
        }
        return changes;
    }

    @Test
    void aRegressionIsFlaggedOnceWhenConfirmedThenReportedAsOpen() {
        HistoryStore store = HistoryStore.open(dir);
        List<CheckResult> changes = nightly(store, nights(40, 25), 0, 40, CheckSettings.defaults());

        // The outlier at build 10 never made a change point; the step at 25 is confirmed a few nights later.
        List<CheckResult> flagged = changes.stream().filter(CheckResult::isFlagged).toList();
        assertThat(flagged).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.REGRESSED);
            assertThat(r.point().build()).isBetween(29L, 32L);
            assertThat(r.baseline().description()).startsWith("level before the change point at build 25 (commit c25), p=");
            assertThat(r.changePercent()).isBetween(8.0, 22.0);
            assertThat(r.describe()).startsWith("REGRESSED UNSTABLE mail_query/queryTime{rows=5000}: ");
        });
        long confirmed = flagged.get(0).point().build();
        assertThat(changes).filteredOn(r -> r.point().build() > confirmed).isNotEmpty().allSatisfy(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.OPEN_REGRESSION);
            assertThat(r.isFlagged()).isFalse();
            assertThat(r.baseline().description()).isEqualTo("open regression since build 25 (commit c25)");
        });
        assertThat(changes).allSatisfy(r -> assertThat(r.point().build()).isGreaterThanOrEqualTo(confirmed));
    }

    @Test
    void openChangesKeepFailingWhenAsked() {
        CheckSettings settings = CheckSettings.parse("{\"checks\": [{\"kind\": \"change\", \"keepFailing\": true, \"level\": \"failure\"}]}");
        List<CheckResult> changes = nightly(HistoryStore.open(dir), nights(40, 25), 0, 40, settings);
        assertThat(changes).isNotEmpty().allSatisfy(r -> {
            assertThat(r.isFlagged()).isTrue();
            assertThat(r.level()).isEqualTo(Level.FAILURE);
        });
        assertThat(changes.get(changes.size() - 1).baseline().description()).startsWith("open regression since build 25");
    }

    @Test
    void anExpectedChangeMovesTheBaselineAndABugStaysOpen() {
        HistoryStore store = HistoryStore.open(dir);
        double[] values = nights(45, 25);
        nightly(store, values, 0, 32, CheckSettings.defaults());
        // Without a decision, build 32's regression check still has values from before the step in its baseline.
        CheckResult before = regression(store, 32);
        assertThat(before.baseline().description()).isEqualTo("median of last 10 values");

        new ChangeTracker(dev.nightly.bench.changes.ChangeSettings.defaults(), CheckSettings.defaults().directions())
                .acknowledge(store.snapshot(), QUERY.id(), 25, AckStatus.EXPECTED, "new index", "anna", Instant.now());
        CheckResult after = regression(store, 32);
        assertThat(after.baseline().value()).isGreaterThan(before.baseline().value()).isGreaterThan(220.0);
        assertThat(after.baseline().description()).isEqualTo("median of last 7 values");
        assertThat(after.verdict()).isEqualTo(Verdict.OK);
        assertThat(nightly(store, values, 32, 45, CheckSettings.defaults())).isEmpty();

        new ChangeTracker(dev.nightly.bench.changes.ChangeSettings.defaults(), CheckSettings.defaults().directions())
                .acknowledge(store.snapshot(), QUERY.id(), 25, AckStatus.BUG, "https://bugs.example.org/7", "ben", Instant.now());
        CheckResult bug = new Checker(CheckSettings.defaults()).check(store.snapshot(), 45).results().stream()
                .filter(r -> r.kind() == CheckKind.CHANGE).findFirst().orElseThrow();
        assertThat(bug.verdict()).isEqualTo(Verdict.OPEN_REGRESSION);
        assertThat(bug.baseline().description()).isEqualTo("open regression since build 25 (commit c25), known bug: https://bugs.example.org/7");
    }

    private static CheckResult regression(HistoryStore store, long build) {
        return new Checker(CheckSettings.defaults()).check(store.snapshot(), build).results().stream()
                .filter(r -> r.kind() == CheckKind.REGRESSION).findFirst().orElseThrow();
    }
}
