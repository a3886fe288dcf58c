package io.jenkins.plugins.flatpak.credentials;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.AbortException;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Looks up the credentials a step names, in the context of its build (so folder credentials and the
 * triggering user's permissions count), records their use, and fills the Snippet Generator's lists.
 */
public final class StepCredentials {
    private StepCredentials() {
    }

    /**
     * Reads the GPG signing key (a secret file holding an armored secret key) and, if named, its
     * passphrase (a secret text).
     */
    public static SecretMaterial withGpg(SecretMaterial material, Run<?, ?> run, String keyCredentialsId,
                                         String passphraseCredentialsId) throws IOException {
        FileCredentials key = find(run, keyCredentialsId, FileCredentials.class,
                "a 'Secret file' credential holding the armored GPG secret key (gpg --armor --export-secret-keys)");
        String passphrase = null;
        if (Util.fixEmptyAndTrim(passphraseCredentialsId) != null) {
            passphrase = find(run, passphraseCredentialsId, StringCredentials.class,
                    "a 'Secret text' credential holding the GPG key's passphrase").getSecret().getPlainText();
        }
        byte[] armored;
        try (InputStream in = key.getContent()) {
            armored = in.readAllBytes();
        }
        if (armored.length == 0) {
            throw new AbortException("GPG key credentials '" + keyCredentialsId + "' hold an empty file");
        }
        return material.withGpg(armored, passphrase);
    }

    /** Reads the SSH private key, its passphrase and user name for rsync destinations. */
    public static SecretMaterial withSsh(SecretMaterial material, Run<?, ?> run, String sshCredentialsId)
            throws IOException {
        SSHUserPrivateKey key = find(run, sshCredentialsId, SSHUserPrivateKey.class,
                "an 'SSH Username with private key' credential");
        List<String> keys = key.getPrivateKeys();
        if (keys.isEmpty() || keys.get(0).isBlank()) {
            throw new AbortException("SSH credentials '" + sshCredentialsId + "' hold no private key");
        }
        Secret secret = key.getPassphrase();
        String passphrase = secret == null ? null : Util.fixEmpty(secret.getPlainText());
        return material.withSsh(keys.get(0), passphrase, Util.fixEmptyAndTrim(key.getUsername()));
    }

    private static <C extends IdCredentials> C find(Run<?, ?> run, String id, Class<C> type, String expected)
            throws AbortException {
        C credentials = CredentialsProvider.findCredentialById(id, type, run);
        if (credentials == null) {
            throw new AbortException("credentials '" + id + "' not found or not usable by this build: expected "
                    + expected);
        }
        CredentialsProvider.track(run, credentials);
        return credentials;
    }

    /** Secret files, for the GPG key field. */
    public static ListBoxModel fillFileCredentials(Item item, String current) {
        return fill(item, current, FileCredentials.class);
    }

    /** Secret texts, for the passphrase field. */
    public static ListBoxModel fillStringCredentials(Item item, String current) {
        return fill(item, current, StringCredentials.class);
    }

    /** SSH private keys, for rsync destinations. */
    public static ListBoxModel fillSshCredentials(Item item, String current) {
        return fill(item, current, SSHUserPrivateKey.class);
    }

    private static ListBoxModel fill(Item item, String current, Class<? extends StandardCredentials> type) {
        StandardListBoxModel result = new StandardListBoxModel();
        String value = current == null ? "" : current;
        // Only people who may configure the job (or use its credentials) see which credentials exist.
        if (item == null) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                result.includeCurrentValue(value);
                return result;
            }
        } else if (!item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            result.includeCurrentValue(value);
            return result;
        }
        result.includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, item, type, List.of(), CredentialsMatchers.always())
                .includeCurrentValue(value);
        return result;
    }
}
