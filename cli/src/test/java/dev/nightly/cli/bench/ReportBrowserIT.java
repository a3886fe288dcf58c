package dev.nightly.cli.bench;

import dev.nightly.flatpak.testkit.HeadlessChromium;
import dev.nightly.flatpak.testkit.RequiresTools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.bench.chart.ChartSettings;
import dev.nightly.bench.chart.TrendChart;
import dev.nightly.bench.chart.TrendCharts;
import dev.nightly.bench.check.CheckReport;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Bounds;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.model.SeriesKey;
import dev.nightly.bench.report.HtmlReport;
import dev.nightly.bench.store.HistoryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Opens reports in a real browser: headless Debian Chromium driven through chromedriver. The first
 * report is made by the shaded {@code nightly} jar from a real history store; the second is a large
 * history made in-process.
 */
@RequiresTools({"chromium", "chromedriver"})
class ReportBrowserIT {
    private static final String HOSTILE = "<img src=x onerror=alert(1)> & \"quotes\"";
    private static final int BUILDS = 40;

    private static HeadlessChromium browser;
    private static WebDriver driver;

    @TempDir
    Path temp;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = HeadlessChromium.start();
        driver = browser.driver();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void noConsoleErrors() {
        assertThat(browser.consoleProblems()).as("browser console").isEmpty();
        assertThat(js("return window.__errors || []")).as("window.onerror").isEqualTo(List.of());
    }

    private Object js(String script, Object... args) {
        return browser.js(script, args);
    }

    /** Opens a report, recording script errors from the first moment on, and draws every chart. */
    private void open(Path report) {
        open(report, "");
    }

