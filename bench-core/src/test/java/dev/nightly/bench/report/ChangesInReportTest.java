package dev.nightly.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.bench.changes.AckStatus;
import dev.nightly.bench.changes.ChangeTracker;
import dev.nightly.bench.chart.ChartJson;
import dev.nightly.bench.chart.TrendChart;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.SeriesKey;
import dev.nightly.bench.store.HistoryStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangesInReportTest {
    private static final SeriesKey QUERY = SeriesKey.of("mail_query", "queryTime", Map.of("rows", "5000"));

    @TempDir
    Path dir;

    private HistoryStore storeWithAStepAt25() {
        HistoryStore store = HistoryStore.open(dir.resolve("history"));
        Random random = new Random(11);
        LocalDateTime night = LocalDateTime.of(2026, 6, 1, 3, 0);
        for (int i = 0; i < 40; i++) {
            double value = 200 * (1 + 0.02 * random.nextGaussian()) * (i >= 24 ? 1.2 : 1);
            store.ingest(i + 1, new BenchmarkResults(Map.of(), List.of(
                    new Observation(QUERY, "ms", night.plusDays(i), "c" + (i + 1), value, Double.NaN))), "", null);
        }
        return store;
    }

    @Test
    void changePointsAreMarkedOnTheChartsAndListedInAChangesSection() {
        HistoryStore store = storeWithAStepAt25();
        HtmlReport report = ReportGenerator.withDefaults().generate(store.snapshot(), "Benchmarks", LocalDateTime.now());

        assertThat(report.changes()).singleElement().satisfies(c -> assertThat(c.change().build()).isEqualTo(25));
        TrendChart chart = report.charts().get(0);
        assertThat(chart.lines().get(0).changes()).singleElement().satisfies(m -> {
            assertThat(m.build()).isEqualTo(25);
            assertThat(m.regression()).isTrue();
            assertThat(m.label()).startsWith("▲ +");
        });
        String option = ChartJson.option(chart);
        assertThat(option).contains("\"xAxis\":25", "\"color\":\"#c62828\"", "regression +");

        String html = report.html();
        assertThat(html).contains("<section class=\"changes\" id=\"changes\">", "<a href=\"#changes\">Changes</a>");
        assertThat(html).containsPattern("<tr class=\"change-regression status-open\" data-series=\"mail_query/queryTime\\{rows=5000}\" "
                + "data-build=\"25\" data-status=\"open\">.*<td>25 \\(c25\\)</td><td>24 \\(c24\\)</td>");
    }

    @Test
    void anExpectedChangeIsDrawnGreyAndShowsItsNote() {
        HistoryStore store = storeWithAStepAt25();
        ChangeTracker.withDefaults().acknowledge(store.snapshot(), QUERY.id(), 25, AckStatus.EXPECTED, "new <index>", "anna",
                Instant.parse("2026-07-10T09:00:00Z"));
        HtmlReport report = ReportGenerator.withDefaults().generate(store.snapshot(), "Benchmarks", LocalDateTime.now());

        assertThat(ChartJson.option(report.charts().get(0))).contains("\"xAxis\":25", "\"color\":\"#757575\"", "expected");
        assertThat(report.html()).contains("status-expected", "new &lt;index&gt; (anna, 2026-07-10T09:00:00Z)")
                .doesNotContain("new <index>");
        // The latest build's regression check compares with the level since the change point.
        assertThat(report.checks().results()).filteredOn(r -> r.kind().name().equals("REGRESSION"))
                .singleElement().satisfies(r -> assertThat(r.baseline().description()).isEqualTo("median of last 10 values")
                        .satisfies(d -> assertThat(r.baseline().value()).isGreaterThan(230)));
    }
}
