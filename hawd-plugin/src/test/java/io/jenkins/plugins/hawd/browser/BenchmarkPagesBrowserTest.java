package io.jenkins.plugins.hawd.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.flatpak.testkit.HeadlessChromium;
import dev.nightly.flatpak.testkit.RequiresTools;
import dev.nightly.flatpak.testkit.SnippetGeneratorPage;
import io.jenkins.plugins.hawd.HawdSamples;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The plugin's pages as a person sees them: JenkinsRule's Jetty (which enforces Jenkins'
 * Content-Security-Policy) opened in Debian's headless Chromium. The charts must be drawn by ECharts,
 * and nothing may show up in the browser console: a script error, a refused inline script or a failed
 * load fails the test.
 */
@WithJenkins
@RequiresTools({"chromium", "chromedriver"})
class BenchmarkPagesBrowserTest {
    private static HeadlessChromium browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void nothingInTheConsole() {
        assertThat(browser.consoleProblems()).as("browser console").isEmpty();
    }

    private static void open(JenkinsRule r, String relative) throws Exception {
        browser.driver().get(r.getURL() + relative);
    }

    /** Waits until every chart holder on the page has drawn its charts, and returns their series names. */
    @SuppressWarnings("unchecked")
    private static List<List<String>> drawnCharts() {
        browser.await(d -> (Boolean) browser.js("return typeof echarts !== 'undefined'"
                + " && document.querySelectorAll('.hawd-chart').length > 0"
                + " && Array.prototype.every.call(document.querySelectorAll('.hawd-chart'),"
                + "   e => !!echarts.getInstanceByDom(e) && !!e.querySelector('canvas'))"));
        return (List<List<String>>) browser.js("return Array.prototype.map.call(document.querySelectorAll('.hawd-chart'),"
                + " e => echarts.getInstanceByDom(e).getOption().series.map(s => s.name))");
    }

