package dev.nightly.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nightly.bench.check.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static final LocalDateTime NOW = LocalDateTime.of(2024, 2, 1, 8, 0);

    @TempDir
    static Path history;
    private static HtmlReport report;

    @TempDir
    Path temp;

    /** One history for all tests: ingesting it build by build is the slow part. */
    @BeforeAll
    static void makeReport() {
        report = ReportGenerator.withDefaults().generate(ReportFixture.store(history).snapshot(), "Kube <nightly>", NOW);
    }

    private HtmlReport report() {
        return report;
    }

    @Test
    void checksTheLatestBuildAndListsFlaggedSeriesFirst() {
        HtmlReport report = report();

        assertThat(report.checks().build()).isEqualTo(ReportFixture.BUILDS);
        assertThat(report.checks().results().get(0).verdict()).isIn(Verdict.REGRESSED, Verdict.OUT_OF_BOUNDS);
        assertThat(report.checks().results().get(0).key().id()).isEqualTo("mail_query/time{rows=5000}");
        assertThat(report.charts()).extracting(c -> c.title())
                .containsExactly("Buffer creation – ops/ms", "Buffer creation – ms", "Mail query");

        String html = report.html();
        Matcher rows = Pattern.compile("<tr class=\"verdict-[^\"]+\" data-verdict=\"([A-Z_]+)\" data-flagged=\"(true|false)\" data-series=\"([^\"]+)\"").matcher(html);
        assertThat(rows.find()).isTrue();
        assertThat(rows.group(2)).isEqualTo("true");
        assertThat(rows.group(3)).isEqualTo("mail_query/time{rows=5000}");
        boolean seenUnflagged = false;
        while (rows.find()) {
            if (rows.group(2).equals("false")) {
                seenUnflagged = true;
            } else {
                assertThat(seenUnflagged).as("flagged rows come before the others").isFalse();
            }
        }
        assertThat(html).contains("data-verdict=\"IMPROVED\" data-flagged=\"false\" data-series=\"buffer_creation/ops\"");
    }

    @Test
    void showsFlaggedAndImprovedRowsAndFoldsTheRestAway() {
        String html = report().html();
        String shown = html.substring(html.indexOf("<table class=\"checks\" id=\"latest\">"), html.indexOf("<details class=\"more\">"));
        String folded = html.substring(html.indexOf("<details class=\"more\">"), html.indexOf("</details>"));

        assertThat(count(shown, "<tr class=")).isEqualTo(3);
        assertThat(shown).contains("data-verdict=\"OUT_OF_BOUNDS\"", "data-verdict=\"REGRESSED\"", "data-verdict=\"IMPROVED\"")
                .doesNotContain("data-verdict=\"OK\"");
        assertThat(folded).contains("<summary>Show 3 more checks (3 ok)</summary>").contains("id=\"latest-more\"")
                .doesNotContain("data-flagged=\"true\"");
        // One series checked twice reads as two checks, not as a duplicate row.
        assertThat(html).contains("<th>Check</th>")
                .contains("data-series=\"mail_query/time{rows=5000}\" data-check=\"bounds\"")
                .contains("data-series=\"mail_query/time{rows=5000}\" data-check=\"regression\"")
                .contains("<td>allowed [0..400]</td>");
        // Links go to the chart of the series' unit.
        assertThat(html).contains("<a href=\"#chart-0\">buffer_creation &middot; ops [ops/ms]</a>")
                .contains("<a href=\"#chart-1\">buffer_creation &middot; time [ms]</a>");
    }

    @Test
    void groupsTheChartsOfADatasetInOneSection() {
        String html = report().html();
        String buffers = html.substring(html.indexOf("<section class=\"dataset\" id=\"dataset-0\">"),
                html.indexOf("<section class=\"dataset\" id=\"dataset-1\">"));

        assertThat(count(buffers, "<div class=\"chart\"")).isEqualTo(2);
        assertThat(buffers).contains("<figcaption>Buffer creation – ops/ms</figcaption>", "<figcaption>Buffer creation – ms</figcaption>")
                .contains("data-points=\"30\"");
        assertThat(count(html, "<li><a href=\"#dataset-")).isEqualTo(2);
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    @Test
    void escapesEveryTextFromTheInput() {
        String html = report().html();

        assertThat(html).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;")
                .contains("<title>Kube &lt;nightly&gt;</title>");
        Matcher scripts = Pattern.compile("<script type=\"application/json\" id=\"chart-data-\\d+\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        int count = 0;
        while (scripts.find()) {
            assertThat(scripts.group(1)).doesNotContain("<", ">");
            count++;
        }
        assertThat(count).isEqualTo(3);
    }

    @Test
    void embedsOneEChartsOptionPerDatasetWithMarks() throws Exception {
        String html = report().html();
        Matcher script = Pattern.compile("<script type=\"application/json\" id=\"chart-data-2\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(script.find()).isTrue();

        JsonNode option = new ObjectMapper().readTree(script.group(1));

        assertThat(option.has("title")).as("the section heading names the chart").isFalse();
        assertThat(option.get("series")).hasSize(2);
        JsonNode large = option.at("/series/1");
        assertThat(large.get("name").asText()).isEqualTo("time [ms] (rows=5000)");
        assertThat(large.get("data")).hasSize(ReportFixture.BUILDS);
        assertThat(large.at("/markLine/data").findValuesAsText("yAxis")).containsExactly("400.0");
        assertThat(large.at("/markPoint/data/0/name").asText())
                .startsWith("build 30: out of bounds, allowed [0..400], 480 ms; regressed +");
    }

    @Test
    void writesAPageWithItsAssetsAndNothingElse() throws Exception {
        Path out = temp.resolve("report");
        HtmlReport report = report();
        report.writeTo(out);

        assertThat(out.resolve("index.html")).content().startsWith("<!DOCTYPE html>").contains("assets/echarts.min.js");
        // Streamed into the file, the page is the one html() gives.
        assertThat(out.resolve("index.html")).content(java.nio.charset.StandardCharsets.UTF_8).isEqualTo(report.html());
        assertThat(Files.size(out.resolve("assets/echarts.min.js"))).isGreaterThan(500_000);
        assertThat(out.resolve("assets/echarts.min.js")).content().contains("5.3.1");
        assertThat(out.resolve("assets/report.js")).content().contains("echarts.init");
        assertThat(out.resolve("assets/report.css")).exists();
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("index.html", "assets");
        }
    }

    @Test
    void writesAReportOfAnEmptyHistory() throws Exception {
        HtmlReport report = ReportGenerator.withDefaults()
                .generate(dev.nightly.bench.store.HistoryStore.open(temp.resolve("empty")).snapshot(), "Empty", NOW);

        assertThat(report.html()).contains("The history holds no benchmark results yet.").doesNotContain("chart-data-");
    }

    @Test
    void escapesTextForElementsAndAttributes() {
        assertThat(Html.escape("<a href=\"x\">'&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assertThat(Html.escape("plain")).isEqualTo("plain");
        assertThat(Html.escape(null)).isEmpty();
    }
}
