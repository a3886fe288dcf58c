package io.jenkins.plugins.flatpak.publish;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.flatpak.action.FlatpakBuildAction;
import io.jenkins.plugins.flatpak.action.Publication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * An agent is not trusted: what it answers after a publish must not put links of its choosing on the
 * build and job pages. The answer is forged here (as a compromised agent would send it) and goes
 * through the controller-side code that turns it into the build's record; the pages are then rendered
 * by Jenkins and every link on them is read.
 */
@WithJenkins
class AgentAnswerTest {
    private static final String STEP_URL = "https://nightly.example.org/kube";
    private static final String APP = "org.example.Kube";

    @Test
    void linksOnTheBuildAndJobPagesComeFromTheStepsUrlAndSafeFileNamesOnly(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "forged");
        job.setDefinition(new CpsFlowDefinition("echo 'a night'", true));
        WorkflowRun run = r.buildAndAssertSuccess(job);
        LinkedHashMap<String, String> commits = new LinkedHashMap<>();
        commits.put("app/" + APP + "/x86_64/nightly", "ab".repeat(32));
        PublishedRepo forged = new PublishedRepo("deploy@web.example.org:/srv/kube", "javascript:alert(1)//",
                "javascript:alert(2)//", commits, new ArrayList<>(List.of(APP + ".flatpakref",
                "javascript:alert(3)//x.flatpakref", "nightly.flatpakrepo", APP + ".flatpak",
                "x\" onmouseover=\"alert(4).flatpak", "../../secrets/master.key.flatpak")), true, null);
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        PublishedRepo checked = forged.checkedAgainst(STEP_URL, new PrintStream(log, true, StandardCharsets.UTF_8));
        Publication publication = FlatpakPublishStep.Execution.publication(checked, checked.bundles());
        FlatpakBuildAction.record(run, publication);

        assertThat(checked.files()).containsExactly(APP + ".flatpakref", "nightly.flatpakrepo", APP + ".flatpak");
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("ignoring the file name 'javascript:alert(3)//x.flatpakref' the agent reported")
                .contains("ignoring the file name '../../secrets/master.key.flatpak'");
        assertThat(checked.toStepResult()).containsEntry("repoUrl", STEP_URL + "/repo/")
                .containsEntry("flatpakrefUrls", List.of(STEP_URL + "/" + APP + ".flatpakref"));
        assertThat(publication.getRepoUrl()).isEqualTo(STEP_URL + "/repo/");

        JenkinsRule.WebClient web = r.createWebClient().withJavaScriptEnabled(false);
        for (HtmlPage page : List.of(web.getPage(job), web.getPage(run), web.getPage(run, "flatpak/"))) {
            List<String> hrefs = page.getAnchors().stream().map(HtmlAnchor::getHrefAttribute).toList();
            assertThat(hrefs).as("links of %s", page.getUrl()).noneMatch(h -> h.contains("alert"))
                    .noneMatch(h -> h.contains("master.key"));
            assertThat(page.asNormalizedText()).doesNotContain("alert(");
        }
        HtmlPage flatpakPage = web.getPage(run, "flatpak/");
        assertThat(flatpakPage.getAnchors().stream().map(HtmlAnchor::getHrefAttribute).toList())
                .contains(STEP_URL + "/repo/", STEP_URL + "/" + APP + ".flatpakref", STEP_URL + "/" + APP + ".flatpak");
        assertThat(web.getPage(job).asNormalizedText()).contains("flatpak install --user --from " + STEP_URL + "/"
                + APP + ".flatpakref");
    }

    @Test
    void aStepUrlThatIsNotHttpFailsTheStepOnTheController(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "script-url");
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  flatpakPublish repo: 'repo', dest: 'www', url: 'javascript:alert(document.cookie)//x'
                }
                """, true));

        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("flatpakPublish: url must be an absolute http:// or https:// URL", run);
        r.assertLogNotContains("not installed", run);
        assertThat(run.getAction(FlatpakBuildAction.class)).isNull();
        assertThat(new FlatpakPublishStep.DescriptorImpl().doCheckUrl("javascript:alert(1)").kind.name())
                .isEqualTo("ERROR");
        assertThat(new FlatpakPublishStep.DescriptorImpl().doCheckUrl("https://example.org/x").kind.name())
                .isEqualTo("OK");
        assertThat(Map.of("file", PublishedRepo.isWebUrl("file:///srv/www"), "user", PublishedRepo.isWebUrl(
                "https://user:pw@example.org/"))).containsOnly(Map.entry("file", false), Map.entry("user", false));
    }
}
