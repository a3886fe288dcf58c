package dev.nightly.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.bench.model.Point;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The lines an ingest writes without objects read back as the points they were made of, times as the JDK writes them. */
class PointLinesTest {
    private static final long FIRST = LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1000;
    private static final long LAST = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000).toEpochSecond(ZoneOffset.UTC) * 1000 + 999;

    @Test
    void timesAreWrittenAsTheJdkWritesThemOverTheWholeRangeOfYears() {
        Random random = new Random(1);
        char[] chars = new char[32];
        for (int i = 0; i < 200_000; i++) {
            long millis = switch (i % 4) {
                case 0 -> FIRST + (long) (random.nextDouble() * (LAST - FIRST));
                case 1 -> (FIRST + (long) (random.nextDouble() * (LAST - FIRST))) / 60_000 * 60_000;
                case 2 -> (FIRST + (long) (random.nextDouble() * (LAST - FIRST))) / 1000 * 1000;
                default -> i % 8 == 3 ? FIRST + i : LAST - i;
            };
            LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000,
                    ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
            int length = LocalMillis.isoText(millis, chars);
            assertThat(new String(chars, 0, length)).as("%d", millis).isEqualTo(time.toString());
            PointLines lines = new PointLines(1);
            lines.add(3, millis, "", 1.0, Double.NaN);
            String line = new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8);
            assertThat(line).isEqualTo("3\t" + PointCodec.format(time) + "\t\t1.0\n");
        }
    }

    @Test
    void valuesReadBackAsExactlyTheSameDoublesAndUsualOnesAsDoubleToStringWritesThem() {
        Random random = new Random(2);
        for (int i = 0; i < 300_000; i++) {
            double value = switch (i % 6) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> random.nextInt(20_000_000) / Math.pow(10, random.nextInt(10));
                case 2 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
                case 3 -> random.nextInt(100_000) - 50_000;
                case 4 -> Math.round(random.nextDouble() * 1e6) / 1000.0;
                default -> new double[] {0.0, -0.0, 1e-3, 1e7, 9999999.999999998, 0.001, 0.1 + 0.2, Double.MIN_VALUE,
                    Double.MAX_VALUE, -Double.MIN_NORMAL, 123456789.125}[i / 6 % 11];
            };
            if (!Double.isFinite(value)) {
                continue;
            }
            PointLines lines = new PointLines(1);
            lines.add(12, 0, "a81b0e4f2", value, i % 2 == 0 ? Double.NaN : value);
            String line = new String(lines.bytes(), 0, lines.length() - 1, StandardCharsets.UTF_8);
            String text = line.split("\t")[3];
            assertThat(Double.doubleToRawLongBits(Double.parseDouble(text))).as(text).isEqualTo(Double.doubleToRawLongBits(value));
            Point point = PointCodec.parse(lines.bytes(), 0, lines.length() - 1);
            assertThat(Double.doubleToRawLongBits(point.value())).as(text).isEqualTo(Double.doubleToRawLongBits(value));
            if (i % 2 == 1) {
                assertThat(Double.doubleToRawLongBits(point.error())).as(text).isEqualTo(Double.doubleToRawLongBits(value));
            }
            if (i % 6 == 4 || i % 6 == 3) {
                // Values of a few decimals, as benchmarks report them: the same text as before.
                assertThat(text).isEqualTo(Double.toString(value));
            }
        }
    }

    @Test
    void commitsOfAnyTextAreWrittenAsUtf8() {
        PointLines lines = new PointLines(1);
        lines.add(1, 0, "k\u00f6mmit-\u20ac", 2.5, Double.NaN);
        assertThat(new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8))
                .isEqualTo("1\t1970-01-01T00:00:00.000\tk\u00f6mmit-\u20ac\t2.5\n");
    }
}
