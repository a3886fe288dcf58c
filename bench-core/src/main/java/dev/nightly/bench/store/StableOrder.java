package dev.nightly.bench.store;

/** The order that sorts a column of longs, equal ones in the order they came (a merge sort of their indexes). */
final class StableOrder {
    private StableOrder() {
    }

    /** Indexes {@code 0..size-1} ordered by {@code keys[index]}, ties by index. */
    static int[] of(long[] keys, int size) {
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
