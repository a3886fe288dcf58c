package dev.nightly.bench.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nightly.bench.check.Baseline;
import dev.nightly.bench.check.CheckKind;
import dev.nightly.bench.check.CheckReport;
import dev.nightly.bench.check.CheckResult;
import dev.nightly.bench.check.Level;
import dev.nightly.bench.check.Verdict;
import dev.nightly.bench.model.Bounds;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.model.SeriesKey;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class TrendChartsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final LocalDateTime START = LocalDateTime.of(2018, 7, 28, 3, 4, 12);

    private static final DatasetInfo MAIL_QUERY = new DatasetInfo("mail_query", "Mail query",
            "Query <b>speed</b>", Map.of("time", new Bounds(0.0, 100.0)));

    static Series series(SeriesKey key, String unit, int builds, IntToDoubleFunction value) {
        List<Point> points = new ArrayList<>(builds);
        for (int build = 1; build <= builds; build++) {
            points.add(new Point(build, String.format("%09x", build), START.plusDays(build), value.applyAsDouble(build)));
        }
        return new Series(key, unit, points);
    }

    static SeriesKey time(int rows) {
        return SeriesKey.of("mail_query", "time", Map.of("rows", Integer.toString(rows)));
    }

    @Test
    void drawsOneLinePerSeriesLabelledWithUnitAndParameters() {
        Series small = series(time(1000), "ms", 5, b -> 10 + b);
        Series large = series(time(5000), "ms", 5, b -> 50 + b);
        Series ops = series(SeriesKey.of("mail_query", "ops"), "ops/ms", 5, b -> 3);

        TrendChart chart = TrendCharts.with(ChartSettings.defaults()).dataset(MAIL_QUERY, List.of(ops, large, small));

        assertThat(chart.title()).isEqualTo("Mail query");
        assertThat(chart.description()).isEqualTo("Query <b>speed</b>");
        assertThat(chart.lines()).extracting(TrendLine::label)
                .containsExactly("ops [ops/ms]", "time [ms] (rows=1000)", "time [ms] (rows=5000)");
        assertThat(chart.units()).containsExactly("ops/ms", "ms");
        assertThat(chart.lines()).extracting(TrendLine::yAxisIndex).containsExactly(0, 1, 1);
        assertThat(chart.lines().get(1).values()).containsExactly(11, 12, 13, 14, 15);
        assertThat(chart.lines().get(1).builds()).containsExactly(1, 2, 3, 4, 5);
        assertThat(chart.lines().get(1).commits()).startsWith("000000001");
    }

    @Test
    void unitlessSeriesWithoutParametersIsLabelledByItsMeasure() {
        assertThat(TrendLine.labelOf(SeriesKey.of("d", "count"), "")).isEqualTo("count");
    }

    @Test
    void marksPointsOutOfBoundsOverTheWholeHistory() {
        Series series = series(time(1000), "ms", 10, b -> b == 3 || b == 8 ? 150 : 50);

        TrendChart chart = TrendCharts.with(ChartSettings.defaults()).dataset(MAIL_QUERY, List.of(series));

        TrendLine line = chart.lines().get(0);
        assertThat(line.bounds()).isEqualTo(new Bounds(0.0, 100.0));
        assertThat(line.marks()).extracting(m -> m.mark().build()).containsExactly(3L, 8L);
        assertThat(line.marks()).allSatisfy(m -> {
            assertThat(m.mark().verdict()).isEqualTo(Verdict.OUT_OF_BOUNDS);
            assertThat(m.mark().text()).isEqualTo("out of bounds, allowed [0..100], 150 ms");
            assertThat(line.values()[m.index()]).isEqualTo(150);
        });
    }

    @Test
    void marksTheVerdictsOfACheckedBuildAndMergesThemWithBounds() {
        Series small = series(time(1000), "ms", 10, b -> b == 10 ? 120 : 50);
        Series large = series(time(5000), "ms", 10, b -> b == 10 ? 20 : 50);
        CheckReport report = new CheckReport(10, List.of(
                result(small, Verdict.REGRESSED, 140.0),
                result(large, Verdict.IMPROVED, -60.0)));

        TrendChart chart = TrendCharts.with(ChartSettings.defaults(), PointMarks.of(report))
                .dataset(MAIL_QUERY, List.of(small, large));

        TrendLine.Marked regressed = chart.lines().get(0).marks().get(0);
        assertThat(regressed.mark().verdict()).as("out of bounds is worse than regressed").isEqualTo(Verdict.OUT_OF_BOUNDS);
        assertThat(regressed.mark().text())
                .isEqualTo("out of bounds, allowed [0..100], 120 ms; regressed +140.0% vs 50 ms (median of last 5 builds)");
        TrendLine.Marked improved = chart.lines().get(1).marks().get(0);
        assertThat(improved.mark().verdict()).isEqualTo(Verdict.IMPROVED);
        assertThat(improved.index()).isEqualTo(9);
    }

    @Test
    void aMarkOfABuildThatHoldsManyPointsGoesOnTheNewestOfThem() {
        // A backfill stored as one build: every point is of build 1, and each checked point gave a mark of build 1.
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            points.add(new Point(1, "c", START.plusDays(i), 50 + i % 3));
        }
        Series series = new Series(time(1000), "ms", points);
        List<PointMark> marks = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            marks.add(new PointMark(1, Verdict.REGRESSED, "regressed +" + i + "%"));
        }

        TrendChart chart = TrendCharts.with(ChartSettings.defaults(), PointMarks.byKey(key -> marks))
                .dataset(MAIL_QUERY, List.of(series));

        TrendLine line = chart.lines().get(0);
        assertThat(line.marks()).singleElement().satisfies(m -> {
            assertThat(m.index()).isEqualTo(line.size() - 1);
            assertThat(m.mark().text()).startsWith("regressed +0%; regressed +1%; ").endsWith("; regressed +999%");
        });
    }

    private static CheckResult result(Series series, Verdict verdict, double change) {
        return new CheckResult(series.key(), series.unit(), CheckKind.REGRESSION, series.last(),
                new Baseline(50.0, "median of last 5 builds"), change, 10.0, Direction.LOWER_IS_BETTER, verdict,
                Level.UNSTABLE);
    }

    @Test
    void downSamplesLongHistoriesButKeepsMarksAndExtremes() {
        Series series = series(time(1000), "ms", 10_000, b -> b == 4321 ? 99 : b == 7777 ? 1 : 50 + (b % 7));
        CheckReport report = new CheckReport(5000, List.of(new CheckResult(series.key(), "ms", CheckKind.REGRESSION,
                series.points().get(4999), new Baseline(50.0, "build 4999"), 10.0, 5.0, Direction.LOWER_IS_BETTER,
                Verdict.REGRESSED, Level.FAILURE)));

        TrendChart chart = TrendCharts.with(ChartSettings.defaults().withMaxPointsPerSeries(500), PointMarks.of(report))
                .dataset(MAIL_QUERY, List.of(series));

        TrendLine line = chart.lines().get(0);
        assertThat(line.size()).isLessThanOrEqualTo(500);
        assertThat(line.sourcePoints()).isEqualTo(10_000);
        assertThat(line.isDownSampled()).isTrue();
        assertThat(line.builds()).contains(1L, 4321L, 5000L, 7777L, 10_000L);
        assertThat(line.marks()).singleElement().satisfies(m -> assertThat(line.builds()[m.index()]).isEqualTo(5000));
    }

    @Test
    void showsOnlyTheNewestBuildsWhenAsked() {
        Series series = series(time(1000), "ms", 100, b -> b);
        Series sparse = new Series(time(5000), "ms", List.of(new Point(10, "", START, 1), new Point(99, "", START, 2)));

        TrendChart chart = TrendCharts.with(ChartSettings.defaults().withMaxBuilds(20)).dataset(MAIL_QUERY, List.of(series, sparse));

        assertThat(chart.lines().get(0).builds()).hasSize(20).startsWith(81L).endsWith(100L);
        assertThat(chart.lines().get(1).builds()).containsExactly(99L);
    }

    @Test
    void leavesOutValuesJsonCannotCarry() {
        Series series = new Series(time(1000), "ms", List.of(new Point(1, "", START, 1),
                new Point(2, "", START, Double.NaN), new Point(3, "", START, Double.POSITIVE_INFINITY), new Point(4, "", START, 4)));

        TrendLine line = TrendCharts.with(ChartSettings.defaults()).dataset(MAIL_QUERY, List.of(series)).lines().get(0);

        assertThat(line.builds()).containsExactly(1L, 4L);
    }

    @Test
    void refusesSeriesOfAnotherDataset() {
        Series other = series(SeriesKey.of("other", "time"), "ms", 2, b -> b);
        assertThatThrownBy(() -> TrendCharts.with(ChartSettings.defaults()).dataset(MAIL_QUERY, List.of(other)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other/time");
    }

    @Test
    void groupsAJobsSeriesIntoOneChartPerDatasetOrderedByName() {
        Series a = series(time(1000), "ms", 3, b -> b);
        Series b = series(SeriesKey.of("buffer_creation", "time"), "ms", 3, x -> x);
        Series c = series(SeriesKey.of("unknown_set", "time"), "", 3, x -> x);

        List<TrendChart> charts = TrendCharts.with(ChartSettings.defaults()).job(
                Map.of("mail_query", MAIL_QUERY, "buffer_creation", new DatasetInfo("buffer_creation", "Buffer creation", "", Map.of())),
                List.of(a, b, c));

        assertThat(charts).extracting(TrendChart::title).containsExactly("Buffer creation", "Mail query", "unknown_set");
    }

    @Test
    void writesAnEChartsOptionWithTooltipDimensionsBoundsAndMarks() throws Exception {
        Series series = series(time(1000), "ms", 3, b -> b == 2 ? 150 : 50);

        String json = ChartJson.option(TrendCharts.with(ChartSettings.defaults()).dataset(MAIL_QUERY, List.of(series)));
        JsonNode option = MAPPER.readTree(json);

        assertThat(option.at("/title/text").asText()).isEqualTo("Mail query");
        assertThat(option.at("/xAxis/type").asText()).isEqualTo("value");
        assertThat(option.at("/yAxis/0/name").asText()).isEqualTo("ms");
        assertThat(option.at("/tooltip/trigger").asText()).isEqualTo("axis");
        assertThat(option.get("dataZoom")).hasSize(2);
        JsonNode line = option.at("/series/0");
        assertThat(line.get("id").asText()).isEqualTo("mail_query/time{rows=1000}");
        assertThat(line.get("name").asText()).isEqualTo("time [ms] (rows=1000)");
        assertThat(line.at("/encode/tooltip").toString()).isEqualTo("[\"value\",\"commit\",\"date\"]");
        assertThat(line.at("/data/1").toString()).isEqualTo("[2,150,\"000000002\",\"2018-07-30 03:04:12\"]");
        assertThat(line.at("/markLine/data").findValuesAsText("yAxis")).as("a min of 0 over positive values is not drawn")
                .containsExactly("100.0");
        assertThat(line.at("/markLine/data/0/name").asText()).isEqualTo("max, allowed [0..100]");
        JsonNode mark = line.at("/markPoint/data/0");
        assertThat(mark.get("coord").toString()).isEqualTo("[2,150]");
        assertThat(mark.get("name").asText()).isEqualTo("build 2: out of bounds, allowed [0..100], 150 ms");
        assertThat(mark.at("/itemStyle/color").asText()).isEqualTo(ChartJson.BOUNDS_COLOR);
    }

    @Test
    void writesTimeAxisPointsWithTheBuildKept() throws Exception {
        Series series = series(time(1000), "ms", 2, b -> 7);

        JsonNode option = MAPPER.readTree(ChartJson.option(
                TrendCharts.with(ChartSettings.defaults().withXAxis(XAxis.TIME)).dataset(MAIL_QUERY, List.of(series))));

        assertThat(option.at("/xAxis/type").asText()).isEqualTo("time");
        assertThat(option.at("/series/0/data/0").toString()).isEqualTo("[\"2018-07-29 03:04:12\",7,1,\"000000001\",\"build 1\"]");
        assertThat(option.at("/series/0/encode/x").asText()).isEqualTo("date");
    }

    @Test
    void escapesMarkupSoTheOptionEmbedsInAScriptElement() throws Exception {
        DatasetInfo hostile = new DatasetInfo("x", "</script><img src=x onerror=alert(1)>", "", Map.of());
        Series series = series(SeriesKey.of("x", "t<i>"), "a&b", 1, b -> 1);

        String json = ChartJson.option(TrendCharts.with(ChartSettings.defaults()).dataset(hostile, List.of(series)));

        assertThat(json).doesNotContain("<", ">", "&");
        JsonNode option = MAPPER.readTree(json);
        assertThat(option.at("/title/text").asText()).isEqualTo("</script><img src=x onerror=alert(1)>");
        assertThat(option.at("/series/0/name").asText()).isEqualTo("t<i> [a&b]");
    }

    @Test
    void writesAPageAsPlainJsonWithOneEntryPerChart() throws Exception {
        DatasetInfo hostile = new DatasetInfo("x", "<b>X</b>", "d", Map.of());
        Series series = series(SeriesKey.of("x", "t"), "a&b", 2, b -> 1);

        String json = ChartJson.page(List.of(TrendCharts.with(ChartSettings.defaults()).dataset(hostile, List.of(series))));

        JsonNode page = MAPPER.readTree(json);
        assertThat(page).hasSize(1);
        assertThat(page.at("/0/id").asText()).isEqualTo("x");
        assertThat(page.at("/0/title").asText()).isEqualTo("<b>X</b>");
        assertThat(page.at("/0/dataset").asText()).isEqualTo("<b>X</b>");
        assertThat(page.at("/0/unit").asText()).isEqualTo("a&b");
        assertThat(page.at("/0/points").asInt()).isEqualTo(2);
        assertThat(page.at("/0/option/series/0/dimensions/0/name").asText()).as("click-to-build contract").isEqualTo("build");
    }

    @Test
    void splitsADatasetOfSeveralUnitsIntoOneChartPerUnit() throws Exception {
        Series small = series(time(1000), "ms", 5, b -> 10 + b);
        Series large = series(time(5000), "ms", 5, b -> 50 + b);
        Series ops = series(SeriesKey.of("mail_query", "ops"), "ops/ms", 5, b -> 3);
        Series other = series(SeriesKey.of("pipeline", "total"), "ms", 5, b -> 3);

        List<TrendChart> charts = TrendCharts.with(ChartSettings.defaults())
                .job(Map.of("mail_query", MAIL_QUERY), List.of(small, other, ops, large));

        assertThat(charts).extracting(TrendChart::title)
                .containsExactly("Mail query – ops/ms", "Mail query – ms", "pipeline");
        assertThat(charts).extracting(TrendChart::id).containsExactly("mail_query", "mail_query", "pipeline");
        assertThat(charts).extracting(TrendChart::datasetName).containsExactly("Mail query", "Mail query", "pipeline");
        assertThat(charts).extracting(TrendChart::unit).containsExactly("ops/ms", "ms", "ms");
        assertThat(charts.get(1).lines()).extracting(TrendLine::label)
                .containsExactly("time [ms] (rows=1000)", "time [ms] (rows=5000)");
        assertThat(charts.get(1).lines()).extracting(TrendLine::yAxisIndex).containsExactly(0, 0);
        JsonNode option = MAPPER.readTree(ChartJson.option(charts.get(1)));
        assertThat(option.get("yAxis")).hasSize(1);
        assertThat(option.at("/title/text").asText()).isEqualTo("Mail query – ms");
    }

    @Test
    void fitsTheValueAxisToTheBoundsAndStartsItAtZero() throws Exception {
        // Values 200..280 under a max of 400: the axis must reach past 400, from zero.
        Series series = series(time(5000), "ms", 5, b -> 180 + 20 * b);

        JsonNode axis = MAPPER.readTree(ChartJson.option(TrendCharts.with(ChartSettings.defaults())
                .dataset(new DatasetInfo("mail_query", "Mail query", "", Map.of("time", new Bounds(0.0, 400.0))), List.of(series))))
                .at("/yAxis/0");

        assertThat(axis.get("scale").asBoolean()).isFalse();
        assertThat(axis.has("min")).isFalse();
        assertThat(axis.get("max").asDouble()).isGreaterThan(400).isLessThanOrEqualTo(500);
    }

    @Test
    void leavesTheValueAxisToEChartsWhenTheDataReachPastTheBounds() {
        Series series = series(time(5000), "ms", 5, b -> b == 5 ? 480 : 200);

        TrendChart chart = TrendCharts.with(ChartSettings.defaults())
                .dataset(new DatasetInfo("mail_query", "Mail query", "", Map.of("time", new Bounds(0.0, 400.0))), List.of(series));

        assertThat(chart.valueRange(0)).isEqualTo(new TrendChart.ValueRange(null, null, false));
    }

    @Test
    void zoomsTheValueAxisIntoTheBandOfAPositiveLowerBound() {
        Series series = series(time(5000), "ops/ms", 5, b -> 1850 + b);

        TrendChart chart = TrendCharts.with(ChartSettings.defaults())
                .dataset(new DatasetInfo("mail_query", "Mail query", "", Map.of("time", new Bounds(1800.0, 1900.0))), List.of(series));

        TrendChart.ValueRange range = chart.valueRange(0);
        assertThat(range.scale()).isTrue();
        assertThat(range.min()).isBetween(1700.0, 1800.0);
        assertThat(range.max()).isBetween(1900.0, 2000.0);
        assertThat(chart.lines().get(0).drawnBounds()).isEqualTo(new Bounds(1800.0, 1900.0));
    }

    @Test
    void drawsALowerBoundOfZeroWhenAValueFallsBelowIt() {
        Series series = series(time(5000), "ms", 3, b -> b == 2 ? -1 : 5);

        TrendLine line = TrendCharts.with(ChartSettings.defaults()).dataset(MAIL_QUERY, List.of(series)).lines().get(0);

        assertThat(line.drawnBounds()).isEqualTo(new Bounds(0.0, 100.0));
    }

    @Test
    void spansTheBuildAxisFromTheFirstToTheLastBuildShown() throws Exception {
        JsonNode axis = MAPPER.readTree(ChartJson.option(TrendCharts.with(ChartSettings.defaults())
                .dataset(MAIL_QUERY, List.of(series(time(1000), "ms", 16, b -> 5))))).get("xAxis");

        assertThat(axis.get("min").asText()).isEqualTo("dataMin");
        assertThat(axis.get("max").asText()).isEqualTo("dataMax");
        assertThat(axis.get("nameLocation").asText()).isEqualTo("middle");
        assertThat(axis.has("scale")).isFalse();
    }

    @Test
    void leavesTheTitleOutWhenThePageHasItsOwnHeadings() throws Exception {
        Series series = series(time(1000), "ms", 3, b -> 5);

        JsonNode untitled = MAPPER.readTree(ChartJson.option(
                TrendCharts.with(ChartSettings.defaults().withTitle(false)).dataset(MAIL_QUERY, List.of(series))));
        JsonNode titled = MAPPER.readTree(ChartJson.option(TrendCharts.with(ChartSettings.defaults()).dataset(MAIL_QUERY, List.of(series))));

        assertThat(untitled.has("title")).isFalse();
        assertThat(untitled.at("/legend/top").asInt()).isZero();
        assertThat(titled.at("/title/text").asText()).isEqualTo("Mail query");
        assertThat(ChartSettings.jobPage().maxPointsPerSeries()).isEqualTo(ChartSettings.JOB_PAGE_MAX_POINTS);
    }

    @Test
    void labelsABoundSharedBySeveralLinesOnce() throws Exception {
        Series small = series(time(1000), "ms", 3, b -> 40);
        Series large = series(time(5000), "ms", 3, b -> 200);

        JsonNode option = MAPPER.readTree(ChartJson.option(TrendCharts.with(ChartSettings.defaults())
                .dataset(MAIL_QUERY, List.of(small, large))));

        assertThat(option.at("/series/0/markLine/data/0/label/show").asBoolean()).isTrue();
        assertThat(option.at("/series/1/markLine/data/0/label/show").asBoolean()).isFalse();
        assertThat(option.at("/series/1/markLine/data/0/yAxis").asDouble()).isEqualTo(100.0);
    }

    @Test
    void writesValuesWithSevenSignificantDigitsAtMost() {
        assertThat(format(41.0)).isEqualTo("41");
        assertThat(format(0)).isEqualTo("0");
        assertThat(format(-2.5)).isEqualTo("-2.5");
        assertThat(format(17.985601234)).isEqualTo("17.9856");
        assertThat(format(123456789.5)).isEqualTo("123456790");
        assertThat(format(0.000123456789)).isEqualTo("0.0001234568");
        assertThat(format(9.99999999)).isEqualTo("10");
        assertThat(format(1e-12)).isEqualTo("-1 (left to Jackson)");
        assertThat(format(2e15)).isEqualTo("-1 (left to Jackson)");
        for (double value : new double[] {0.1, 0.3, 1.0 / 3, 2.0 / 3 * 1000, 1234.5678, 98765.4321, 5e-7}) {
            assertThat(Double.parseDouble(format(value))).isCloseTo(value, org.assertj.core.data.Percentage.withPercentage(1e-4));
        }
    }

    private static String format(double value) {
        char[] out = new char[32];
        int length = ChartJson.formatValue(value, out);
        return length < 0 ? "-1 (left to Jackson)" : new String(out, 0, length);
    }
}
