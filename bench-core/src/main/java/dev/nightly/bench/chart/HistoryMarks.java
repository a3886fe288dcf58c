package dev.nightly.bench.chart;

import dev.nightly.bench.check.CheckResult;
import dev.nightly.bench.check.Checker;
import dev.nightly.bench.check.Verdict;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Regressions and improvements over a series' history: each point checked against the points before
 * it, as the checker would have checked it in its own build. Costs one regression check per point (a
 * median over the check's window), so it is limited to the newest points; the chart marks out-of-bounds
 * points itself. Meant for the report, which is made once; a page drawn on every view (Jenkins) marks
 * the latest build's verdicts ({@link PointMarks#of}) or keeps {@code newestPoints} small.
 */
public final class HistoryMarks implements PointMarks {
    private final Checker checker;
    private final int newestPoints;

    /**
     * @param checker      the checks, as configured for the job
     * @param datasets     dataset information by id; not needed by the regression checks (the chart marks
     *                     bounds itself) and kept for callers of the first version
     * @param newestPoints how many of each series' newest points are checked
     */
    public HistoryMarks(Checker checker, Map<String, DatasetInfo> datasets, int newestPoints) {
        this.checker = checker;
        this.newestPoints = newestPoints;
    }

    @Override
    public List<PointMark> of(Series series) {
        int size = series.points().size();
        List<PointMark> marks = new ArrayList<>();
        for (CheckResult result : checker.regressionsFrom(series, Math.max(1, size - newestPoints))) {
            // Only drawn verdicts get a text: describing every OK point would cost more than the check.
            if (result.verdict() == Verdict.REGRESSED || result.verdict() == Verdict.IMPROVED) {
                marks.add(new PointMark(result.point().build(), result.verdict(), PointMarks.describe(result)));
            }
        }
        return marks;
    }
}
