package dev.nightly.bench.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.model.SeriesKey;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChangeDetectorTest {
    private static final SeriesKey KEY = SeriesKey.of("mail_query", "queryTime");
    private final ChangeDetector detector = new ChangeDetector(ChangeSettings.defaults());

    @Test
    void aStepIsFoundAtTheBuildItCameWithAndNamedARegression() {
        double[] values = noise(40, 100, 0.02, 1);
        for (int i = 24; i < 40; i++) {
            values[i] *= 1.15;
        }
        List<ChangePoint> found = detector.detect(series(values), Direction.LOWER_IS_BETTER).changePoints();

        assertThat(found).hasSize(1);
        ChangePoint step = found.get(0);
        assertThat(step.build()).isEqualTo(25);
        assertThat(step.lastBefore().build()).isEqualTo(24);
        assertThat(step.firstAfter().commit()).isEqualTo("c25");
        assertThat(step.changePercent()).isBetween(12.0, 18.0);
        assertThat(step.isRegression()).isTrue();
        assertThat(step.pValue()).isLessThanOrEqualTo(0.001);
        assertThat(detector.detect(series(values), Direction.HIGHER_IS_BETTER).changePoints().get(0).isRegression()).isFalse();
    }

    @Test
    void aSingleOutlierIsNoChangePoint() {
        double[] values = noise(40, 100, 0.02, 2);
        values[9] = 160;
        assertThat(detector.detect(series(values), Direction.LOWER_IS_BETTER).changePoints()).isEmpty();
        double[] last = noise(40, 100, 0.02, 3);
        last[39] = 200;
        assertThat(detector.detect(series(last), Direction.LOWER_IS_BETTER).changePoints()).isEmpty();
    }

    @Test
    void aStepIsReportedOnceFiveNightsShowIt() {
        double[] values = noise(30, 100, 0.02, 4);
        for (int i = 24; i < 30; i++) {
            values[i] *= 1.15;
        }
        // Three nights at the new level could be chance at p <= 0.001 (1 in C(27, 3) orders); five are not.
        assertThat(detector.detect(series(values, 27), Direction.LOWER_IS_BETTER).changePoints()).isEmpty();
        assertThat(detector.detect(series(values, 29), Direction.LOWER_IS_BETTER).changePoints())
                .extracting(ChangePoint::build).containsExactly(25L);
    }

    @Test
    void searchingNightByNightGivesWhatTheWholeSeriesGives() {
        // 350 nights: several windows are confirmed on the way; steps up, down, an outlier and noise.
        double[] values = noise(350, 100, 0.03, 5);
        for (int i = 0; i < values.length; i++) {
            values[i] *= i >= 60 && i < 170 ? 1.2 : i >= 170 && i < 240 ? 0.9 : i >= 240 ? 1.3 : 1.0;
        }
        values[120] = 400;
        Series whole = series(values);
        SeriesChanges full = detector.detect(whole, Direction.LOWER_IS_BETTER);

        ChangeState state = ChangeState.EMPTY;
        SeriesChanges nightly = null;
        for (int n = 1; n <= values.length; n++) {
            // Each night reads only the points from the open window on, as the store's tail read does.
            Series tail = new Series(KEY, "ms", whole.points().subList(state.windowStart(), n));
            nightly = detector.resume(state, tail, state.windowStart(), Direction.LOWER_IS_BETTER);
            state = nightly.state();
            assertThat(n - state.windowStart()).isLessThan(ChangeSettings.defaults().window());
        }
        assertThat(nightly).isEqualTo(full);
        assertThat(full.changePoints()).extracting(ChangePoint::build).containsExactly(61L, 171L, 241L);
        assertThat(full.state().confirmed()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aRewrittenSeriesIsNotCarriedOn() {
        double[] values = noise(150, 100, 0.02, 6);
        SeriesChanges first = detector.detect(series(values), Direction.LOWER_IS_BETTER);
        List<Point> other = new ArrayList<>(series(values).points());
        Point replaced = other.get(first.state().windowStart());
        other.set(first.state().windowStart(), new Point(1000, "x", replaced.time(), replaced.value()));
        assertThatThrownBy(() -> detector.resume(first.state(), new Series(KEY, "ms", other), 0, Direction.LOWER_IS_BETTER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the search had build");
    }

    static double[] noise(int size, double level, double relative, long seed) {
        Random random = new Random(seed);
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = level * (1 + relative * random.nextGaussian());
        }
        return values;
    }

    static Series series(double[] values) {
        return series(values, values.length);
    }

    /** Build i + 1 holds values[i], with commit c(i + 1). */
    static Series series(double[] values, int size) {
        List<Point> points = new ArrayList<>();
        LocalDateTime night = LocalDateTime.of(2026, 11, 1, 3, 0);
        for (int i = 0; i < size; i++) {
            points.add(new Point(i + 1, "c" + (i + 1), night.plusDays(i), values[i]));
        }
        return new Series(KEY, "ms", points);
    }
}
