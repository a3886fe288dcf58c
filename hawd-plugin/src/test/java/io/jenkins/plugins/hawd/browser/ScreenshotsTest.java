package io.jenkins.plugins.hawd.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.flatpak.testkit.HeadlessChromium;
import dev.nightly.flatpak.testkit.RequiresTools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.openqa.selenium.By;

/**
 * README's pictures of the plugin's pages: the demo job of {@code hpi:run} (the sixteen sample nights of
 * examples/hawd) in a real Jenkins, shot with headless Chromium. Runs only when
 * {@code -Dnightly.screenshots=FOLDER} names where the PNG files go (tools/screenshot-jenkins.sh).
 */
@WithJenkins
@EnabledIfSystemProperty(named = ScreenshotsTest.FOLDER, matches = ".+")
@RequiresTools({"chromium", "chromedriver"})
class ScreenshotsTest {
    static final String FOLDER = "nightly.screenshots";
    private static final String DEMO = "io.jenkins.plugins.hawd.demo.DemoJob";

    @BeforeAll
    static void seedTheDemoJob() {
        System.setProperty(DEMO + ".enabled", "true");
        System.setProperty(DEMO + ".examples", Path.of("..", "examples", "hawd").toAbsolutePath().normalize().toString());
    }

    @AfterAll
    static void noDemoElsewhere() {
        System.clearProperty(DEMO + ".enabled");
        System.clearProperty(DEMO + ".examples");
    }

    @Test
    void demoJobPages(JenkinsRule r) throws Exception {
        Path folder = Path.of(System.getProperty(FOLDER));
        WorkflowJob demo = r.jenkins.getItemByFullName("hawd-demo", WorkflowJob.class);
        assertThat(demo).isNotNull();
        r.waitUntilNoActivity();
        assertThat(demo.getBuilds()).hasSize(16);

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            shoot(browser, r.getURL() + demo.getUrl(), ".hawd-chart canvas", folder.resolve("jenkins-job-page.png"), 1400);
            shoot(browser, r.getURL() + demo.getUrl() + "benchmarks/", ".hawd-chart canvas",
                    folder.resolve("jenkins-benchmark-trends.png"), 1800);
            shoot(browser, r.getURL() + demo.getUrl() + "12/benchmarks/", "#hawd-results",
                    folder.resolve("jenkins-build-benchmarks.png"), 1100);
            shoot(browser, r.getURL() + demo.getUrl() + "benchmark-changes/", "#hawd-changes",
                    folder.resolve("jenkins-changes.png"), 900);
        }
        assertThat(folder.resolve("jenkins-job-page.png")).isNotEmptyFile();
    }

    private static void shoot(HeadlessChromium browser, String url, String drawn, Path png, int height) throws Exception {
        browser.driver().get(url);
        browser.await(d -> d.findElements(By.cssSelector(drawn)).isEmpty() ? null : Boolean.TRUE);
        // ECharts animates the first drawing; wait until it is done before the picture.
        Thread.sleep(1500);
        browser.screenshot(png, 1400, height);
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }
}
