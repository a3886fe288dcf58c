package io.jenkins.plugins.hawd.changes;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import io.jenkins.plugins.hawd.trend.BenchmarkJobAction;
import io.jenkins.plugins.hawd.trend.SeriesLinks;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The Benchmark Changes page of a job whose recorded builds make a real change point: the list, the commit
 * range from the builds' change sets, acknowledging by POST with Configure, what a reader may not do, bad
 * input, and the change marks of the charts.
 */
@WithJenkins
class ChangesPageTest {
    private static final String PAGE = "benchmark-changes/";

    private static Path acks(FreeStyleProject job) {
        return job.getRootDir().toPath().resolve("hawd-history").resolve("acks.jsonl");
    }

    private static void secure(JenkinsRule r, FreeStyleProject job) {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("reader", "maintainer")
                .grant(Item.READ).onItems(job).to("reader", "maintainer")
                .grant(Item.CONFIGURE).onItems(job).to("maintainer"));
    }

    private static JenkinsRule.WebClient client(JenkinsRule r, String user) throws Exception {
        JenkinsRule.WebClient web = r.createWebClient().login(user);
        web.getOptions().setJavaScriptEnabled(false);
        web.setThrowExceptionOnFailingStatusCode(false);
        return web;
    }

    private static Page post(JenkinsRule r, JenkinsRule.WebClient web, FreeStyleProject job, String... fields) throws IOException {
        WebRequest post = new WebRequest(new URL(r.getURL(), job.getUrl() + PAGE + "acknowledge"), HttpMethod.POST);
        List<NameValuePair> parameters = new ArrayList<>();
        for (int i = 0; i < fields.length; i += 2) {
            parameters.add(new NameValuePair(fields[i], fields[i + 1]));
        }
        post.setRequestParameters(parameters);
        return web.getPage(web.addCrumb(post));
    }

    private static DomElement steppedRow(HtmlPage page) {
        assertThat(page.getElementById("hawd-changes")).as(page.asNormalizedText()).isNotNull();
        List<DomElement> rows = page.getElementById("hawd-changes").getElementsByTagName("tr").stream()
                .filter(row -> ChangesJobs.STEPPED.equals(row.getAttribute("data-series"))).map(DomElement.class::cast).toList();
        assertThat(rows).as("rows of the stepped series").hasSize(1);
        return rows.get(0);
    }

    @Test
    void listsTheChangePointWithItsCommitsAndAMaintainerAcknowledgesIt(JenkinsRule r) throws Exception {
        FreeStyleProject job = ChangesJobs.jobWithAStep(r, "stepped");
        secure(r, job);
        JenkinsRule.WebClient maintainer = client(r, "maintainer");
        Path store = job.getRootDir().toPath().resolve("hawd-history");
        // The recordings' checks keep the change point cache that the page starts from.
        assertThat(store.resolve("change-points-cache.json")).exists();
        Map<String, String> files = files(store);

        HtmlPage page = maintainer.getPage(job, PAGE);
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        // The job page's side panel links the page.
        assertThat(maintainer.getPage(job).getAnchorByHref("/jenkins/" + job.getUrl() + "benchmark-changes")).isNotNull();
        DomElement row = steppedRow(page);
        assertThat(row.getAttribute("data-build")).isEqualTo("12");
        assertThat(row.getAttribute("data-status")).isEqualTo("open");
        String text = row.asNormalizedText();
        assertThat(text).contains("open", "regression +30", "p = 0.001", "from #12", "cafe00012", "last before: #11", "cafe00011");
        assertThat(row.querySelector(".hawd-level").asNormalizedText()).matches("\\d+(\\.\\d+)? → \\d+(\\.\\d+)? ms");
        // The commit range: the change sets of build 12 only (11 is the last build before), each commit through
        // the job's repository browser where it has a page, as text otherwise; messages as text, never markup.
        List<String> links = row.querySelectorAll("a.hawd-commit-link").stream()
                .map(a -> ((DomElement) a).getAttribute("href")).toList();
        assertThat(links).containsExactly(ChangesJobs.BROWSER + "/commit/" + CommitsScm.commitOf(12));
        assertThat(row.querySelectorAll("code.hawd-commit-id")).extracting(n -> n.asNormalizedText()).containsExactly(CommitsScm.VENDORED);
        assertThat(row.querySelectorAll(".hawd-commit-row")).hasSize(2);
        assertThat(text).contains("Change of build 12: a slower index <b>for</b> mail queries", "dev12", "Update the vendored parser")
                .doesNotContain(CommitsScm.commitOf(11).substring(0, 12));
        assertThat(row.querySelectorAll("b")).isEmpty();
        // The 1000-rows series is noise only: no change point.
        assertThat(page.getWebResponse().getContentAsString()).doesNotContain("data-series=\"mail_query/queryTime{rows=1000}\"");
        assertThat(page.getElementById("hawd-changes-summary").asNormalizedText()).isEqualTo("1 change point: 1 open");
        assertThat(row.querySelectorAll("form.hawd-ack__form")).hasSize(1);

        // The charts mark it, as the report does: the job page's, the Benchmark Trends page's and the series page's.
        BenchmarkJobAction trends = job.getAction(BenchmarkJobAction.class);
        assertThat(changeMarks(trends.getCharts(0, "BUILD"))).containsExactly("12: regression +30");
        assertThat(changeMarks(trends.getMainChart(0, "BUILD"))).containsExactly("12: regression +30");
        assertThat(changeMarks(trends.getSeries(SeriesLinks.token(ChangesJobs.STEPPED)).getCharts(0, "BUILD")))
                .containsExactly("12: regression +30");
        assertThat(acks(job)).doesNotExist();
        // Page views and charts only read the history.
        assertThat(files(store)).isEqualTo(files);

        // Acknowledged as expected: the user and the time are recorded, the page shows the decision.
        Instant before = Instant.now().minusSeconds(1);
        Page answer = post(r, maintainer, job, "series", ChangesJobs.STEPPED, "build", "12", "status", "expected",
                "note", "new index, slower queries accepted");
        assertThat(answer.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(answer.getUrl().toString()).endsWith(job.getUrl() + PAGE);
        List<String> lines = Files.readAllLines(acks(job));
        assertThat(lines).hasSize(1);
        JSONObject ack = JSONObject.fromObject(lines.get(0));
        assertThat(ack.getString("series")).isEqualTo(ChangesJobs.STEPPED);
        assertThat(ack.getLong("build")).isEqualTo(12);
        assertThat(ack.getString("status")).isEqualTo("expected");
        assertThat(ack.getString("note")).isEqualTo("new index, slower queries accepted");
        assertThat(ack.getString("user")).isEqualTo("maintainer");
        assertThat(Instant.parse(ack.getString("time"))).isBetween(before, Instant.now().plusSeconds(1));

        HtmlPage after = maintainer.getPage(job, PAGE);
        DomElement decided = steppedRow(after);
        assertThat(decided.getAttribute("data-status")).isEqualTo("expected");
        assertThat(decided.querySelector(".hawd-status").asNormalizedText()).isEqualTo("expected");
        assertThat(((DomElement) decided.querySelector(".hawd-status")).getAttribute("class")).contains("jenkins-!-success-color");
        assertThat(decided.querySelector(".hawd-note").asNormalizedText()).isEqualTo("new index, slower queries accepted");
        assertThat(decided.querySelector(".hawd-user").asNormalizedText()).isEqualTo("maintainer");
        assertThat(decided.querySelector(".hawd-time").asNormalizedText()).isEqualTo(ack.getString("time").replaceAll("\\.\\d+Z$", "Z"));
        assertThat(after.getElementById("hawd-changes-summary").asNormalizedText()).isEqualTo("1 change point: 1 expected");
        assertThat(changeMarks(trends.getCharts(0, "BUILD"))).containsExactly("12: regression +30 expected");

        // A bug with its link, shown as a link.
        post(r, maintainer, job, "series", ChangesJobs.STEPPED, "build", "13", "status", "bug", "note", "https://bugs.example.org/42");
        DomElement bug = steppedRow(maintainer.getPage(job, PAGE));
        assertThat(bug.getAttribute("data-status")).isEqualTo("bug");
        assertThat(((DomElement) bug.querySelector("a.hawd-note")).getAttribute("href")).isEqualTo("https://bugs.example.org/42");
        assertThat(Files.readAllLines(acks(job))).hasSize(2);
    }

    /** Every file of a folder with its size and modification time. */
    private static Map<String, String> files(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(path).toString(), Files.size(path) + "@" + Files.getLastModifiedTime(path).toMillis());
            }
        }
        return files;
    }

    /** The change marks of a chart answer, as {@code BUILD: NAME} cut after the percentage's whole part. */
    private static List<String> changeMarks(String chartJson) {
        List<String> marks = new ArrayList<>();
        JSONArray charts = JSONArray.fromObject(chartJson);
        for (int c = 0; c < charts.size(); c++) {
            JSONArray series = charts.getJSONObject(c).getJSONObject("option").getJSONArray("series");
            for (int s = 0; s < series.size(); s++) {
                JSONObject markLine = series.getJSONObject(s).optJSONObject("markLine");
                if (markLine == null || markLine.isNullObject()) {
                    continue;
                }
                JSONArray data = markLine.getJSONArray("data");
                for (int d = 0; d < data.size(); d++) {
                    JSONObject mark = data.getJSONObject(d);
                    String name = mark.optString("name", "");
                    if (mark.has("xAxis") && name.matches("(regression|improvement) .*")) {
                        String status = name.substring(name.lastIndexOf(", ") + 2);
                        marks.add(mark.get("xAxis") + ": " + name.replaceAll("^(\\w+ [+-]\\d+).*$", "$1")
                                + ("open".equals(status) ? "" : " " + status));
                    }
                }
            }
        }
        return marks;
    }

    @Test
    void aReaderSeesNoButtonsAndCannotAcknowledgeAndBadInputIsRefused(JenkinsRule r) throws Exception {
        FreeStyleProject job = ChangesJobs.jobWithAStep(r, "guarded");
        secure(r, job);

        JenkinsRule.WebClient reader = client(r, "reader");
        HtmlPage page = reader.getPage(job, PAGE);
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(steppedRow(page).getAttribute("data-status")).isEqualTo("open");
        assertThat(page.querySelectorAll("form.hawd-ack__form")).isEmpty();
        assertThat(page.querySelectorAll("details.hawd-ack")).isEmpty();
        Page refused = post(r, reader, job, "series", ChangesJobs.STEPPED, "build", "12", "status", "no-change", "note", "");
        assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(acks(job)).doesNotExist();

        // A GET of the acknowledge URL does nothing, even for a maintainer.
        JenkinsRule.WebClient maintainer = client(r, "maintainer");
        Page get = maintainer.getPage(new URL(r.getURL(), job.getUrl() + PAGE
                + "acknowledge?series=mail_query%2FqueryTime%7Brows%3D5000%7D&build=12&status=no-change"));
        assertThat(get.getWebResponse().getStatusCode()).isIn(404, 405);
        assertThat(acks(job)).doesNotExist();

        // Bad input: 400 with one line that names what is wrong; nothing recorded.
        assertBadRequest(post(r, maintainer, job, "series", "mail_query/nothing", "build", "12", "status", "expected", "note", "x"),
                "series mail_query/nothing is not in the benchmark history of guarded");
        assertBadRequest(post(r, maintainer, job, "series", ChangesJobs.STEPPED, "build", "5", "status", "expected", "note", "x"),
                "series " + ChangesJobs.STEPPED + " has no change point at build 5; its change points are at builds 12");
        assertBadRequest(post(r, maintainer, job, "series", ChangesJobs.STEPPED, "build", "twelve", "status", "expected", "note", "x"),
                "build: must be a build number, found \"twelve\"");
        assertBadRequest(post(r, maintainer, job, "series", ChangesJobs.STEPPED, "build", "12", "status", "maybe", "note", "x"),
                "status: must be expected, bug or no-change, found \"maybe\"");
        assertBadRequest(post(r, maintainer, job, "series", ChangesJobs.STEPPED, "build", "12", "status", "bug", "note",
                "javascript:alert(1)"), "note: a bug needs its link, an http(s) address, found \"javascript:alert(1)\"");
        assertBadRequest(post(r, maintainer, job, "series", ChangesJobs.STEPPED, "build", "12", "status", "expected", "note", ""),
                "note: say why the change is expected");
        assertBadRequest(post(r, maintainer, job, "series", ChangesJobs.STEPPED, "build", "12", "status", "expected", "note",
                "x".repeat(501)), "note: at most 500 characters, found 501");
        assertBadRequest(post(r, maintainer, job, "series", ChangesJobs.STEPPED, "build", "12", "status", "expected", "note",
                "two\nlines"), "note: must be one line of text");
        assertBadRequest(post(r, maintainer, job, "build", "12", "status", "expected", "note", "x"), "series: missing");
        assertThat(acks(job)).doesNotExist();

        // Not a change: suppressed on the charts, still listed.
        assertThat(post(r, maintainer, job, "series", ChangesJobs.STEPPED, "build", "12", "status", "no-change", "note", "")
                .getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(steppedRow(reader.getPage(job, PAGE)).getAttribute("data-status")).isEqualTo("no-change");
        assertThat(changeMarks(job.getAction(BenchmarkJobAction.class).getCharts(0, "BUILD"))).isEmpty();
    }

    private static void assertBadRequest(Page answer, String message) {
        assertThat(answer.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(answer.getWebResponse().getContentAsString()).isEqualTo(message + "\n");
    }
}
