package dev.nightly.bench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyPointsTest {
    private static final SeriesKey KEY = SeriesKey.of("mail_query", "queryTime");

    private static Point point(int i) {
        return new Point(i + 1, "c" + i, LocalDateTime.of(2026, 1, 1, 3, 0).plusDays(i), 10 + i);
    }

    @Test
    void aSeriesOfColumnsMakesOnlyThePointsReadAndEachOnce() {
        int size = 10_000;
        long[] builds = new long[size];
        double[] values = new double[size];
        List<Point> eager = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            builds[i] = i + 1;
            values[i] = 10 + i;
            eager.add(point(i));
        }
        AtomicInteger made = new AtomicInteger();
        SeriesColumns columns = new SeriesColumns(KEY, "ms", builds, values, size, i -> {
            made.incrementAndGet();
            if (i == 3) {
                throw new IllegalStateException("line 4: bad time");
            }
            return point(i);
        });

        Series series = columns.toSeries();
        assertThat(made).hasValue(0);
        assertThat(series.last()).isEqualTo(point(size - 1));
        assertThat(series.points().subList(size - 1000, size)).isEqualTo(eager.subList(size - 1000, size));
        series.points().get(size - 1);
        assertThat(made).hasValue(1000);
        assertThat(series.points()).hasSize(size);
        assertThatThrownBy(() -> series.points().set(0, point(0))).isInstanceOf(UnsupportedOperationException.class);
        // A point that cannot be made fails when it is read, with the reader's message.
        assertThatThrownBy(() -> series.points().get(3)).hasMessage("line 4: bad time");
        assertThat(new Series(KEY, "ms", series.points().subList(4, size))).isEqualTo(new Series(KEY, "ms", eager.subList(4, size)));
    }
}
