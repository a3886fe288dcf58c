package dev.nightly.bench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.nightly.bench.model.Point;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reading a line in place must give what splitting it gives: the same point, or the same error. */
class PointCodecFastParseTest {
    @Test
    void writtenPointsReadBackAlikeBothWays() {
        Random random = new Random(7);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            double value = switch (i % 8) {
                case 0 -> random.nextInt(100_000);
                case 1 -> Math.round(random.nextDouble() * 1e6) / 1000.0;
                case 2 -> random.nextGaussian() * 1e-5;
                case 3 -> random.nextDouble() * 1e17;
                case 4 -> -random.nextDouble();
                case 5 -> i % 16 == 5 ? -0.0 : 0.0;
                case 6 -> Double.longBitsToDouble(random.nextLong());
                default -> random.nextDouble();
            };
            LocalDateTime time = LocalDateTime.of(1999 + random.nextInt(30), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1000) * 1_000_000);
            double error = i % 5 == 0 ? random.nextDouble() : Double.NaN;
            lines.add(line(new Point(random.nextInt(20_000), i % 7 == 0 ? "" : "1a2b3c4d5", time, value, error)));
        }
        lines.addAll(List.of("1\t2018-07-28T03:04:12.345\tabc\t5", "1\t2018-07-28T03:04:12.345\tabc\t.5",
                "1\t2018-07-28T03:04:12.345\tabc\t5.", "1\t2018-07-28T03:04:12.345\tabc\t+5", "1\t2018-07-28T03:04:12.345\t\t1e3",
                "1\t2018-07-28T03:04:12.345\t\t 7", "1\t2018-07-28T03:04:12.345\t\tNaN", "1\t2018-07-28T03:04:12.345\t\t-Infinity",
                "007\t2018-07-28T03:04:12.345\t\t0.0000000000000000000000001", "+1\t2018-07-28T03:04:12.345\t\t1",
                "1\t2018-07x28T03:04:12.345\t\t1", "1\t2018-02-30T03:04:12.345\t\t1", "1\t2018-07-28T03:04:12\t\t1",
                "1\t2018-07-28T03:04:12.345\t\t1\t2\t3", "1\t2018-07-28T03:04:12.345", "x\t2018-07-28T03:04:12.345\t\t1",
                "1\t2018-07-28T03:04:12.345\t\tabc", "", "1\t2018-07-28T03:04:12.345\t\t12345678901234567890.5"));
        String text = "junk\n" + String.join("\n", lines) + "\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int start = text.indexOf('\n') + 1;
        long[] builds = new long[1];
        double[] values = new double[1];
        int scanned = 0;
        for (String line : lines) {
            int from = start;
            int to = text.indexOf('\n', start);
            Object expected = outcome(() -> PointCodec.parse(line));
            Object actual = outcome(() -> PointCodec.parse(bytes, from, to));
            assertThat(actual).as(line).isEqualTo(expected);

            // Scanning build and value only: either it gives the parsed ones, or it leaves the line to the parser.
            builds[0] = -1;
            int end = PointCodec.scanBuildAndValue(bytes, from, builds, values, 0);
            if (end >= 0) {
                scanned++;
                assertThat(end).as(line).isEqualTo(to);
                // The scan measures the time field without reading it: a bad time shows when the point is made.
                String[] fields = line.split("\t", -1);
                fields[1] = "2018-07-28T03:04:12.345";
                Point point = PointCodec.parse(String.join("\t", fields));
                assertThat(builds[0]).as(line).isEqualTo(point.build());
                assertThat(Double.doubleToRawLongBits(values[0])).as(line).isEqualTo(Double.doubleToRawLongBits(point.value()));
            } else {
                assertThat(builds[0]).as(line).isEqualTo(-1);
            }
            start = to + 1;
        }
        // Every line the codec writes takes the scan.
        assertThat(scanned).isGreaterThanOrEqualTo(50_000);
    }

    /**
     * Damaged lines (random bytes changed, a TAB or LF inside the time, a short time that shifts the
     * fields): the scan either refuses, or finds the very fields the general parser finds, ending at the
     * line's LF, with the same build and value; where it accepts a line the parser refuses, only the
     * time's content is wrong (the scan measures the time, the parser reads it).
     */
    @Test
    void theScanFindsTheParsersFieldsOrRefusesOnDamagedLines() {
        Random random = new Random(99);
        String alphabet = "0123456789-T:.\t\nxe+ \u00e9";
        List<String> lines = new ArrayList<>(List.of("7\t2018-07-28T03:04:12.35\t\t-0.25\t1",
                "7\t2018-07-28T03:04\t2.345\t\t-0.25", "7\t2018-07-28T03:04:12.345\t\t-0.25\td0.1",
                "7\t2018-07-28T03:04:12.345\tab\tc\t5"));
        for (int i = 0; i < 200_000; i++) {
            StringBuilder line = new StringBuilder(line(new Point(random.nextInt(5000), i % 3 == 0 ? "" : "1a2b3c4d5",
                    LocalDateTime.of(2018, 7, 28, 3, 4, 12, 345_000_000), Math.round(random.nextDouble() * 1e5) / 100.0,
                    i % 4 == 0 ? 0.5 : Double.NaN)));
            for (int changes = 1 + random.nextInt(2); changes > 0; changes--) {
                line.setCharAt(random.nextInt(line.length()), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            lines.add(line.toString());
        }
        long[] builds = new long[1];
        double[] values = new double[1];
        for (String line : lines) {
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            int end = PointCodec.scanBuildAndValue(bytes, 0, builds, values, 0);
            if (end < 0) {
                continue;
            }
            // An LF ends a line wherever it is: the scan stops at the first one.
            String first = line.contains("\n") ? line.substring(0, line.indexOf('\n')) : line;
            assertThat(end).as(line).isEqualTo(first.getBytes(StandardCharsets.UTF_8).length);
            String[] fields = first.split("\t", -1);
            assertThat(fields.length).as(line).isIn(4, 5);
            fields[1] = "2018-07-28T03:04:12.345";
            Point point = PointCodec.parse(String.join("\t", fields));
            assertThat(builds[0]).as(line).isEqualTo(point.build());
            assertThat(Double.doubleToRawLongBits(values[0])).as(line).isEqualTo(Double.doubleToRawLongBits(point.value()));
        }
    }

    private static Object outcome(java.util.function.Supplier<Point> parse) {
        Throwable thrown = catchThrowable(parse::get);
        if (thrown != null) {
            return thrown.getClass().getName() + ": " + thrown.getMessage();
        }
        // Records compare doubles by bits, so -0.0 and 0.0 stay apart.
        return parse.get();
    }

    /** The line the store writes for {@code point}, without its LF. */
    private static String line(Point point) {
        PointLines lines = new PointLines(1);
        lines.add(point);
        return new String(lines.bytes(), 0, lines.length() - 1, StandardCharsets.UTF_8);
    }
}
