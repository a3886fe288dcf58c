package dev.nightly.bench.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.bench.check.CheckKind;
import dev.nightly.bench.check.CheckResult;
import dev.nightly.bench.check.CheckSettings;
import dev.nightly.bench.check.Checker;
import dev.nightly.bench.check.Verdict;
import dev.nightly.bench.model.Bounds;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.model.SeriesKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryMarksTest {
    private static final DatasetInfo QUERY = new DatasetInfo("mail_query", "Mail query", "", Map.of("time", new Bounds(0.0, 100.0)));

    @Test
    void checksEachPointInOneWalkAsTheCheckerWouldInItsBuild() {
        // A step up at build 40 and down at build 70, with wobble.
        Series series = TrendChartsTest.series(SeriesKey.of("mail_query", "time"), "ms", 100,
                b -> (b >= 70 ? 30 : b >= 40 ? 80 : 50) + (b * 7 % 5) / 10.0);
        Checker checker = new Checker(CheckSettings.defaults());

        List<CheckResult> walked = checker.regressionsFrom(series, 1);
        List<CheckResult> oneByOne = new ArrayList<>();
        for (int index = 1; index < series.points().size(); index++) {
            checker.checkAt(series, QUERY, index).stream().filter(r -> r.kind() == CheckKind.REGRESSION).forEach(oneByOne::add);
        }

        assertThat(walked).isEqualTo(oneByOne);
        List<PointMark> marks = new HistoryMarks(checker, Map.of(), 100).of(series);
        assertThat(marks).extracting(PointMark::build).contains(40L, 70L);
        assertThat(marks).filteredOn(m -> m.build() == 40).singleElement()
                .satisfies(m -> assertThat(m.verdict()).isEqualTo(Verdict.REGRESSED));
        assertThat(marks).filteredOn(m -> m.build() == 70).singleElement()
                .satisfies(m -> assertThat(m.verdict()).isEqualTo(Verdict.IMPROVED));
        // Only the newest 40 points (builds 61 to 100) are checked: the step down stays marked until the
        // median of the window has followed it, the step up at build 40 is left out.
        assertThat(new HistoryMarks(checker, Map.of(), 40).of(series)).extracting(PointMark::build)
                .contains(70L).allSatisfy(build -> assertThat(build).isGreaterThanOrEqualTo(61L));
    }
}
