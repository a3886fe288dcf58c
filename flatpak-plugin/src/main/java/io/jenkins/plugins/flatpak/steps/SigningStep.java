package io.jenkins.plugins.flatpak.steps;

import hudson.Util;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The GPG options both steps share. The key comes either from Jenkins credentials (a secret file
 * with the armored secret key, imported into a throw-away homedir on the agent) or, like the
 * command line's {@code --gpg-key ID --gpg-homedir DIR}, from a keyring on the agent.
 */
public abstract class SigningStep extends Step {
    private String gpgCredentialsId;
    private String gpgPassphraseCredentialsId;
    private String gpgKey;
    private String gpgHomedir;

    public String getGpgCredentialsId() {
        return gpgCredentialsId;
    }

    /** Id of a "Secret file" credential holding the armored GPG secret key. */
    @DataBoundSetter
    public void setGpgCredentialsId(String gpgCredentialsId) {
        this.gpgCredentialsId = Util.fixEmptyAndTrim(gpgCredentialsId);
    }

    public String getGpgPassphraseCredentialsId() {
        return gpgPassphraseCredentialsId;
    }

    /** Id of a "Secret text" credential holding the key's passphrase, if it has one. */
    @DataBoundSetter
    public void setGpgPassphraseCredentialsId(String gpgPassphraseCredentialsId) {
        this.gpgPassphraseCredentialsId = Util.fixEmptyAndTrim(gpgPassphraseCredentialsId);
    }

    public String getGpgKey() {
        return gpgKey;
    }

    /** Key id or fingerprint: picks a key from the credential's file, or names a key of the agent's keyring. */
    @DataBoundSetter
    public void setGpgKey(String gpgKey) {
        this.gpgKey = Util.fixEmptyAndTrim(gpgKey);
    }

    public String getGpgHomedir() {
        return gpgHomedir;
    }

    /** GPG homedir on the agent for {@link #getGpgKey()} when no credential is given. */
    @DataBoundSetter
    public void setGpgHomedir(String gpgHomedir) {
        this.gpgHomedir = Util.fixEmptyAndTrim(gpgHomedir);
    }

    /** Whether the step signs at all. */
    public boolean signs() {
        return gpgCredentialsId != null || gpgKey != null;
    }
}
