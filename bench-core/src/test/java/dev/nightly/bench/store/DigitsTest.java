package dev.nightly.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DigitsTest {
    @Test
    void divisionsByMultiplicationAreExactOverTheTimesOfADayAndBeyond() {
        // Every millisecond of a day, exhaustively, and a sample of the rest of the int range with its edges.
        for (int x = 0; x <= 86_400_000; x++) {
            check(x);
        }
        Random random = new Random(4);
        for (int i = 0; i < 5_000_000; i++) {
            check(random.nextInt(Integer.MAX_VALUE));
        }
        for (int x = Integer.MAX_VALUE - 10_000; x > 0; x++) {
            check(x);
        }
    }

    private static void check(int x) {
        if (Digits.tenth(x) != x / 10 || Digits.sixtieth(x) != x / 60 || Digits.thousandth(x) != x / 1000) {
            throw new AssertionError("wrong quotient of " + x);
        }
    }

    @Test
    void digitsAreWrittenAsIntegerToStringWritesThem() {
        byte[] bytes = new byte[12];
        for (int value : new int[] {0, 7, 10, 99, 100, 12345, 999_999_999, Integer.MAX_VALUE}) {
            int count = Digits.count(value);
            Digits.write(bytes, 1, value, count);
            assertThat(new String(bytes, 1, count, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(Integer.toString(value));
        }
        Digits.write(bytes, 0, 42, 4);
        assertThat(new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("0042");
    }
}
