package dev.nightly.bench.chart;

import dev.nightly.bench.check.CheckKind;
import dev.nightly.bench.check.CheckReport;
import dev.nightly.bench.check.CheckResult;
import dev.nightly.bench.model.Numbers;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.model.SeriesKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the marks of a series come from. Out-of-bounds points are found by the chart model itself from
 * the dataset's bounds; regressions and improvements need the checks' baselines, so they come from here.
 */
@FunctionalInterface
public interface PointMarks {
    /** The marks of one series, in any order; only points of the series are drawn. */
    List<PointMark> of(Series series);

    /**
     * The marks of a series when they follow from its key alone, else empty: then the chart makes the
     * series' points whole and asks {@link #of(Series)}. Marks kept by key (the latest build's verdicts)
     * say so, so that a chart never makes ten thousand points to find none of them marked.
     */
    default Optional<List<PointMark>> of(SeriesKey key) {
        return Optional.empty();
    }

    /** Marks that follow from the series key alone. */
    static PointMarks byKey(Function<SeriesKey, List<PointMark>> marks) {
        return new PointMarks() {
            @Override
            public List<PointMark> of(Series series) {
                return marks.apply(series.key());
            }

            @Override
            public Optional<List<PointMark>> of(SeriesKey key) {
                return Optional.of(marks.apply(key));
            }
        };
    }

    static PointMarks none() {
        return byKey(key -> List.of());
    }

    /**
     * The regressions and improvements of one checked build (usually the latest). Bounds results are
     * left out: the chart model marks out-of-bounds points of the whole history itself.
     */
    static PointMarks of(CheckReport report) {
        Map<SeriesKey, List<PointMark>> marks = new HashMap<>();
        for (CheckResult result : report.results()) {
            if (result.kind() == CheckKind.BOUNDS) {
                continue;
            }
            PointMark mark = new PointMark(result.point().build(), result.verdict(), describe(result));
            if (mark.isDrawn()) {
                marks.computeIfAbsent(result.key(), key -> new ArrayList<>()).add(mark);
            }
        }
        return byKey(key -> marks.getOrDefault(key, List.of()));
    }

    /** Marks from either source. */
    default PointMarks and(PointMarks other) {
        PointMarks first = this;
        return new PointMarks() {
            @Override
            public List<PointMark> of(Series series) {
                return both(first.of(series), other.of(series));
            }

            @Override
            public Optional<List<PointMark>> of(SeriesKey key) {
                Optional<List<PointMark>> mine = first.of(key);
                Optional<List<PointMark>> theirs = other.of(key);
                return mine.isPresent() && theirs.isPresent() ? Optional.of(both(mine.get(), theirs.get())) : Optional.empty();
            }
        };
    }

    private static List<PointMark> both(List<PointMark> first, List<PointMark> second) {
        if (first.isEmpty()) {
            return second;
        }
        if (second.isEmpty()) {
            return first;
        }
        List<PointMark> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** {@code regressed +25.0% vs 10 ms (median of last 5 builds)}: why a point is marked. */
    static String describe(CheckResult result) {
        String unit = result.unit().isEmpty() ? "" : " " + result.unit();
        StringBuilder text = new StringBuilder(result.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        if (result.changePercent() != null) {
            text.append(' ').append(Numbers.percent(result.changePercent()));
        }
        if (result.baseline() != null) {
            text.append(result.kind() == CheckKind.BOUNDS ? ", allowed " : " vs ")
                    .append(result.baseline().describe(unit));
        }
        return text.toString();
    }
}
