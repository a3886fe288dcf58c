package io.jenkins.plugins.flatpak.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.User;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.flatpak.build.FlatpakBuildStep;
import io.jenkins.plugins.flatpak.publish.FlatpakPublishStep;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The credential lists and checks of both steps' forms ask as the job's builds run: a job that runs as
 * a user cannot use the controller's system-wide credentials, so its form neither offers them nor
 * accepts their ids (the credentials plugin's consumer guide).
 */
@WithJenkins
class CredentialsFormTest {
    @Test
    void listsAndChecksAsTheJobRunsNotAsSystem(JenkinsRule r) throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        SystemCredentialsProvider.getInstance().getCredentials().add(new FileCredentialsImpl(CredentialsScope.GLOBAL,
                "gpg-key", "signing key", "key.asc", SecretBytes.fromRawBytes("k".getBytes(StandardCharsets.UTF_8))));
        SystemCredentialsProvider.getInstance().save();
        WorkflowJob asSystem = r.createProject(WorkflowJob.class, "as-system");
        WorkflowJob asBob = r.createProject(WorkflowJob.class, "as-bob");
        QueueItemAuthenticatorConfiguration.get().getAuthenticators().add(new MockQueueItemAuthenticator()
                .authenticate(asBob.getFullName(), User.getById("bob", true).impersonate2()));
        FlatpakBuildStep.DescriptorImpl build = r.jenkins.getDescriptorByType(FlatpakBuildStep.DescriptorImpl.class);
        FlatpakPublishStep.DescriptorImpl publish = r.jenkins.getDescriptorByType(FlatpakPublishStep.DescriptorImpl.class);

        assertThat(values(build.doFillGpgCredentialsIdItems(asSystem, ""))).contains("gpg-key");
        assertThat(values(build.doFillGpgCredentialsIdItems(asBob, ""))).doesNotContain("gpg-key");
        assertThat(values(publish.doFillGpgCredentialsIdItems(asBob, ""))).doesNotContain("gpg-key");

        assertThat(build.doCheckGpgCredentialsId(asSystem, "gpg-key").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(build.doCheckGpgCredentialsId(asBob, "gpg-key").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(publish.doCheckGpgCredentialsId(asBob, "gpg-key").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(publish.doCheckGpgCredentialsId(asSystem, "no-such-id").getMessage())
                .contains("credential with this id that this job");
        assertThat(publish.doCheckGpgPassphraseCredentialsId(asSystem, "gpg-key").kind)
                .as("a secret file is not a secret text").isEqualTo(FormValidation.Kind.ERROR);
        assertThat(publish.doCheckSshCredentialsId(asSystem, "").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(publish.doCheckSshCredentialsId(asSystem, "${DEPLOY_KEY}").kind).isEqualTo(FormValidation.Kind.WARNING);
    }

    private static List<String> values(ListBoxModel model) {
        return model.stream().map(option -> option.value).toList();
    }
}
