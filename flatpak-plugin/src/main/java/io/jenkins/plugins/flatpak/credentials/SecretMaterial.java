package io.jenkins.plugins.flatpak.credentials;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The secret values one step needs on the agent: an armored GPG secret key and its passphrase, an SSH
 * private key, its passphrase and user name. It travels inside the agent task (over the agent
 * channel, as credentials-binding's files do) and is written there only into a private temporary
 * directory ({@link io.jenkins.plugins.flatpak.agent.SecretFiles}).
 *
 * <p>Deliberately not a record: {@link #toString()} must never show the values.
 */
public final class SecretMaterial implements Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] gpgKey;
    private final String gpgPassphrase;
    private final String sshKey;
    private final String sshPassphrase;
    private final String sshUser;
    private final String sshKnownHosts;

    private SecretMaterial(byte[] gpgKey, String gpgPassphrase, String sshKey, String sshPassphrase, String sshUser,
                           String sshKnownHosts) {
        this.gpgKey = gpgKey == null ? null : gpgKey.clone();
        this.gpgPassphrase = gpgPassphrase;
        this.sshKey = sshKey;
        this.sshPassphrase = sshPassphrase;
        this.sshUser = sshUser;
        this.sshKnownHosts = sshKnownHosts;
    }

    public static SecretMaterial none() {
        return new SecretMaterial(null, null, null, null, null, null);
    }

    public SecretMaterial withGpg(byte[] armoredKey, String passphrase) {
        return new SecretMaterial(armoredKey, passphrase, sshKey, sshPassphrase, sshUser, sshKnownHosts);
    }

    public SecretMaterial withSsh(String privateKey, String passphrase, String user) {
        return new SecretMaterial(gpgKey, gpgPassphrase, privateKey, passphrase, user, sshKnownHosts);
    }

    /**
     * The host keys ssh accepts for the destination ({@code known_hosts} lines), instead of the agent's
     * known_hosts files. Not secret, but it belongs to the SSH key it travels with.
     */
    public SecretMaterial withSshKnownHosts(String knownHosts) {
        return new SecretMaterial(gpgKey, gpgPassphrase, sshKey, sshPassphrase, sshUser, knownHosts);
    }

    public String sshKnownHosts() {
        return sshKnownHosts;
    }

    public boolean hasGpgKey() {
        return gpgKey != null;
    }

    public byte[] gpgKey() {
        return gpgKey == null ? null : gpgKey.clone();
    }

    public String gpgPassphrase() {
        return gpgPassphrase;
    }

    public boolean hasSshKey() {
        return sshKey != null;
    }

    public String sshKey() {
        return sshKey;
    }

    public String sshPassphrase() {
        return sshPassphrase;
    }

    public String sshUser() {
        return sshUser;
    }

    /** The values to mask in the build log, should a program ever print one. */
    public List<String> maskedValues() {
        List<String> values = new ArrayList<>();
        if (gpgPassphrase != null) {
            values.add(gpgPassphrase);
        }
        if (sshPassphrase != null) {
            values.add(sshPassphrase);
        }
        if (gpgKey != null) {
            keyLines(new String(gpgKey, StandardCharsets.UTF_8), values);
        }
        if (sshKey != null) {
            keyLines(sshKey, values);
        }
        return values;
    }

    /** Every line of an armored key's body; BEGIN/END and header lines are not secret and stay readable. */
    private static void keyLines(String armored, List<String> values) {
        Arrays.stream(armored.split("\\R"))
                .map(String::strip)
                .filter(line -> !line.startsWith("-----") && !line.contains(": ") && line.length() >= 16)
                .forEach(values::add);
    }

    @Override
    public String toString() {
        return "SecretMaterial[gpgKey=" + (gpgKey != null) + ", sshKey=" + (sshKey != null) + "]";
    }
}
