package io.jenkins.plugins.flatpak.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.flatpak.build.FlatpakBuildStep;
import io.jenkins.plugins.flatpak.publish.FlatpakPublishStep;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.DescribableParameter;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The Snippet Generator side of both steps: they round-trip between step objects and Pipeline
 * syntax with defaults left out, every parameter has a help page, the forms render, and the credential
 * lists show credentials only to people who may configure the job.
 */
@WithJenkins
class SnippetGeneratorTest {
    @Test
    void buildStepRoundTripsWithDefaultsLeftOut(JenkinsRule r) throws Exception {
        SnippetizerTester snippets = new SnippetizerTester(r);
        snippets.assertRoundTrip(new FlatpakBuildStep("org.kde.kube.json", "repo"),
                "flatpakBuild manifest: 'org.kde.kube.json', repo: 'repo'");

        FlatpakBuildStep step = new FlatpakBuildStep("kube.yaml", "build/repo");
        step.setBranch("nightly");
        step.setCcache(true);
        step.setRofilesFuse("disabled");
        step.setGpgCredentialsId("flatpak-key");
        step.setExtraArguments("--jobs=2");
        snippets.assertRoundTrip(step, "flatpakBuild branch: 'nightly', ccache: true, extraArguments: '--jobs=2', "
                + "gpgCredentialsId: 'flatpak-key', manifest: 'kube.yaml', "
                + "repo: 'build/repo', rofilesFuse: 'disabled'");
    }

    @Test
    void publishStepRoundTripsWithDefaultsLeftOut(JenkinsRule r) throws Exception {
        SnippetizerTester snippets = new SnippetizerTester(r);
        snippets.assertRoundTrip(new FlatpakPublishStep("repo", "/srv/www/kube", "https://flatpak.example.org/kube"),
                "flatpakPublish dest: '/srv/www/kube', repo: 'repo', url: 'https://flatpak.example.org/kube'");

        FlatpakPublishStep step = new FlatpakPublishStep("repo", "deploy@web:/srv/kube", "https://f.example.org/kube");
        step.setKeep(5);
        step.setBundle(true);
        step.setStaticDeltas(false);
        step.setSshCredentialsId("web-deploy");
        step.setGpgCredentialsId("flatpak-key");
        snippets.assertRoundTrip(step, "flatpakPublish bundle: true, dest: 'deploy@web:/srv/kube', "
                + "gpgCredentialsId: 'flatpak-key', keep: 5, repo: 'repo', sshCredentialsId: 'web-deploy', "
                + "staticDeltas: false, url: 'https://f.example.org/kube'");
    }

    @Test
    void everyParameterHasAHelpPage(JenkinsRule r) throws Exception {
        for (Class<?> type : List.of(FlatpakBuildStep.class, FlatpakPublishStep.class)) {
            SnippetizerTester.assertDocGeneration(type.asSubclass(org.jenkinsci.plugins.workflow.steps.Step.class));
            DescribableModel<?> model = DescribableModel.of(type);
            assertThat(type.getResource(type.getSimpleName() + "/help.html")).as(type + " help").isNotNull();
            for (DescribableParameter parameter : model.getParameters()) {
                assertThat(helpOf(type, parameter.getName())).as("help of " + type.getSimpleName() + "."
                        + parameter.getName()).isNotNull();
            }
        }
    }

    private static java.net.URL helpOf(Class<?> type, String field) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            java.net.URL url = c.getResource(c.getSimpleName() + "/help-" + field + ".html");
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    @Test
    void snippetGeneratorPagesRender(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "p");
        JenkinsRule.WebClient web = r.createWebClient().withJavaScriptEnabled(false);
        HtmlPage syntax = web.getPage(job, "pipeline-syntax");
        assertThat(syntax.asXml()).contains("flatpakBuild").contains("flatpakPublish");
        assertThat(web.goTo(helpLink(r.jenkins.getDescriptorByType(FlatpakPublishStep.DescriptorImpl.class), "keep"),
                "text/html").getWebResponse().getContentAsString()).contains("prune-depth");
        assertThat(web.goTo(helpLink(r.jenkins.getDescriptorByType(FlatpakBuildStep.DescriptorImpl.class), "gpgCredentialsId"),
                "text/html").getWebResponse().getContentAsString()).contains("throw-away GPG homedir");
    }

    /** The link the forms give a field's help: descriptor/ID/help/FIELD, the ID being the step's class name. */
    private static String helpLink(hudson.model.Descriptor<?> descriptor, String field) {
        return "descriptor/" + descriptor.getId() + "/help/" + field;
    }

    @Test
    void credentialListsOnlyForPeopleWhoMayConfigure(JenkinsRule r) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new FileCredentialsImpl(CredentialsScope.GLOBAL,
                "flatpak-key", "signing key", "key.asc", SecretBytes.fromRawBytes("x".getBytes(StandardCharsets.UTF_8))));
        SystemCredentialsProvider.getInstance().save();
        WorkflowJob job = r.createProject(WorkflowJob.class, "p");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).everywhere().to("dev"));
        FlatpakBuildStep.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(FlatpakBuildStep.DescriptorImpl.class);

        ListBoxModel forReader;
        try (var ignored = hudson.security.ACL.as2(hudson.model.User.getById("reader", true).impersonate2())) {
            forReader = descriptor.doFillGpgCredentialsIdItems(job, "");
        }
        ListBoxModel forDev;
        try (var ignored = hudson.security.ACL.as2(hudson.model.User.getById("dev", true).impersonate2())) {
            forDev = descriptor.doFillGpgCredentialsIdItems(job, "");
        }

        assertThat(forReader).extracting(o -> o.value).doesNotContain("flatpak-key");
        assertThat(forDev).extracting(o -> o.value).contains("flatpak-key");
    }
}
