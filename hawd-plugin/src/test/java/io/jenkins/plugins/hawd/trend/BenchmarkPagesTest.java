package io.jenkins.plugins.hawd.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.Item;
import hudson.model.Result;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.hawd.HawdSamples;
import io.jenkins.plugins.hawd.history.JobHistory;
import java.net.URL;
import hudson.tasks.LogRotator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.List;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.springframework.security.access.AccessDeniedException;

/** Build and job pages through the web client, REST, permissions, build deletion and store rebuild. */
@WithJenkins
class BenchmarkPagesTest {
    private static WorkflowJob jobWithNights(JenkinsRule r, int nights) throws Exception {
        return HawdSamples.jobWithNights(r, "nightly", nights);
    }

    @Test
    void pagesShowEverySeriesAndTheTrend(JenkinsRule r) throws Exception {
        WorkflowJob job = jobWithNights(r, 4);
        WorkflowRun last = job.getLastBuild();
        JenkinsRule.WebClient web = r.createWebClient();
        // Server-rendered pages only: the charts are drawn by ECharts in a real browser.
        web.getOptions().setJavaScriptEnabled(false);

        HtmlPage build = web.getPage(last, "benchmarks/");
        String table = build.getElementById("hawd-results").asNormalizedText();
        assertThat(table).contains("out of bounds", "regressed", "rows=5000", "rows=1000", "520");
        // Flagged first.
        assertThat(build.getElementById("hawd-results").getElementsByTagName("tr").get(1).getAttribute("class"))
                .contains("hawd-flagged");

        HtmlPage jobPage = web.getPage(job);
        assertThat(jobPage.getWebResponse().getContentAsString()).contains("hawd-trend-holder", "Benchmark Trends");
        HtmlPage trends = web.getPage(job, "benchmarks/");
        assertThat(trends.querySelectorAll(".hawd-trend-holder")).hasSize(1);

        // The chart JSON the page asks for (the @JavaScriptMethod), from the engine's chart model.
        BenchmarkJobAction action = job.getAction(BenchmarkJobAction.class);
        JSONArray charts = JSONArray.fromObject(action.getCharts(0, "BUILD"));
        assertThat(charts.size()).isEqualTo(1);
        assertThat(charts.getJSONObject(0).getString("id")).isEqualTo("mail_query");
        assertThat(charts.getJSONObject(0).getJSONObject("option").getJSONArray("series").size()).isEqualTo(2);
        // Names and descriptions from results files travel as JSON data, drawn with textContent (the
        // browser test checks that); the server-rendered page never holds them.
        assertThat(charts.getJSONObject(0).getString("description")).isEqualTo("Queries <all> mails");
        assertThat(trends.getWebResponse().getContentAsString()).doesNotContain("<all>");
        assertThat(charts.getJSONObject(0).getInt("points")).isEqualTo(8);
        JSONArray lastTwo = JSONArray.fromObject(action.getCharts(2, "BUILD"));
        assertThat(lastTwo.getJSONObject(0).getInt("points")).isEqualTo(4);

        // REST: the build's rows, the job's series, one series' history.
        JSONObject buildJson = web.getJSON(last.getUrl() + "benchmarks/api/json?depth=1").getJSONObject();
        assertThat(buildJson.getInt("flagged")).isGreaterThanOrEqualTo(2);
        assertThat(buildJson.getJSONArray("results").getJSONObject(0).getString("id"))
                .isEqualTo("mail_query/queryTime{rows=5000}");
        JSONObject jobJson = web.getJSON(job.getUrl() + "benchmarks/api/json?depth=1").getJSONObject();
        JSONArray series = jobJson.getJSONArray("series");
        assertThat(series.size()).isEqualTo(2);
        String url = series.getJSONObject(1).getString("url");
        JSONObject history = web.getJSON(job.getUrl() + "benchmarks/" + url + "api/json").getJSONObject();
        assertThat(history.getString("id")).isEqualTo("mail_query/queryTime{rows=5000}");
        assertThat(history.getJSONArray("points").size()).isEqualTo(4);
        assertThat(history.getJSONArray("points").getJSONObject(3).getDouble("value")).isEqualTo(520.0);
        assertThat(web.getPage(job, "benchmarks/" + url).getWebResponse().getContentAsString()).contains("#4");
    }

