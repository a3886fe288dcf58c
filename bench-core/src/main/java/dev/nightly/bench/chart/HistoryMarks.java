package dev.nightly.bench.chart;

import dev.nightly.bench.check.CheckKind;
import dev.nightly.bench.check.CheckResult;
import dev.nightly.bench.check.Checker;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Regressions and improvements over a series' history: each point checked against the points before
 * it, as the checker would have checked it in its own build. Costs one check per point, so it is
 * limited to the newest points; the chart marks out-of-bounds points itself.
 */
public final class HistoryMarks implements PointMarks {
    private final Checker checker;
    private final Map<String, DatasetInfo> datasets;
    private final int newestPoints;

    /**
     * @param checker      the checks, as configured for the job
     * @param datasets     dataset information by id (bounds); unknown datasets have none
     * @param newestPoints how many of each series' newest points are checked
     */
    public HistoryMarks(Checker checker, Map<String, DatasetInfo> datasets, int newestPoints) {
        this.checker = checker;
        this.datasets = Map.copyOf(datasets);
        this.newestPoints = newestPoints;
    }

    @Override
    public List<PointMark> of(Series series) {
        DatasetInfo dataset = datasets.getOrDefault(series.key().dataset(), DatasetInfo.of(series.key().dataset()));
        int size = series.points().size();
        List<PointMark> marks = new ArrayList<>();
        for (int index = Math.max(1, size - newestPoints); index < size; index++) {
            for (CheckResult result : checker.checkAt(series, dataset, index)) {
                if (result.kind() != CheckKind.BOUNDS) {
                    PointMark mark = new PointMark(result.point().build(), result.verdict(), PointMarks.describe(result));
                    if (mark.isDrawn()) {
                        marks.add(mark);
                    }
                }
            }
        }
        return marks;
    }
}
