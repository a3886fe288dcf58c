package io.jenkins.plugins.hawd.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.flatpak.testkit.HeadlessChromium;
import dev.nightly.flatpak.testkit.RequiresTools;
import hudson.model.FreeStyleProject;
import io.jenkins.plugins.hawd.changes.ChangesJobs;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Benchmark Changes page in Debian's headless Chromium against JenkinsRule's Jetty (Jenkins'
 * Content-Security-Policy enforced): a person acknowledges a change point as expected with a note, and the
 * page shows the decision. Nothing may show up in the browser console.
 */
@WithJenkins
@RequiresTools({"chromium", "chromedriver"})
class ChangesPageBrowserTest {
    private static final By STEPPED_ROW = By.cssSelector("#hawd-changes tr[data-series='" + ChangesJobs.STEPPED + "']");

    @Test
    void acknowledgeAChangeAsExpectedWithANote(JenkinsRule r) throws Exception {
        FreeStyleProject job = ChangesJobs.jobWithAStep(r, "changes in a browser");
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.driver().get(r.getURL() + job.getUrl() + "benchmark-changes/");
            WebElement row = browser.driver().findElement(STEPPED_ROW);
            assertThat(row.getAttribute("data-status")).isEqualTo("open");
            assertThat(row.findElement(By.cssSelector(".hawd-status")).getText()).isEqualTo("open");
            assertThat(row.findElements(By.cssSelector(".hawd-status svg"))).hasSize(1);
            assertThat(row.findElement(By.cssSelector("a.hawd-commit-link")).getAttribute("href"))
                    .startsWith(ChangesJobs.BROWSER + "/commit/");

            // The form is folded away until asked for; Jenkins adds the crumb to it.
            WebElement note = row.findElement(By.cssSelector(".hawd-ack__note"));
            assertThat(note.isDisplayed()).isFalse();
            row.findElement(By.cssSelector("details.hawd-ack > summary")).click();
            browser.await(d -> note.isDisplayed() ? Boolean.TRUE : null);
            note.sendKeys("the new index is slower: accepted");
            row.findElement(By.cssSelector(".hawd-ack__expected")).click();

            browser.await(d -> {
                List<WebElement> rows = d.findElements(STEPPED_ROW);
                return !rows.isEmpty() && "expected".equals(rows.get(0).getAttribute("data-status")) ? Boolean.TRUE : null;
            });
            assertThat(browser.driver().getCurrentUrl()).endsWith(job.getUrl() + "benchmark-changes/");
            WebElement decided = browser.driver().findElement(STEPPED_ROW);
            assertThat(decided.findElement(By.cssSelector(".hawd-status")).getText()).isEqualTo("expected");
            assertThat(decided.findElement(By.cssSelector(".hawd-note")).getText()).isEqualTo("the new index is slower: accepted");
            assertThat(decided.findElement(By.cssSelector(".hawd-user")).getText()).isEqualTo("anonymous");
            assertThat(Files.readString(job.getRootDir().toPath().resolve("hawd-history/acks.jsonl")))
                    .contains("\"status\":\"expected\"", "\"note\":\"the new index is slower: accepted\"");

            // The Benchmark Trends chart draws the change point, grey now that it is expected.
            browser.driver().get(r.getURL() + job.getUrl() + "benchmarks/");
            browser.await(d -> (Boolean) browser.js("const e = document.querySelector('.hawd-chart');"
                    + " return typeof echarts !== 'undefined' && !!e && !!echarts.getInstanceByDom(e) && !!e.querySelector('canvas')"));
            Object marks = browser.js("return echarts.getInstanceByDom(document.querySelector('.hawd-chart')).getOption().series"
                    + ".flatMap(s => (s.markLine && s.markLine.data || []).filter(d => d.xAxis !== undefined)"
                    + ".map(d => d.xAxis + ' ' + d.name))");
            assertThat((List<?>) marks).singleElement().asString().startsWith("12 regression +30").endsWith(", expected");
            assertThat(browser.consoleProblems()).as("browser console").isEmpty();
        }
    }
}
