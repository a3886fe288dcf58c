package io.jenkins.plugins.flatpak.agent;

import dev.nightly.flatpak.files.FileTrees;
import dev.nightly.flatpak.gpg.GpgSigning;
import io.jenkins.plugins.flatpak.credentials.SecretMaterial;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The step's secrets as files on the agent, in a fresh directory only the agent's user can enter,
 * for exactly as long as the step runs: the engine reads the GPG key and passphrase from files (it
 * never puts them on a command line) and ssh reads its key from a file. {@link #close()} deletes it all.
 */
public final class SecretFiles implements Closeable {
    private static final String OWNER_ONLY_DIR = "rwx------";
    private static final String OWNER_ONLY_FILE = "rw-------";

    private final Path directory;
    private final Path gpgKey;
    private final Path gpgPassphrase;
    private final Path sshKey;
    private final Path sshAskpass;
    private final String sshUser;

    private SecretFiles(Path directory, Path gpgKey, Path gpgPassphrase, Path sshKey, Path sshAskpass, String sshUser) {
        this.directory = directory;
        this.gpgKey = gpgKey;
        this.gpgPassphrase = gpgPassphrase;
        this.sshKey = sshKey;
        this.sshAskpass = sshAskpass;
        this.sshUser = sshUser;
    }

    /** Writes the secrets into a new private directory under {@code parent}; nothing if there are none. */
    public static SecretFiles write(Path parent, SecretMaterial material) throws IOException {
        if (!material.hasGpgKey() && !material.hasSshKey()) {
            return new SecretFiles(null, null, null, null, null, null);
        }
        Files.createDirectories(parent);
        Path dir = Files.createTempDirectory(parent, "flatpak-secrets",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY_DIR)));
        try {
            Path gpgKey = null;
            Path gpgPassphrase = null;
            Path sshKey = null;
            Path askpass = null;
            if (material.hasGpgKey()) {
                gpgKey = privateFile(dir, "signing-key.asc", material.gpgKey());
                if (material.gpgPassphrase() != null) {
                    gpgPassphrase = privateFile(dir, "gpg-passphrase",
                            (material.gpgPassphrase() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            if (material.hasSshKey()) {
                String key = material.sshKey().endsWith("\n") ? material.sshKey() : material.sshKey() + "\n";
                sshKey = privateFile(dir, "ssh-key", key.getBytes(StandardCharsets.UTF_8));
                if (material.sshPassphrase() != null) {
                    // ssh asks this program for the key's passphrase; the passphrase stays in a 0600 file.
                    Path passphrase = privateFile(dir, "ssh-passphrase",
                            (material.sshPassphrase() + "\n").getBytes(StandardCharsets.UTF_8));
                    askpass = privateFile(dir, "ssh-askpass",
                            ("#!/bin/sh\nexec cat '" + passphrase + "'\n").getBytes(StandardCharsets.UTF_8));
                    Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
                }
            }
            return new SecretFiles(dir, gpgKey, gpgPassphrase, sshKey, askpass, material.sshUser());
        } catch (IOException | RuntimeException e) {
            FileTrees.deleteQuietly(dir);
            throw e;
        }
    }

    private static Path privateFile(Path dir, String name, byte[] content) throws IOException {
        Path file = Files.createFile(dir.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY_FILE)));
        Files.write(file, content);
        return file;
    }

    /** The armored GPG secret key, or null. */
    public Path gpgKey() {
        return gpgKey;
    }

    /** A file whose first line is the GPG key's passphrase, or null. */
    public Path gpgPassphrase() {
        return gpgPassphrase;
    }

    /**
     * The GPG key to sign with: the credential's key file (imported by the engine into a throw-away
     * homedir) if the step has one, otherwise a key id in a homedir of the agent; null for no signing.
     *
     * @param keyId   key id or fingerprint; with a key file it picks one of its keys (may be null)
     * @param homedir GPG homedir on the agent for {@code keyId}, null for gpg's default
     */
    public GpgSigning signing(String keyId, Path homedir) {
        if (gpgKey != null) {
            return GpgSigning.secretKeyFile(gpgKey, gpgPassphrase).withKeyId(keyId);
        }
        if (keyId != null) {
            return GpgSigning.key(keyId, homedir);
        }
        return null;
    }

    /**
     * The remote shell for rsync when an SSH key was given, or null: ssh with only that key, no
     * password prompts, and the credential's user name. The destination host must be in the agent's
     * known_hosts, as for any unattended ssh.
     */
    public String rsh() {
        if (sshKey == null) {
            return null;
        }
        StringBuilder rsh = new StringBuilder("ssh -i '").append(sshKey).append("' -o IdentitiesOnly=yes");
        if (sshAskpass == null) {
            rsh.append(" -o BatchMode=yes");
        }
        if (sshUser != null && sshUser.matches("[A-Za-z0-9._][A-Za-z0-9._-]*")) {
            rsh.append(" -o User=").append(sshUser);
        }
        return rsh.toString();
    }

    /** Environment for the processes: how ssh finds the askpass program of a passphrase-protected key. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (sshAskpass != null) {
            env.put("SSH_ASKPASS", sshAskpass.toString());
            env.put("SSH_ASKPASS_REQUIRE", "force");
        }
        return env;
    }

    @Override
    public void close() {
        if (directory != null) {
            FileTrees.deleteQuietly(directory);
        }
    }
}