    @Test
    void jobPageTrendsPageBuildPageAndSeriesPage(JenkinsRule r) throws Exception {
        WorkflowJob job = HawdSamples.jobWithNights(r, "kube nightly", 5);

        // Job page: the trend chart of the flagged dataset, a canvas with both series in its legend.
        open(r, job.getUrl());
        List<List<String>> jobCharts = drawnCharts();
        assertThat(jobCharts).containsExactly(List.of("queryTime [ms] (rows=1000)", "queryTime [ms] (rows=5000)"));
        @SuppressWarnings("unchecked")
        Map<String, Object> canvas = (Map<String, Object>) browser.js(
                "const c = document.querySelector('.hawd-chart canvas'); return {w: c.width, h: c.height};");
        assertThat(((Number) canvas.get("w")).intValue()).isGreaterThan(300);
        assertThat(((Number) canvas.get("h")).intValue()).isGreaterThan(150);
        @SuppressWarnings("unchecked")
        List<String> legend = (List<String>) browser.js("return echarts.getInstanceByDom(document.querySelector('.hawd-chart'))"
                + ".getOption().legend[0].data || echarts.getInstanceByDom(document.querySelector('.hawd-chart'))"
                + ".getModel().getComponent('legend').getData().map(d => d.get('name'))");
        assertThat(legend).contains("queryTime [ms] (rows=5000)");

        // Benchmark Trends: one chart per dataset, its description as text (never markup), and the
        // settings change what is drawn.
        open(r, job.getUrl() + "benchmarks/");
        assertThat(drawnCharts()).hasSize(1);
        assertThat(browser.driver().findElement(By.cssSelector(".hawd-chart-description")).getText())
                .isEqualTo("Queries <all> mails");
        WebElement builds = browser.driver().findElement(By.cssSelector(".hawd-builds"));
        builds.clear();
        builds.sendKeys("2");
        browser.driver().findElement(By.cssSelector(".hawd-apply")).click();
        browser.await(d -> ((Number) browser.js("const c = echarts.getInstanceByDom(document.querySelector('.hawd-chart'));"
                + " return c ? c.getOption().series[0].data.length : -1")).intValue() == 2);
        new Select(browser.driver().findElement(By.cssSelector(".hawd-axis"))).selectByValue("TIME");
        browser.driver().findElement(By.cssSelector(".hawd-apply")).click();
        browser.await(d -> "time".equals(browser.js("const c = echarts.getInstanceByDom(document.querySelector('.hawd-chart'));"
                + " return c ? c.getOption().xAxis[0].type : null")));

        // The charts follow Jenkins' theme: its text colour variable becomes the charts' text colour.
        browser.js("document.body.style.setProperty('--text-color', 'rgb(1, 2, 3)');");
        browser.driver().findElement(By.cssSelector(".hawd-apply")).click();
        browser.await(d -> "rgb(1, 2, 3)".equals(browser.js("const c = echarts.getInstanceByDom(document.querySelector('.hawd-chart'));"
                + " return c ? c.getOption().legend[0].textStyle.color : null")));

        // The build's Benchmarks page: badges with Jenkins symbols, flagged rows first, nothing cut off.
        open(r, job.getLastBuild().getUrl() + "benchmarks/");
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#hawd-results tbody tr"));
        assertThat(rows).hasSizeGreaterThanOrEqualTo(3);
        assertThat(rows.get(0).getAttribute("class")).contains("hawd-flagged");
        WebElement badge = rows.get(0).findElement(By.cssSelector(".hawd-badge"));
        assertThat(badge.findElements(By.tagName("svg"))).hasSize(1);
        assertThat(badge.getText()).containsAnyOf("out of bounds", "regressed").contains("unstable");
        assertThat(badge.getAttribute("class")).contains("jenkins-!-warning-color");
        @SuppressWarnings("unchecked")
        Map<String, Object> layout = (Map<String, Object>) browser.js(
                "const table = document.getElementById('hawd-results');"
                        + "const panel = table.parentElement.getBoundingClientRect();"
                        + "const cells = Array.from(table.querySelectorAll('td.hawd-number .hawd-nowrap, .hawd-badge'));"
                        + "return {overflow: table.getBoundingClientRect().right - panel.right,"
                        + " tallest: Math.max(...cells.map(c => c.getBoundingClientRect().height))};");
        assertThat(((Number) layout.get("overflow")).doubleValue()).as("table spills out of the page").isLessThanOrEqualTo(1);
        assertThat(((Number) layout.get("tallest")).doubleValue()).as("a badge or baseline wraps").isLessThan(40);

        // A series page: its chart and its table of the newest points.
        rows.get(0).findElement(By.cssSelector("a.jenkins-table__link")).click();
        assertThat(drawnCharts()).containsExactly(List.of("queryTime [ms] (rows=5000)"));
        assertThat(browser.driver().findElements(By.cssSelector("#hawd-points tbody tr"))).hasSize(5);

        // A click on a point of a chart opens that build's Benchmarks page (settings back to the defaults).
        browser.js("localStorage.clear();");
        open(r, job.getUrl() + "benchmarks/");
        drawnCharts();
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) browser.js(
                "const el = document.querySelector('.hawd-chart'); el.scrollIntoView({block: 'center'});"
                        + " const c = echarts.getInstanceByDom(el);"
                        // No animation left running: the point is where the click goes (a slow machine was still animating).
                        + " c.setOption({animation: false});"
                        + " const point = c.getOption().series[1].data.find(p => p[0] === 3);"
                        + " const xy = c.convertToPixel({seriesIndex: 1}, [point[0], point[1]]);"
                        + " const box = el.getBoundingClientRect();"
                        + " return {x: box.left + xy[0], y: box.top + xy[1]};");
        // As a person does it: the pointer comes to rest on the point, then clicks (ECharts finds what is
        // under the pointer as it moves; a click in the same instant as the move was now and then lost).
        new org.openqa.selenium.interactions.Actions(browser.driver())
                .moveToLocation((int) Math.round(((Number) target.get("x")).doubleValue()),
                        (int) Math.round(((Number) target.get("y")).doubleValue()))
                .pause(java.time.Duration.ofMillis(500))
                .click().perform();
        browser.await(d -> d.getCurrentUrl().endsWith(job.getUrl() + "3/benchmarks/"));
    }

    @Test
    void snippetGeneratorFormRendersAndRoundTrips(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "snippets");
        String snippet = SnippetGeneratorPage.generate(browser, r.getURL() + job.getUrl() + "pipeline-syntax/",
                "recordBenchmarks", Map.of("results", "out/*.json", "definitions", "hawd_defs", "failIfEmpty", "true"));
        assertThat(snippet).isEqualTo("recordBenchmarks definitions: 'hawd_defs', failIfEmpty: true, results: 'out/*.json'");
    }
}
