package io.jenkins.plugins.flatpak.agent;

import dev.nightly.flatpak.files.FileTrees;
import dev.nightly.flatpak.gpg.GpgSigning;
import hudson.AbortException;
import io.jenkins.plugins.flatpak.credentials.SecretMaterial;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The step's secrets as files on the agent, in a fresh directory only the agent's user can enter,
 * for exactly as long as the step runs: the engine reads the GPG key and passphrase from files (it
 * never puts them on a command line) and ssh reads its key from a file. {@link #close()} deletes it all.
 */
public final class SecretFiles implements Closeable {
    private static final String OWNER_ONLY_DIR = "rwx------";
    private static final String OWNER_ONLY_FILE = "rw-------";

    /**
     * Paths that may go into ssh's command line as rsync's {@code -e} string: rsync splits that string
     * itself, so a path with a quote or a space in it (a job named {@code it's}) would break it.
     */
    private static final Pattern PLAIN_PATH = Pattern.compile("/[A-Za-z0-9/._+-]*");

    private final Path directory;
    private final Path sshDirectory;
    private final Path gpgKey;
    private final Path gpgPassphrase;
    private final Path sshKey;
    private final Path sshAskpass;
    private final Path sshKnownHosts;
    private final String sshUser;

    private SecretFiles(Path directory, Path sshDirectory, Path gpgKey, Path gpgPassphrase, Path sshKey,
                        Path sshAskpass, Path sshKnownHosts, String sshUser) {
        this.directory = directory;
        this.sshDirectory = sshDirectory;
        this.gpgKey = gpgKey;
        this.gpgPassphrase = gpgPassphrase;
        this.sshKey = sshKey;
        this.sshAskpass = sshAskpass;
        this.sshKnownHosts = sshKnownHosts;
        this.sshUser = sshUser;
    }

    /**
     * Writes the secrets into new private directories; nothing if there are none. The GPG key goes
     * under {@code parent} (the workspace's {@code @tmp} sibling); the SSH key under the agent's
     * temporary directory, whose path holds no job name and can be written into ssh's command line.
     */
    public static SecretFiles write(Path parent, SecretMaterial material) throws IOException {
        return write(parent, Path.of(System.getProperty("java.io.tmpdir")), material);
    }

    static SecretFiles write(Path parent, Path sshParent, SecretMaterial material) throws IOException {
        Path dir = null;
        Path sshDir = null;
        try {
            Path gpgKey = null;
            Path gpgPassphrase = null;
            if (material.hasGpgKey()) {
                dir = privateDirectory(parent, "flatpak-secrets");
                gpgKey = privateFile(dir, "signing-key.asc", material.gpgKey());
                if (material.gpgPassphrase() != null) {
                    gpgPassphrase = privateFile(dir, "gpg-passphrase",
                            (material.gpgPassphrase() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            Path sshKey = null;
            Path askpass = null;
            Path knownHosts = null;
            if (material.hasSshKey()) {
                sshDir = privateDirectory(sshParent, "flatpak-ssh");
                if (!PLAIN_PATH.matcher(sshDir.toString()).matches()) {
                    throw new AbortException("the agent's temporary directory " + sshParent + " has characters that "
                            + "cannot go into rsync's remote shell command; start the agent with "
                            + "-Djava.io.tmpdir=/a/plain/path");
                }
                String key = material.sshKey().endsWith("\n") ? material.sshKey() : material.sshKey() + "\n";
                sshKey = privateFile(sshDir, "ssh-key", key.getBytes(StandardCharsets.UTF_8));
                if (material.sshPassphrase() != null) {
                    // ssh asks this program for the key's passphrase; the passphrase stays in a 0600 file
                    // next to it, found from the program's own path (no path is written into the script).
                    privateFile(sshDir, "ssh-passphrase",
                            (material.sshPassphrase() + "\n").getBytes(StandardCharsets.UTF_8));
                    askpass = privateFile(sshDir, "ssh-askpass",
                            "#!/bin/sh\nexec cat \"$(dirname \"$0\")/ssh-passphrase\"\n".getBytes(StandardCharsets.UTF_8));
                    Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
                }
                if (material.sshKnownHosts() != null) {
                    String lines = material.sshKnownHosts().strip() + "\n";
                    knownHosts = privateFile(sshDir, "known_hosts", lines.getBytes(StandardCharsets.UTF_8));
                }
            }
            return new SecretFiles(dir, sshDir, gpgKey, gpgPassphrase, sshKey, askpass, knownHosts,
                    material.sshUser());
        } catch (IOException | RuntimeException e) {
            deleteQuietly(dir);
            deleteQuietly(sshDir);
            throw e;
        }
    }

    private static Path privateDirectory(Path parent, String prefix) throws IOException {
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, prefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY_DIR)));
    }

    private static void deleteQuietly(Path dir) {
        if (dir != null) {
            FileTrees.deleteQuietly(dir);
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
     * The remote shell for rsync when an SSH key was given, or null: ssh with only that key and public
     * key authentication only (so a key's passphrase, which the askpass program gives, can never be
     * sent as a password or keyboard-interactive answer), strict host key checking against the agent's
     * known_hosts or the step's {@code sshKnownHosts}, and the credential's user name.
     */
    public String rsh() {
        if (sshKey == null) {
            return null;
        }
        StringBuilder rsh = new StringBuilder("ssh -i ").append(sshKey).append(" -o IdentitiesOnly=yes")
                .append(" -o PreferredAuthentications=publickey -o PasswordAuthentication=no")
                .append(" -o KbdInteractiveAuthentication=no -o StrictHostKeyChecking=yes");
        if (sshKnownHosts != null) {
            rsh.append(" -o UserKnownHostsFile=").append(sshKnownHosts);
        }
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
        deleteQuietly(directory);
        deleteQuietly(sshDirectory);
    }
}
