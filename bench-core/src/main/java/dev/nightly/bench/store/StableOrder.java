package dev.nightly.bench.store;

/** The order that sorts a column of longs, equal ones in the order they came (a merge sort of their indexes). */
final class StableOrder {
    private StableOrder() {
    }

    /** Indexes {@code 0..size-1} ordered by {@code keys[index]}, ties by index. */
    static int[] of(long[] keys, int size) {
        int[] packed = packed(keys, size);
        return packed != null ? packed : merged(keys, size);
    }

    /**
     * When the spread of the keys and the index fit one long together (a series' times relative to its first,
     * ten thousand nights in 40 bits, and an index in the rest), both are sorted as one primitive: the index
     * breaks ties, so the order is stable. Null when they do not fit.
     */
    private static int[] packed(long[] keys, int size) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            min = Math.min(min, keys[i]);
            max = Math.max(max, keys[i]);
        }
        int indexBits = 64 - Long.numberOfLeadingZeros(Math.max(1, size - 1));
        long spread = max - min;
        if (size == 0 || spread < 0 || 64 - Long.numberOfLeadingZeros(spread) + indexBits > 63) {
            return null;
        }
        long[] both = new long[size];
        for (int i = 0; i < size; i++) {
            both[i] = (keys[i] - min) << indexBits | i;
        }
        java.util.Arrays.sort(both);
        int[] order = new int[size];
        long mask = (1L << indexBits) - 1;
        for (int i = 0; i < size; i++) {
            order[i] = (int) (both[i] & mask);
        }
        return order;
    }

    private static int[] merged(long[] keys, int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        int[] other = new int[size];
        // Bottom-up: runs of 1, 2, 4, ... merged from order into other and back; the left run wins ties.
        for (int width = 1; width < size; width *= 2) {
            for (int from = 0; from < size; from += 2 * width) {
                int middle = Math.min(from + width, size);
                int to = Math.min(from + 2 * width, size);
                int left = from;
                int right = middle;
                for (int out = from; out < to; out++) {
                    if (left < middle && (right >= to || keys[order[left]] <= keys[order[right]])) {
                        other[out] = order[left++];
                    }
                    else {
                        other[out] = order[right++];
                    }
                }
            }
            int[] swap = order;
            order = other;
            other = swap;
        }
        return order;
    }
}
