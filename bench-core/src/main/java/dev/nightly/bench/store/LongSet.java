package dev.nightly.bench.store;

import java.util.Arrays;

/**
 * A set of longs without a box per element, for the fingerprints of one ingest: a backfill of two million
 * values made two million {@code Long}s and hash nodes, most of the ingest's garbage. Open addressing with
 * linear probing; fingerprints are already well mixed, and are spread once more in case they are not.
 */
final class LongSet {
    private long[] slots = new long[64];
    /** Whether the set holds 0, which marks a free slot. */
    private boolean hasZero;
    private int size;

    /** Adds {@code value}; false when it was there already. */
    boolean add(long value) {
        if (value == 0) {
            boolean added = !hasZero;
            hasZero = true;
            size += added ? 1 : 0;
            return added;
        }
        if ((size + 1) * 2L > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        for (int i = spread(value) & mask; ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == 0) {
                slots[i] = value;
                size++;
                return true;
            }
            if (slot == value) {
                return false;
            }
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long value : old) {
            if (value != 0) {
                int i = spread(value) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = value;
            }
        }
    }

    private static int spread(long value) {
        long h = value * 0x9e3779b97f4a7c15L;
        return (int) (h ^ (h >>> 32));
    }

    /** A growing list of longs, in the order added. */
    static final class List {
        private long[] values;
        private int size;

        List() {
            this(16);
        }

        /** A list with room for {@code capacity} values before it grows. */
        List(int capacity) {
            values = new long[Math.max(1, capacity)];
        }

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        long get(int index) {
            return values[index];
        }
    }
}
