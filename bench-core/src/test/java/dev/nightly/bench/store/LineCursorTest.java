package dev.nightly.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LineCursorTest {
    /** The cursor takes a time exactly when the general parser does (it checks dates without making them). */
    @Test
    void timesAreTakenExactlyWhenTheParserTakesThem() {
        List<String> times = new ArrayList<>(List.of("2024-02-29T00:00:00.000", "2023-02-29T00:00:00.000", "1900-02-29T12:00:00.000",
                "2000-02-29T12:00:00.000", "0000-02-29T00:00:00.000", "9999-12-31T23:59:59.999", "2026-04-31T00:00:00.000",
                "2026-13-01T00:00:00.000", "2026-00-01T00:00:00.000", "2026-01-00T00:00:00.000", "2026-01-01T24:00:00.000",
                "2026-01-01T23:60:00.000", "2026-01-01T23:59:60.000", "2026-01-01T23:59:59.-00", "2026-01-01 23:59:59.000",
                "2026-1-01T23:59:59.0000", "+026-01-01T23:59:59.000"));
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            times.add(String.format("%04d-%02d-%02dT%02d:%02d:%02d.%03d", random.nextInt(10_000), random.nextInt(14),
                    random.nextInt(33), random.nextInt(25), random.nextInt(61), random.nextInt(61), random.nextInt(1000)));
        }
        for (String time : times) {
            boolean parses;
            try {
                PointCodec.parseTime(time);
                parses = true;
            }
            catch (DateTimeException | IllegalArgumentException e) {
                parses = false;
            }
            assertThat(LineCursor.isTime(time.getBytes(StandardCharsets.US_ASCII), 0)).as(time).isEqualTo(parses);
        }
    }

    @Test
    void linesInTheUsualFormAndInTimeOrderAreTakenAndNothingElse() {
        String usual = "1\t2026-01-01T03:00:00.000\tabc\t1.5\n2\t2026-01-02T03:00:00.000\t\t2.5\t0.25\n";
        LineCursor lines = lines(usual, 2);
        assertThat(lines.next()).isTrue();
        assertThat(lines.build()).isEqualTo(1);
        assertThat(text(lines, lines.commitStart(), lines.commitEnd())).isEqualTo("abc");
        assertThat(text(lines, lines.valueStart(), lines.valueEnd())).isEqualTo("1.5");
        assertThat(lines.errorStart()).isEqualTo(-1);
        assertThat(lines.next()).isTrue();
        assertThat(text(lines, lines.errorStart(), lines.errorEnd())).isEqualTo("0.25");
        assertThat(lines.next()).isFalse();
        assertThat(lines.complete()).isTrue();

        // Fewer lines than the manifest records, more, an unterminated one, a late row, an extra field, a control byte.
        assertThat(readAll(lines(usual, 3))).isFalse();
        assertThat(readAll(lines(usual, 1))).isFalse();
        assertThat(readAll(lines(usual.substring(0, usual.length() - 1), 2))).isFalse();
        assertThat(readAll(lines("2\t2026-01-02T03:00:00.000\tx\t1\n1\t2026-01-01T03:00:00.000\tx\t1\n", 2))).isFalse();
        assertThat(readAll(lines("2\t2026-01-02T03:00:00.000\tx\t1\n1\t2026-01-02T03:00:00.000\tx\t1\n", 2))).isFalse();
        assertThat(readAll(lines("1\t2026-01-02T03:00:00.000\tx\t1\n2\t2026-01-02T03:00:00.000\tx\t1\n", 2))).isTrue();
        assertThat(readAll(lines("1\t2026-01-01T03:00:00.000\tx\t1\t2\t3\n", 1))).isFalse();
        assertThat(readAll(lines("1\t2026-01-01T03:00:00.000\tx\u0001y\t1\n", 1))).isFalse();
        assertThat(readAll(lines("1\t2026-01-01T03:00:00.000\tx\t\n", 1))).isFalse();
        assertThat(readAll(lines("", 0))).isTrue();
    }

    private static LineCursor lines(String text, int expected) {
        return new LineCursor(text.getBytes(StandardCharsets.UTF_8), expected);
    }

    private static boolean readAll(LineCursor lines) {
        while (lines.next()) {
            // every line taken
        }
        return lines.complete();
    }

    private static String text(LineCursor lines, int from, int to) {
        return new String(lines.bytes(), from, to - from, StandardCharsets.UTF_8);
    }
}
