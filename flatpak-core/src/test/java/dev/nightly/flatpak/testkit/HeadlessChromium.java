package dev.nightly.flatpak.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, for tests of real pages (the HTML
 * report, the Jenkins plugins' pages). It records the browser console so that a test can fail on any
 * error or warning there, which is also how a Content-Security-Policy violation shows. Callers carry
 * {@code @RequiresTools({"chromium", "chromedriver"})}.
 */
public final class HeadlessChromium implements AutoCloseable {
    private final Path profile;
    private final ChromeDriver driver;

    private HeadlessChromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** Starts a browser with a fresh profile and a 1280 x 900 window. */
    public static HeadlessChromium start() throws IOException {
        Path profile = Files.createTempDirectory("nightly-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // No background traffic: this machine reaches no host but the package registries.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,900");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return new HeadlessChromium(profile, driver);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Runs a script in the page; {@code arguments[i]} are the given arguments. */
    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits up to a minute until the condition holds (a slow machine under load draws slowly). */
    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(60)).until(condition);
    }

    /**
     * Jenkins core's own warning when its render-on-demand script finds that the page changed under a
     * pending fragment (it then rebuilds the fragment itself): a race inside core's hudson-behavior.js on a
     * busy machine, not a problem of the page under test, so it is not counted.
     */
    private static final String CORE_RENDER_ON_DEMAND_RECOVERY = "renderOnDemandCallback: selection is no longer valid";

    /** Console entries at warning level or above since the last call: script errors, CSP refusals, failed loads. */
    public List<String> consoleProblems() {
        List<String> problems = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            boolean coreRecovery = entry.getMessage().contains("hudson-behavior.js")
                    && entry.getMessage().contains(CORE_RENDER_ON_DEMAND_RECOVERY);
            if (entry.getLevel().intValue() >= Level.WARNING.intValue() && !coreRecovery) {
                problems.add(entry.getLevel() + " " + entry.getMessage());
            }
        }
        return problems;
    }

    /** Saves what the window shows as a PNG file. */
    public void screenshot(Path png, int width, int height) throws IOException {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
        byte[] bytes = driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, bytes);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> paths = Files.walk(profile)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