    private void open(Path report, String query) {
        driver.get(report.resolve("index.html").toUri() + query);
        js("window.__errors = window.__errors || [];"
                + "window.addEventListener('error', function (e) { window.__errors.push(String(e.message)); });");
        Object rendered = js("return window.nightlyReport.renderAll();");
        assertThat(rendered).isNotNull();
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> (Boolean) js(
                "return Array.prototype.every.call(document.querySelectorAll('.chart'),"
                        + " function (e) { return e.getAttribute('data-state') === 'rendered'; });"));
    }

    @Test
    void reportFromTheCommandLineDrawsEveryChartAndListsFlaggedSeriesFirst() throws Exception {
        Path history = temp.resolve("history");
        fillHistory(history);
        Path out = temp.resolve("report");

        Process process = new ProcessBuilder("java", "-jar", System.getProperty("nightly.jar"), "bench", "report",
                "--history", history.toString(), "--out", out.toString(), "--title", "Kube <nightly>")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("index.html").contains("2 datasets");

        open(out);

        assertThat(driver.getTitle()).isEqualTo("Kube <nightly>");
        // A small report draws every chart as it opens, also those far below the window.
        assertThat(js("return document.documentElement.getAttribute('data-draw')")).isEqualTo("small");
        // Buffer creation has two units and so two charts; the mail query one.
        List<WebElement> charts = driver.findElements(By.cssSelector(".chart"));
        assertThat(charts).hasSize(3);
        for (WebElement chart : charts) {
            @SuppressWarnings("unchecked")
            Map<String, Object> state = (Map<String, Object>) js(
                    "var chart = echarts.getInstanceByDom(arguments[0]);"
                            + "var canvas = arguments[0].querySelector('canvas');"
                            + "return {exists: !!chart, series: chart.getOption().series.length,"
                            + " width: canvas.width, height: canvas.height,"
                            + " expected: Number(arguments[0].getAttribute('data-series'))};", chart);
            assertThat(state.get("exists")).isEqualTo(true);
            assertThat(((Number) state.get("width")).intValue()).isGreaterThan(300);
            assertThat(((Number) state.get("height")).intValue()).isGreaterThan(200);
            assertThat(state.get("series")).isEqualTo(state.get("expected"));
        }
        String mailQuery = "echarts.getInstanceByDom(document.querySelector('#dataset-1 .chart'))";
        assertThat(js("return " + mailQuery + ".getOption().series[1].name")).isEqualTo("time [ms] (rows=5000)");
        // No title inside the chart under the section heading; the build axis spans the builds shown; the
        // value axis reaches the max bound of 400 although the values (but the last) stay near 200.
        @SuppressWarnings("unchecked")
        Map<String, Object> axes = (Map<String, Object>) js("var chart = " + mailQuery + ";"
                + "var x = chart.getModel().getComponent('xAxis', 0).axis.scale.getExtent();"
                + "var y = chart.getModel().getComponent('yAxis', 0).axis.scale.getExtent();"
                + "return {titles: (chart.getOption().title || []).length, xMin: x[0], xMax: x[1], yMin: y[0], yMax: y[1]};");
        assertThat(axes.get("titles")).isEqualTo(0L);
        assertThat(((Number) axes.get("xMin")).intValue()).isEqualTo(1);
        assertThat(((Number) axes.get("xMax")).intValue()).isEqualTo(BUILDS);
        assertThat(((Number) axes.get("yMin")).intValue()).isZero();
        assertThat(((Number) axes.get("yMax")).doubleValue()).isGreaterThanOrEqualTo(480);

        // Six checks: four regression checks and the bounds of the two query series. The 5000-row query
        // is both out of bounds and regressed, and these two rows lead the table; the others are OK and
        // folded away, one click from view.
        List<WebElement> rows = driver.findElements(By.cssSelector("#latest tbody tr"));
        assertThat(rows).hasSize(2);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.getAttribute("data-flagged")).isEqualTo("true");
            assertThat(row.getAttribute("data-series")).isEqualTo("mail_query/time{rows=5000}");
        });
        assertThat(rows).extracting(row -> row.getAttribute("data-verdict"))
                .containsExactlyInAnyOrder("OUT_OF_BOUNDS", "REGRESSED");
        assertThat(rows).extracting(row -> row.findElement(By.cssSelector("td.check")).getText())
                .containsExactlyInAnyOrder("bounds", "regression");
        List<WebElement> folded = driver.findElements(By.cssSelector("#latest-more tbody tr"));
        assertThat(folded).hasSize(4).allSatisfy(row -> assertThat(row.getAttribute("data-flagged")).isEqualTo("false"));
        assertThat(folded.get(0).isDisplayed()).isFalse();
        WebElement more = driver.findElement(By.cssSelector("details.more summary"));
        assertThat(more.getText()).isEqualTo("Show 4 more checks (4 ok)");
        more.click();
        assertThat(folded.get(0).isDisplayed()).isTrue();
        // Nothing in the table wraps where it should not (commits, numbers, the headers), nor spills over.
        @SuppressWarnings("unchecked")
        List<Object> tall = (List<Object>) js("var tall = [];"
                + "document.querySelectorAll('#latest th, #latest td.number, #latest td.commit, #latest td.check').forEach(function (cell) {"
                + "  var range = document.createRange(); range.selectNodeContents(cell);"
                + "  if (range.getBoundingClientRect().height > 24 || cell.scrollWidth > cell.clientWidth + 1) tall.push(cell.textContent); });"
                + "return tall;");
        assertThat(tall).as("cells wrapped over lines").isEmpty();

        // The description is shown as text, never as markup.
        assertThat(driver.findElement(By.cssSelector("#dataset-1 .description")).getText()).isEqualTo(HOSTILE);
        assertThat(driver.findElements(By.tagName("img"))).isEmpty();

        // The tooltip of the newest point names its build, commit and date; the regression is marked.
        js("var chart = " + mailQuery + ";"
                + "chart.dispatchAction({type: 'showTip', seriesIndex: 1, dataIndex: " + (BUILDS - 1) + "});");
        String tooltip = (String) new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
            Object text = js("var tips = document.querySelectorAll('#dataset-1 .chart > div');"
                    + "for (var i = 0; i < tips.length; i++) { if (tips[i].innerText.indexOf('build') >= 0) return tips[i].innerText; }"
                    + "return null;");
            return text;
        });
        assertThat(tooltip).contains("build " + BUILDS).contains(String.format("%09x", 0xabc000 + BUILDS))
                .contains("time [ms] (rows=5000)").contains("480");
        assertThat(js("return " + mailQuery + ".getOption().series[1].markPoint.data[0].name"))
                .asString().startsWith("build " + BUILDS + ": out of bounds");
    }

    /** A history like Kube's, ingested build by build into a real store. */
    private static void fillHistory(Path dir) {
        HistoryStore store = HistoryStore.open(dir);
        DatasetInfo query = new DatasetInfo("mail_query", "Mail query", HOSTILE, Map.of("time", new Bounds(0.0, 400.0)));
        DatasetInfo buffers = new DatasetInfo("buffer_creation", "Buffer creation", "How fast buffers are created", Map.of());
        LocalDateTime start = LocalDateTime.of(2024, 1, 1, 3, 0);
        for (int build = 1; build <= BUILDS; build++) {
            boolean last = build == BUILDS;
            LocalDateTime time = start.plusDays(build);
            String commit = String.format("%09x", 0xabc000 + build);
            double wobble = (build * 7 % 5) - 2;
            List<Observation> rows = List.of(
                    new Observation(SeriesKey.of("mail_query", "time", Map.of("rows", "1000")), "ms", time, commit, 40 + wobble),
                    new Observation(SeriesKey.of("mail_query", "time", Map.of("rows", "5000")), "ms", time, commit,
                            last ? 480 : 200 + wobble),
                    new Observation(SeriesKey.of("buffer_creation", "time"), "ms", time, commit, 12 + wobble / 10),
                    new Observation(SeriesKey.of("buffer_creation", "ops"), "ops/ms", time, commit, 80 + wobble));
            store.ingest(build, new BenchmarkResults(Map.of("mail_query", query, "buffer_creation", buffers), rows), commit, time);
        }
    }

    @Test
    void aJobOf200SeriesOver10000BuildsStaysUsable() {
        int datasets = 10;
        int seriesPerDataset = 20;
        int builds = 10_000;
        Random random = new Random(42);
        LocalDateTime start = LocalDateTime.of(1999, 1, 1, 3, 0);
        List<Series> all = new ArrayList<>();
        Map<String, DatasetInfo> infos = new HashMap<>();
        for (int d = 0; d < datasets; d++) {
            String id = "dataset_" + d;
            infos.put(id, new DatasetInfo(id, "Dataset " + d, "Generated <b>" + d + "</b>", Map.of("time", new Bounds(0.0, 150.0))));
            for (int s = 0; s < seriesPerDataset; s++) {
                List<Point> points = new ArrayList<>(builds);
                double level = 50 + s;
                for (int b = 1; b <= builds; b++) {
                    double value = level + random.nextGaussian() * 2 + (b % 997 == 0 ? 120 : 0);
                    points.add(new Point(b, Integer.toHexString(b * 31 + s), start.plusDays(b), value));
                }
                all.add(new Series(SeriesKey.of(id, "time", Map.of("rows", Integer.toString(s * 1000))), "ms", points));
            }
        }
        List<TrendChart> charts = TrendCharts.with(ChartSettings.defaults()).job(infos, all);
        Path out = temp.resolve("large");
        new HtmlReport("Large", LocalDateTime.now(), charts, new CheckReport(builds, List.of())).writeTo(out);

        // Big: only the charts near the window are drawn as the page opens...
        driver.get(out.resolve("index.html").toUri().toString());
        assertThat(js("return document.documentElement.getAttribute('data-draw')")).isEqualTo("lazy");
        assertThat((Long) js("return document.querySelectorAll('.chart[data-state=rendered]').length"))
                .isBetween(1L, (long) datasets - 1);
        // ... unless the address asks for all, as tools/screenshot-report.sh does.
        long started = System.nanoTime();
        open(out, "?draw=all");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(js("return document.documentElement.getAttribute('data-draw')")).isEqualTo("all");
        System.out.printf("large report: %d charts, %d points drawn, index.html %d KB, opened and drawn in %d ms"
                        + " (per chart, ms: %s)%n",
                charts.size(), charts.stream().mapToInt(TrendChart::pointCount).sum(),
                out.resolve("index.html").toFile().length() / 1024, millis,
                js("return Array.prototype.map.call(document.querySelectorAll('.chart'),"
                        + " function (e) { return e.getAttribute('data-render-ms'); }).join(' ')"));

        assertThat(js("return document.querySelectorAll('.chart[data-state=rendered]').length")).isEqualTo((long) datasets);
        assertThat(js("return echarts.getInstanceByDom(document.querySelector('.chart')).getOption().series.length"))
                .isEqualTo((long) seriesPerDataset);
        // Still responsive: a zoom into the newest tenth answers at once.
        js("echarts.getInstanceByDom(document.querySelector('.chart')).dispatchAction({type: 'dataZoom', start: 90, end: 100});");
        assertThat(js("return echarts.getInstanceByDom(document.querySelector('.chart')).getOption().dataZoom[0].start"))
                .isEqualTo(90L);
    }
}
