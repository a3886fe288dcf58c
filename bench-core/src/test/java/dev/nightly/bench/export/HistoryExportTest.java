package dev.nightly.bench.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HistoryExportTest {
    /** The export's times are byte for byte what it printed with {@code toString} before. */
    @Test
    void timesAreWrittenAsLocalDateTimeToStringWritesThem() {
        char[] out = new char[32];
        LocalDateTime[] edges = {
            LocalDateTime.of(2026, 11, 23, 3, 0), LocalDateTime.of(2026, 11, 23, 3, 0, 7),
            LocalDateTime.of(2026, 1, 2, 0, 0, 0, 1_000_000), LocalDateTime.of(1, 1, 1, 0, 0, 0, 120_000_000),
            LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000), LocalDateTime.of(0, 1, 1, 0, 1),
            LocalDateTime.of(2018, 7, 28, 3, 4, 12, 345_678_000), LocalDateTime.of(2018, 7, 28, 3, 4, 12, 5),
            LocalDateTime.of(-5, 7, 28, 3, 4), LocalDateTime.of(12_345, 7, 28, 3, 4, 5),
        };
        for (LocalDateTime time : edges) {
            assertThat(new String(out, 0, HistoryExport.timeText(time, out))).isEqualTo(time.toString());
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            LocalDateTime time = LocalDateTime.of(random.nextInt(0, 10_000), random.nextInt(1, 13), random.nextInt(1, 29),
                    random.nextInt(24), random.nextInt(60), random.nextInt(3) == 0 ? 0 : random.nextInt(60),
                    random.nextInt(3) == 0 ? 0 : random.nextInt(1000) * 1_000_000);
            assertThat(new String(out, 0, HistoryExport.timeText(time, out))).isEqualTo(time.toString());
        }
    }
}
