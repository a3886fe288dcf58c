package dev.nightly.bench.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectionTest {
    @ParameterizedTest
    @ValueSource(strings = {"ms", "s", "ns", "us", "kb", "byte", "bytes", "%", "SD", "pages", "", "ms/op", "s/op"})
    void costsGetBetterAsTheyFall(String unit) {
        assertThat(Direction.fromUnit(unit)).isEqualTo(Direction.LOWER_IS_BETTER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ops/ms", "result/ms", "ops/s", "MB/s", "items/s", "ops/hr", "ops/day", " Ops / Sec ", "B/s"})
    void ratesGetBetterAsTheyRise(String unit) {
        assertThat(Direction.fromUnit(unit)).isEqualTo(Direction.HIGHER_IS_BETTER);
    }

    @ParameterizedTest
    @ValueSource(doubles = {100, 0.001, -50})
    void worseningIsPositiveForTheWorseWhicheverTheDirection(double baseline) {
        double worse = baseline + Math.abs(baseline) * 0.25;

        assertThat(Direction.LOWER_IS_BETTER.worsening(baseline, worse)).isCloseTo(25.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Direction.HIGHER_IS_BETTER.worsening(baseline, worse)).isCloseTo(-25.0, org.assertj.core.data.Offset.offset(1e-9));
    }
}
