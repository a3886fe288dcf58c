package dev.nightly.bench.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DownSamplerTest {
    @Test
    void keepsEverythingWithinTheBudget() {
        double[] values = {3, 1, 2};
        assertThat(DownSampler.select(values, 3, 10, new int[0])).containsExactly(0, 1, 2);
    }

    @Test
    void usesOnlyTheGivenCount() {
        double[] values = {3, 1, 2, 99, 99};
        assertThat(DownSampler.select(values, 3, 10, new int[0])).containsExactly(0, 1, 2);
    }

    @Test
    void keepsFirstLastExtremesAndMarkedPointsWithinTheBudget() {
        Random random = new Random(7);
        int count = 10_000;
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = 100 + random.nextGaussian();
        }
        values[1234] = 500; // a spike
        values[8765] = -50; // a dip
        int[] keep = {17, 4000, 4001, 9998};

        int[] kept = DownSampler.select(values, count, 200, keep);

        assertThat(kept.length).isLessThanOrEqualTo(200);
        assertThat(kept).startsWith(0).endsWith(count - 1).contains(1234, 8765).contains(keep);
        int[] sorted = Arrays.stream(kept).distinct().sorted().toArray();
        assertThat(kept).as("ascending without duplicates").containsExactly(sorted);
    }

    @Test
    void keepsEachBucketsMinimumAndMaximum() {
        // A saw tooth: every bucket of ten holds 0..9, so each must show both 0 and 9.
        int count = 1002;
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = i % 10;
        }
        int[] kept = DownSampler.select(values, count, 202, new int[0]);

        long lows = Arrays.stream(kept).filter(i -> values[i] == 0).count();
        long highs = Arrays.stream(kept).filter(i -> values[i] == 9).count();
        assertThat(lows).isGreaterThanOrEqualTo(99);
        assertThat(highs).isGreaterThanOrEqualTo(99);
    }

    @Test
    void keepsMarkedPointsEvenWhenThereAreMoreThanTheBudget() {
        double[] values = new double[100];
        int[] keep = new int[60];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = i * 1 + 20;
        }
        int[] kept = DownSampler.select(values, 100, 50, keep);
        assertThat(kept).contains(keep).startsWith(0).endsWith(99);
    }
}