    @Test
    void webMethodsCheckPermissions(JenkinsRule r) throws Exception {
        WorkflowJob job = jobWithNights(r, 2);
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("stranger", "reader")
                .grant(Item.READ).onItems(job).to("reader"));
        BenchmarkJobAction action = job.getAction(BenchmarkJobAction.class);

        try (ACLContext ignored = ACL.as2(User.getById("stranger", true).impersonate2())) {
            assertThatThrownBy(() -> action.getCharts(0, "BUILD")).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> action.getMainChart(0, "BUILD")).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(action::getApi).isInstanceOf(AccessDeniedException.class);
        }
        JenkinsRule.WebClient stranger = r.createWebClient().login("stranger");
        stranger.assertFails(job.getUrl() + "benchmarks/api/json", 404);
        stranger.assertFails(job.getLastBuild().getUrl() + "benchmarks/", 404);

        // Rebuilding changes state: POST only, and Configure is needed.
        JenkinsRule.WebClient reader = r.createWebClient().login("reader");
        reader.getOptions().setJavaScriptEnabled(false);
        assertThat(reader.getJSON(job.getUrl() + "benchmarks/api/json").getJSONObject().getJSONArray("series").size())
                .isEqualTo(2);
        // Stapler does not route a GET to a @POST web method at all: 404, and nothing is rebuilt.
        reader.assertFails(job.getUrl() + "benchmarks/rebuild", 404);
        reader.setThrowExceptionOnFailingStatusCode(false);
        WebRequest post = new WebRequest(new URL(r.getURL(), job.getUrl() + "benchmarks/rebuild"), HttpMethod.POST);
        assertThat(reader.getPage(reader.addCrumb(post)).getWebResponse().getStatusCode()).isEqualTo(403);

        JenkinsRule.WebClient admin = r.createWebClient().login("admin");
        admin.getOptions().setJavaScriptEnabled(false);
        WebRequest adminPost = new WebRequest(new URL(r.getURL(), job.getUrl() + "benchmarks/rebuild"), HttpMethod.POST);
        assertThat(admin.getPage(admin.addCrumb(adminPost)).getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(JobHistory.of(job).snapshot().series()).hasSize(2);
    }

    @Test
    void discardedBuildsKeepTheirPointsAndADeletedBuildTakesOnlyItsOwnNight(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "deletions");
        // Build 1 imports five nights of history: HAWD prints a dataset's whole history.
        job.setDefinition(new CpsFlowDefinition(HawdSamples.pipelineRecording(HawdSamples.history(5)), true));
        r.buildAndAssertSuccess(job);
        // Builds 2 and 3 measure tonight.
        LocalDateTime tonight = LocalDateTime.now();
        for (int build = 2; build <= 3; build++) {
            job.setDefinition(new CpsFlowDefinition(HawdSamples.pipelineRecording(
                    HawdSamples.nightAt(tonight.plusMinutes(build), "beef0000" + build, 120, 300)), true));
            r.buildAndAssertSuccess(job);
        }
        assertThat(points(job)).containsExactly(7, 7);

        // A discarder that keeps one build removes builds 1 to 3 after build 4; their points stay.
        job.setBuildDiscarder(new LogRotator(-1, 1, -1, -1));
        job.setDefinition(new CpsFlowDefinition(HawdSamples.pipelineRecording(
                HawdSamples.nightAt(tonight.plusMinutes(4), "beef00004", 120, 300)), true));
        r.buildAndAssertSuccess(job);
        // Jenkins also runs the discarder in the background after a build (GlobalBuildDiscarderListener); run it
        // here too, then wait until the background run, which may be deleting a build at this moment, is done.
        job.logRotate();
        long discarded = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (job.getBuilds().size() > 1 && System.nanoTime() < discarded) {
            Thread.sleep(50);
        }
        assertThat(job.getBuilds()).extracting(WorkflowRun::getNumber).containsExactly(4);
        assertThat(points(job)).containsExactly(8, 8);

        // A person deletes build 4 on its page: its own night goes (off the request thread), the rest stays.
        JenkinsRule.WebClient web = r.createWebClient();
        WebRequest delete = new WebRequest(new URL(r.getURL(), job.getUrl() + "4/doDelete"), HttpMethod.POST);
        web.getPage(web.addCrumb(delete));
        assertThat(job.getBuildByNumber(4)).isNull();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!points(job).equals(List.of(7, 7)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(points(job)).containsExactly(7, 7);
        assertThat(JobHistory.of(job).snapshot().read(JobHistory.of(job).snapshot().series().get(0).key()).points())
                .extracting(p -> p.build()).containsExactly(1L, 1L, 1L, 1L, 1L, 2L, 3L);
    }

    @Test
    void aLostStoreIsRebuiltByTheNextRecording(JenkinsRule r) throws Exception {
        WorkflowJob job = jobWithNights(r, 3);
        assertThat(points(job)).containsExactly(3, 3);

        // The store is lost: the next recording rebuilds it from builds 1 to 3, then adds build 4.
        Path store = job.getRootDir().toPath().resolve("hawd-history");
        org.apache.commons.io.FileUtils.deleteDirectory(store.toFile());
        job.setDefinition(new CpsFlowDefinition(HawdSamples.pipeline(4, 120, 301, ""), true));
        r.buildAndAssertSuccess(job);
        assertThat(points(job)).containsExactly(4, 4);

        // A build that fails before recording keeps the trend on the job page.
        job.setDefinition(new CpsFlowDefinition("error 'compilation failed'", true));
        r.buildAndAssertStatus(Result.FAILURE, job);
        assertThat(job.getAction(BenchmarkJobAction.class)).isNotNull();
        JenkinsRule.WebClient web = r.createWebClient();
        web.getOptions().setJavaScriptEnabled(false);
        assertThat(web.getPage(job).getWebResponse().getContentAsString()).contains("hawd-trend-holder");
    }

    @Test
    void aPageViewNeverRebuildsADamagedStoreButShowsWhyAndThePostRebuildMendsIt(JenkinsRule r) throws Exception {
        WorkflowJob job = jobWithNights(r, 3);
        Path store = job.getRootDir().toPath().resolve("hawd-history");
        Files.writeString(store.resolve("nightly-history.json"), "{\"generation\": ");
        Map<String, String> before = contents(store);

        JenkinsRule.WebClient web = r.createWebClient();
        web.getOptions().setJavaScriptEnabled(false);
        assertThat(web.getPage(job).asNormalizedText()).contains("The benchmark history cannot be read")
                .contains("nightly-history.json");
        assertThat(web.getPage(job, "benchmarks/").asNormalizedText()).contains("The benchmark history cannot be read");
        assertThat(web.getJSON(job.getUrl() + "benchmarks/api/json").getJSONObject().getJSONArray("series").size()).isZero();
        BenchmarkJobAction action = job.getAction(BenchmarkJobAction.class);
        assertThat(JSONObject.fromObject(action.getCharts(0, "BUILD")).getString("error"))
                .startsWith("The benchmark history cannot be read");
        assertThat(JSONObject.fromObject(action.getMainChart(0, "BUILD")).getString("error")).isNotEmpty();
        // Reads only read: the store is as it was, nothing was moved aside.
        assertThat(contents(store)).isEqualTo(before);
        assertThat(job.getRootDir().list()).noneMatch(name -> name.startsWith("hawd-history.damaged"));

        // "Rebuild history" (POST, Configure) mends it with the engine's repair (as `nightly bench repair`),
        // keeping what the series files hold; twice in a row leaves one copy of the damaged file aside.
        for (int i = 0; i < 2; i++) {
            WebRequest rebuild = new WebRequest(new URL(r.getURL(), job.getUrl() + "benchmarks/rebuild"), HttpMethod.POST);
            assertThat(web.getPage(web.addCrumb(rebuild)).getWebResponse().getStatusCode()).isEqualTo(200);
        }
        assertThat(points(job)).containsExactly(3, 3);
        assertThat(job.getRootDir().list()).noneMatch(name -> name.startsWith("hawd-history.damaged"));
        assertThat(store.resolve("damaged/REPORT.txt")).content().contains("nightly-history.json");
        assertThat(web.getPage(job).asNormalizedText()).doesNotContain("cannot be read");
    }

    private static Map<String, String> contents(Path dir) throws java.io.IOException {
        Map<String, String> files = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString(), Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    private static List<Integer> points(WorkflowJob job) {
        return JobHistory.of(job).snapshot().series().stream().map(info -> info.count()).toList();
    }
}
