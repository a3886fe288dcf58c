package dev.nightly.bench.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RobustTest {
    @Test
    void selectFindsWhatSortingFinds() {
        Random random = new Random(17);
        for (int round = 0; round < 500; round++) {
            int n = 1 + random.nextInt(60);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                // Few distinct values in some rounds: ties must not trip the partition.
                values[i] = round % 3 == 0 ? random.nextInt(4) : random.nextGaussian();
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int k = random.nextInt(n);
            assertThat(Robust.select(values.clone(), k)).isEqualTo(sorted[k]);
        }
    }

    @Test
    void theShiftIsTheMedianOfTheDifferencesAndIgnoresAStrayValue() {
        double[] before = {10, 11, 9, 10.5, 9.5};
        double[] after = {13, 12, 14, 13.5};
        double[] differences = new double[before.length * after.length];
        int d = 0;
        for (double b : before) {
            for (double a : after) {
                differences[d++] = a - b;
            }
        }
        assertThat(Robust.shift(before, after)).isEqualTo(Robust.median(differences));
        after[0] = 1000;
        // The mean of the differences would move by 247; the median stays between the levels' own distances.
        assertThat(Robust.shift(before, after)).isBetween(2.0, 4.5);
    }

    @Test
    void theNoiseOfTwoPartsLeavesOutTheStepBetweenThemAndTheirStrayValues() {
        Random random = new Random(3);
        double[] left = new double[25];
        double[] right = new double[25];
        for (int i = 0; i < 25; i++) {
            left[i] = 100 + 2 * random.nextGaussian();
            right[i] = 130 + 2 * random.nextGaussian();
        }
        left[3] = 400;
        right[7] = -50;
        assertThat(Robust.pooledSigma(left, right)).isBetween(1.4, 2.8);
    }
}
