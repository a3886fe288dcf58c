package dev.nightly.bench.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.SeriesKey;
import dev.nightly.bench.store.HistoryStore;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Series that vanish, series whose keys change from run to run, and counters whose direction is unknown. */
class MissingAndUnjudgedTest {
    private static final LocalDateTime NIGHT = LocalDateTime.of(2026, 11, 20, 3, 0);

    @TempDir
    Path dir;

    private HistoryStore store;

    /** Ingests one build of {@code values} (measure to value, all in dataset "parse", unit {@code unit}). */
    private void build(long build, String unit, Map<String, Double> values) {
        if (store == null) {
            store = HistoryStore.open(dir.resolve("history"));
        }
        List<Observation> observations = new ArrayList<>();
        values.forEach((measure, value) -> observations.add(new Observation(SeriesKey.of("parse", measure), unit,
                NIGHT.plusDays(build), "c" + build, value)));
        store.ingest(build, new BenchmarkResults(Map.of(), observations), "", null);
    }

    private CheckReport check(CheckSettings settings, long build) {
        return new Checker(settings).check(store.snapshot(), build);
    }

    @Test
    void aSeriesOfThePreviousBuildWithoutAValueNowIsMissingAndUnstable() {
        build(1, "ms", Map.of("mail", 10.0, "vcard", 20.0));
        build(2, "ms", Map.of("mail", 10.1, "vcard", 20.2));
        build(3, "ms", Map.of("mail", 10.0));

        CheckReport report = check(CheckSettings.defaults(), 3);

        CheckResult missing = report.results().stream().filter(r -> r.verdict() == Verdict.MISSING).findFirst().orElseThrow();
        assertThat(missing.key().id()).isEqualTo("parse/vcard");
        assertThat(missing.level()).isEqualTo(Level.UNSTABLE);
        assertThat(missing.describe()).isEqualTo("MISSING UNSTABLE parse/vcard: no value in build 3, last 20.2 ms in build 2 (commit c2)");
        assertThat(report.worstLevel()).contains(Level.UNSTABLE);
        assertThat(report.summary()).contains("1 missing");
        // Only once: in build 4 the series was already gone in the previous build.
        build(4, "ms", Map.of("mail", 10.0));
        assertThat(check(CheckSettings.defaults(), 4).results()).noneMatch(r -> r.verdict() == Verdict.MISSING);
    }

    @Test
    void aBuildThatStoredNothingShowsEverySeriesOfThePreviousBuildAsMissing() {
        build(1, "ms", Map.of("mail", 10.0, "vcard", 20.0));

        CheckReport report = check(CheckSettings.defaults(), 2);

        assertThat(report.results()).extracting(r -> r.key().measure() + " " + r.verdict())
                .containsExactlyInAnyOrder("mail MISSING", "vcard MISSING");
    }

    @Test
    void missingCanBeMadeAFailureOrSwitchedOffPerSeries() {
        build(1, "ms", Map.of("mail", 10.0, "vcard", 20.0));
        build(2, "ms", Map.of());

        CheckSettings settings = CheckSettings.parse("""
                {"checks": [{"kind": "missing", "level": "failure"},
                            {"series": {"measure": "vcard"}, "kind": "missing", "enabled": false}]}""");
        CheckReport report = check(settings, 2);

        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.key().measure()).isEqualTo("mail");
            assertThat(r.level()).isEqualTo(Level.FAILURE);
        });
        assertThat(report.worstLevel()).contains(Level.FAILURE);
    }

    @Test
    void seriesThatAreNearlyAllNewWhileOldOnesVanishedAreAWarning() {
        // What a parameter holding a memory address does: every run has other series.
        build(1, "s", Map.of("solve[0x7f01]", 1.0, "solve[0x7f02]", 2.0, "solve[0x7f03]", 3.0));
        build(2, "s", Map.of("solve[0x7f11]", 1.0, "solve[0x7f12]", 2.0, "solve[0x7f13]", 3.0));

        CheckReport report = check(CheckSettings.builder().defaults(true)
                .rule(new CheckRule(SeriesSelector.ALL, CheckKind.MISSING, null, 0, null, null, null, null, false)).build(), 2);

        assertThat(report.warnings()).singleElement().asString()
                .startsWith("parse: 3 of 3 series of build 2 are new, while 3 series of earlier builds have no value in it");
        assertThat(report.flagged()).isEmpty();
        assertThat(report.worstLevel()).contains(Level.UNSTABLE);
        assertThat(report.summary()).endsWith("; 1 warning");
    }

    @Test
    void oneNewSeriesBesideItsElderIsNoWarning() {
        build(1, "s", Map.of("parse", 1.0, "index", 2.0));
        build(2, "s", Map.of("parse", 1.0, "index", 2.0, "compact", 3.0));

        assertThat(check(CheckSettings.defaults(), 2).warnings()).isEmpty();
    }

    @Test
    void aSeriesWithoutUnitIsComparedButNotJudgedUnlessTheChecksNameADirection() {
        build(1, "", Map.of("checksum", 100.0));
        build(2, "", Map.of("checksum", 100.0));
        build(3, "", Map.of("checksum", 180.0));

        CheckResult unjudged = check(CheckSettings.defaults(), 3).results().get(0);
        CheckResult judged = check(CheckSettings.parse("{\"checks\": [{\"series\": {\"measure\": \"checksum\"}, \"direction\": \"lower\"}]}"), 3)
                .results().get(0);

        assertThat(unjudged.verdict()).isEqualTo(Verdict.NOT_JUDGED);
        assertThat(unjudged.isFlagged()).isFalse();
        assertThat(unjudged.direction()).isNull();
        assertThat(unjudged.describe()).startsWith("NOT_JUDGED parse/checksum: 180 vs 100 (median of last 2 values), +80.0%")
                .contains("not judged");
        assertThat(judged.verdict()).isEqualTo(Verdict.REGRESSED);
    }

    @Test
    void aRisingRateCounterIsAnImprovement() {
        build(1, "GB/s", Map.of("FOM: GB/s", 10.0));
        build(2, "GB/s", Map.of("FOM: GB/s", 10.1));
        build(3, "GB/s", Map.of("FOM: GB/s", 14.0));

        CheckResult result = check(CheckSettings.defaults(), 3).results().get(0);

        assertThat(result.verdict()).isEqualTo(Verdict.IMPROVED);
        assertThat(Optional.ofNullable(result.direction())).contains(dev.nightly.bench.model.Direction.HIGHER_IS_BETTER);
    }
}
