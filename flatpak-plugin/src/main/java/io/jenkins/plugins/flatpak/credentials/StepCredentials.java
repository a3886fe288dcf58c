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
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

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
        if (!mayListCredentials(item)) {
            result.includeCurrentValue(value);
            return result;
        }
        result.includeEmptyValue();
        if (item == null) {
            result.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), type, List.of(), CredentialsMatchers.always());
        } else {
            result.includeMatchingAs(authenticationOf(item), item, type, List.of(), CredentialsMatchers.always());
        }
        return result.includeCurrentValue(value);
    }

    /** Only people who may configure the job (or use its credentials) learn which credentials exist. */
    private static boolean mayListCredentials(Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    /**
     * Whom the job's builds run as: the credentials a build can use are those this authentication sees
     * (a job that runs as a user does not see the controller's system-wide credentials), so the lists
     * and checks ask as it, not as SYSTEM.
     */
    private static Authentication authenticationOf(Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }

    /** Checks a secret file field: the id names a secret file the job's builds can use. */
    public static FormValidation checkFileCredentials(Item item, String value) {
        return check(item, value, FileCredentials.class, "'Secret file'");
    }

    /** Checks a secret text field. */
    public static FormValidation checkStringCredentials(Item item, String value) {
        return check(item, value, StringCredentials.class, "'Secret text'");
    }

    /** Checks an SSH key field. */
    public static FormValidation checkSshCredentials(Item item, String value) {
        return check(item, value, SSHUserPrivateKey.class, "'SSH Username with private key'");
    }

    private static FormValidation check(Item item, String value, Class<? extends StandardCredentials> type,
                                        String kind) {
        String id = Util.fixEmptyAndTrim(value);
        if (id == null || !mayListCredentials(item)) {
            return FormValidation.ok();
        }
        if (id.startsWith("${") && id.endsWith("}")) {
            return FormValidation.warning("Cannot check credentials given by an expression");
        }
        ListBoxModel found = item == null
                ? CredentialsProvider.listCredentialsInItemGroup(type, Jenkins.get(), ACL.SYSTEM2, List.of(),
                        CredentialsMatchers.withId(id))
                : CredentialsProvider.listCredentialsInItem(type, item, authenticationOf(item), List.of(),
                        CredentialsMatchers.withId(id));
        if (found.isEmpty()) {
            return FormValidation.error("No " + kind + " credential with this id that this job's builds can use");
        }
        return FormValidation.ok();
    }
}
