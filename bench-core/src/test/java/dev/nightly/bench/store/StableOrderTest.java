package dev.nightly.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StableOrderTest {
    @Test
    void ordersByKeyAndKeepsTheOrderOfEqualKeysWhateverTheirSpread() {
        Random random = new Random(3);
        for (int round = 0; round < 300; round++) {
            int size = random.nextInt(3000);
            long[] keys = new long[size + random.nextInt(5)];
            long spread = switch (round % 4) {
                case 0 -> 10;
                case 1 -> 1L << 40;
                case 2 -> Long.MAX_VALUE / 2;
                default -> Long.MAX_VALUE;
            };
            long base = round % 3 == 0 ? Long.MIN_VALUE / 2 : 0;
            for (int i = 0; i < keys.length; i++) {
                keys[i] = round % 4 == 3 ? random.nextLong() : base + Math.floorMod(random.nextLong(), spread);
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                expected.add(i);
            }
            // List.sort is stable.
            expected.sort(Comparator.comparingLong(i -> keys[i]));

            int[] order = StableOrder.of(keys, size);

            assertThat(order).as("round %d", round).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
