package dev.nightly.bench.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.bench.model.Bounds;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.model.SeriesKey;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckerTest {
    private static final SeriesKey QUERY = SeriesKey.of("mail_query", "queryTime", Map.of("rows", "5000"));
    private static final DatasetInfo NO_BOUNDS = DatasetInfo.of("mail_query");
    private static final Checker DEFAULTS = new Checker(CheckSettings.defaults());

    /** One value per build 1..n, oldest first. */
    private static Series series(String unit, double... values) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new Point(i + 1, String.format("%09x", i + 1), LocalDateTime.parse("2026-11-01T03:00:00").plusDays(i), values[i]));
        }
        return new Series(QUERY, unit, points);
    }

    /** 30 nights of jitter of up to {@code percent} around 200, then {@code last}. */
    private static double[] jittery(double percent, double last, long seed) {
        Random random = new Random(seed);
        double[] values = new double[31];
        for (int i = 0; i < 30; i++) {
            values[i] = 200 * (1 + (random.nextDouble() * 2 - 1) * percent / 100);
        }
        values[30] = last;
        return values;
    }

    private static CheckResult regression(Checker checker, Series series) {
        return checker.check(series, NO_BOUNDS, series.points().size()).stream()
                .filter(r -> r.kind() == CheckKind.REGRESSION).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void defaultDoesNotFlagJitterOfAFewPercent(long seed) {
        Random random = new Random(seed * 31);
        double[] values = jittery(3, 200 * (1 + (random.nextDouble() * 2 - 1) * 0.03), seed);

        CheckResult result = regression(DEFAULTS, series("ms", values));

        assertThat(result.isFlagged()).as(result.describe()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void defaultFlagsATwentyFivePercentRegression(long seed) {
        double[] values = jittery(3, 250, seed);

        CheckResult result = regression(DEFAULTS, series("ms", values));

        assertThat(result.verdict()).as(result.describe()).isEqualTo(Verdict.REGRESSED);
        assertThat(result.level()).isEqualTo(Level.UNSTABLE);
        assertThat(result.baseline().value()).isBetween(190.0, 210.0);
        assertThat(result.changePercent()).isBetween(19.0, 32.0);
    }

    @Test
    void defaultFlagsATwentyFivePercentRegressionEvenOnANoisySeries() {
        double[] values = jittery(15, 200 * 1.25 * 1.10, 3);

        CheckResult result = regression(DEFAULTS, series("ms", values));

        assertThat(result.tolerance()).isEqualTo(Noise.MAX_TOLERANCE);
        assertThat(result.verdict()).isEqualTo(Verdict.REGRESSED);
    }

    @Test
    void aStrayOutlierInTheHistoryDoesNotMoveTheBaseline() {
        double[] values = {100, 101, 99, 100, 400, 100, 101, 99, 100, 100, 118};

        CheckResult result = regression(DEFAULTS, series("ms", values));

        assertThat(result.baseline().value()).isEqualTo(100.0);
        assertThat(result.verdict()).isEqualTo(Verdict.REGRESSED);
    }

    @Test
    void anImprovementIsReportedAndNeverFlagged() {
        CheckResult result = regression(DEFAULTS, series("ms", jittery(2, 120, 9)));

        assertThat(result.verdict()).isEqualTo(Verdict.IMPROVED);
        assertThat(result.isFlagged()).isFalse();
        assertThat(result.changePercent()).isNegative();
    }

    @Test
    void forRatesHigherIsBetter() {
        Series throughput = series("ops/ms", jittery(2, 150, 4));

        CheckResult result = regression(DEFAULTS, throughput);

        assertThat(result.direction()).isEqualTo(Direction.HIGHER_IS_BETTER);
        assertThat(result.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(regression(DEFAULTS, series("result/ms", jittery(2, 260, 4))).verdict()).isEqualTo(Verdict.IMPROVED);
    }

    @Test
    void theDirectionCanBeOverriddenPerSeries() {
        CheckSettings settings = CheckSettings.parse("""
                {"checks": [{"series": {"dataset": "mail_*", "parameters": {"rows": "5*"}}, "direction": "higher"}]}
                """);

        CheckResult result = regression(new Checker(settings), series("ms", jittery(2, 150, 4)));

        assertThat(result.direction()).isEqualTo(Direction.HIGHER_IS_BETTER);
        assertThat(result.verdict()).isEqualTo(Verdict.REGRESSED);
    }

    @Test
    void previousBuildBaselineWithATolerance() {
        CheckSettings settings = CheckSettings.parse("""
                {"checks": [{"baseline": "previous", "tolerance": 10, "level": "failure"}]}
                """);

        CheckResult result = regression(new Checker(settings), series("ms", 100, 200, 100, 111));

        assertThat(result.baseline()).isEqualTo(new Baseline(100.0, "previous value, build 3"));
        assertThat(result.changePercent()).isCloseTo(11.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(result.tolerance()).isEqualTo(10.0);
        assertThat(result.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(result.level()).isEqualTo(Level.FAILURE);
    }

    @Test
    void medianOfTheLastNBuilds() {
        CheckSettings settings = CheckSettings.parse("""
                {"checks": [{"baseline": "median", "window": 3, "tolerance": 5}]}
                """);

        CheckResult result = regression(new Checker(settings), series("ms", 500, 100, 110, 90, 104));

        assertThat(result.baseline()).isEqualTo(new Baseline(100.0, "median of last 3 values"));
        assertThat(result.verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void aNamedBuildAsBaseline() {
        CheckSettings named = CheckSettings.parse("{\"checks\": [{\"baseline\": \"build\", \"build\": 2, \"tolerance\": 5}]}");
        CheckSettings missing = CheckSettings.parse("{\"checks\": [{\"baseline\": \"build\", \"build\": 99}]}");
        Series series = series("ms", 100, 80, 120, 90);

        assertThat(regression(new Checker(named), series).baseline()).isEqualTo(new Baseline(80.0, "build 2"));
        assertThat(regression(new Checker(named), series).verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(regression(new Checker(missing), series).verdict()).isEqualTo(Verdict.NO_BASELINE);
    }

    @Test
    void aNewSeriesHasNoBaseline() {
        CheckResult result = regression(DEFAULTS, series("ms", 42));

        assertThat(result.verdict()).isEqualTo(Verdict.NO_BASELINE);
        assertThat(result.isFlagged()).isFalse();
    }

    @Test
    void theFormatsOwnErrorWidensTheTolerance() {
        Series series = series("ops/s", 1000, 1002, 998, 1001, 999);
        List<Point> points = new ArrayList<>(series.points());
        Point last = points.remove(points.size() - 1);
        points.add(new Point(last.build(), last.commit(), last.time(), 850, 100));
        Series noisy = new Series(QUERY, "ops/s", points);

        CheckResult result = regression(DEFAULTS, noisy);

        assertThat(result.tolerance()).isGreaterThan(19.9);
        assertThat(result.verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void boundsFromTheDefinitions() {
        DatasetInfo bounded = new DatasetInfo("mail_query", "Mail Query", "", Map.of("queryTime", new Bounds(0.0, 400.0)));
        Series series = series("ms", 300, 310, 420);

        List<CheckResult> results = DEFAULTS.check(series, bounded, 3);

        assertThat(results).filteredOn(r -> r.kind() == CheckKind.BOUNDS).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.OUT_OF_BOUNDS);
            assertThat(r.describe()).contains("OUT_OF_BOUNDS UNSTABLE mail_query/queryTime{rows=5000}: 420 ms allowed bounds [0..400]");
        });
        assertThat(DEFAULTS.check(series, bounded, 2)).filteredOn(r -> r.kind() == CheckKind.BOUNDS)
                .singleElement().extracting(CheckResult::verdict).isEqualTo(Verdict.OK);
    }

    @Test
    void rulesCanSwitchChecksOffAndRaiseTheirLevel() {
        DatasetInfo bounded = new DatasetInfo("mail_query", "", "", Map.of("queryTime", Bounds.fromHawd(0, 400)));
        CheckSettings settings = CheckSettings.parse("""
                {"checks": [{"kind": "regression", "enabled": false},
                            {"kind": "bounds", "series": {"measure": "query*"}, "level": "FAILURE"}]}
                """);

        List<CheckResult> results = new Checker(settings).check(series("ms", 100, 500), bounded, 2);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(CheckKind.BOUNDS);
            assertThat(r.level()).isEqualTo(Level.FAILURE);
        });
    }

    @Test
    void withoutDefaultsOnlyTheRulesRun() {
        CheckSettings settings = CheckSettings.parse("""
                {"defaults": false, "checks": [{"series": {"dataset": "other"}, "tolerance": 1}]}
                """);

        assertThat(new Checker(settings).check(series("ms", 100, 500), NO_BOUNDS, 2)).isEmpty();
    }

    @Test
    void reportOrdersWorstFirstAndSummarises() {
        DatasetInfo bounded = new DatasetInfo("mail_query", "", "", Map.of("queryTime", Bounds.fromHawd(0, 400)));
        CheckSettings settings = CheckSettings.parse("{\"checks\": [{\"kind\": \"bounds\", \"level\": \"failure\"}]}");
        List<CheckResult> results = new ArrayList<>(new Checker(settings).check(series("ms", 100, 101, 99, 500), bounded, 4));
        results.addAll(DEFAULTS.check(new Series(SeriesKey.of("mail_query", "other"), "ms",
                series("ms", 100, 101, 99, 60).points()), bounded, 4));

        CheckReport report = new CheckReport(4, results);

        assertThat(report.results()).extracting(CheckResult::verdict)
                .containsExactly(Verdict.OUT_OF_BOUNDS, Verdict.REGRESSED, Verdict.IMPROVED);
        assertThat(report.worstLevel()).contains(Level.FAILURE);
        assertThat(report.summary()).isEqualTo("build 4: 3 checks, 2 flagged (1 FAILURE, 1 UNSTABLE): 1 out of bounds, 1 regressed, 1 improved");
    }
}
