package dev.nightly.bench.chart;

import java.util.Arrays;

/**
 * Picks the points of a long series that a chart shows: per bucket of neighbouring points its lowest
 * and its highest value (so spikes and dips survive, which is what a benchmark chart is for), plus the
 * first and last point and every point that must stay because it is marked. Works on primitive arrays
 * in one pass; allocates only the result.
 */
public final class DownSampler {
    private DownSampler() {
    }

    /**
     * The indices to keep, ascending.
     *
     * @param values    the values, in order
     * @param count     how many of {@code values} are used (the array may be longer)
     * @param maxPoints the budget; when {@code count} fits, every index is returned
     * @param keep      indices that must be kept, ascending, without duplicates (may be empty)
     */
    public static int[] select(double[] values, int count, int maxPoints, int[] keep) {
        if (count <= maxPoints) {
            int[] all = new int[count];
            for (int i = 0; i < count; i++) {
                all[i] = i;
            }
            return all;
        }
        int buckets = Math.max(1, (maxPoints - 2 - keep.length) / 2);
        // Worst case: two per bucket, first, last and every kept index.
        int[] chosen = new int[buckets * 2 + 2 + keep.length];
        int size = 0;
        int next = 0; // next index into keep
        chosen[size++] = 0;
        double width = (double) (count - 2) / buckets;
        for (int bucket = 0; bucket < buckets; bucket++) {
            int from = 1 + (int) Math.floor(bucket * width);
            int to = bucket == buckets - 1 ? count - 1 : 1 + (int) Math.floor((bucket + 1) * width);
            if (from >= to) {
                continue;
            }
            int min = from;
            int max = from;
            for (int i = from + 1; i < to; i++) {
                double value = values[i];
                if (value < values[min]) {
                    min = i;
                } else if (value > values[max]) {
                    max = i;
                }
            }
            int first = Math.min(min, max);
            int second = Math.max(min, max);
            // Kept indices before this bucket's picks go first, so the result stays ascending.
            while (next < keep.length && keep[next] < first) {
                size = append(chosen, size, keep[next++]);
            }
            size = append(chosen, size, first);
            while (next < keep.length && keep[next] < second) {
                size = append(chosen, size, keep[next++]);
            }
            size = append(chosen, size, second);
        }
        while (next < keep.length) {
            size = append(chosen, size, keep[next++]);
        }
        size = append(chosen, size, count - 1);
        return Arrays.copyOf(chosen, size);
    }

    private static int append(int[] chosen, int size, int index) {
        if (size > 0 && chosen[size - 1] >= index) {
            return size; // duplicate, or the same point picked as min and max
        }
        chosen[size] = index;
        return size + 1;
    }
}
