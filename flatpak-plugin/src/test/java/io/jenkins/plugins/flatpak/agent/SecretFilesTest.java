package io.jenkins.plugins.flatpak.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.flatpak.gpg.GpgSigning;
import io.jenkins.plugins.flatpak.credentials.SecretMaterial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The secrets of a step as files: private while the step runs, gone afterwards, never in toString. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX permissions; flatpak agents are Linux machines")
class SecretFilesTest {
    private static final byte[] KEY = "-----BEGIN PGP PRIVATE KEY BLOCK-----\nAAAA\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    @Test
    void writesKeyAndPassphraseIntoAPrivateDirectoryAndRemovesThem() throws IOException {
        SecretMaterial material = SecretMaterial.none().withGpg(KEY, "pass phrase");
        Path dir;
        try (SecretFiles files = SecretFiles.write(tmp.resolve("ws@tmp"), material)) {
            dir = files.gpgKey().getParent();
            assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.getPosixFilePermissions(files.gpgKey())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readAllBytes(files.gpgKey())).isEqualTo(KEY);
            assertThat(Files.readString(files.gpgPassphrase())).isEqualTo("pass phrase\n");
            GpgSigning signing = files.signing("ABCD", tmp.resolve("ignored"));
            assertThat(signing.secretKeyFile()).isEqualTo(files.gpgKey());
            assertThat(signing.passphraseFile()).isEqualTo(files.gpgPassphrase());
            assertThat(signing.keyId()).isEqualTo("ABCD");
            assertThat(files.rsh()).isNull();
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void keyIdWithoutCredentialUsesTheAgentsKeyring() throws IOException {
        try (SecretFiles files = SecretFiles.write(tmp, SecretMaterial.none())) {
            assertThat(files.signing(null, null)).isNull();
            GpgSigning signing = files.signing("KEY", tmp.resolve("gnupg"));
            assertThat(signing.keyId()).isEqualTo("KEY");
            assertThat(signing.homedir()).isEqualTo(tmp.resolve("gnupg"));
            assertThat(signing.secretKeyFile()).isNull();
        }
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void sshKeyWithPassphraseGoesThroughAnAskpassProgramAndOnlyUnlocksTheKey() throws Exception {
        SecretMaterial material = SecretMaterial.none().withSsh("-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n",
                "ssh secret", "deploy").withSshKnownHosts("files.example.org ssh-ed25519 AAAAC3Nz\n");
        Path sshTmp = Files.createDirectories(tmp.resolve("agent-tmp"));
        try (SecretFiles files = SecretFiles.write(tmp.resolve("job it's@tmp"), sshTmp, material)) {
            String rsh = files.rsh();
            assertThat(rsh).startsWith("ssh -i " + sshTmp).contains("-o IdentitiesOnly=yes").contains("-o User=deploy")
                    .contains("-o PreferredAuthentications=publickey", "-o PasswordAuthentication=no",
                            "-o KbdInteractiveAuthentication=no", "-o StrictHostKeyChecking=yes",
                            "-o UserKnownHostsFile=" + sshTmp)
                    .doesNotContain("BatchMode").doesNotContain("ssh secret").doesNotContain("'");
            String askpass = files.environment().get("SSH_ASKPASS");
            assertThat(Files.readString(Path.of(askpass))).doesNotContain(sshTmp.toString());
            assertThat(files.environment()).containsEntry("SSH_ASKPASS_REQUIRE", "force");
            Process process = new ProcessBuilder(askpass, "Enter passphrase for key:").start();
            assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ssh secret\n");
            assertThat(process.waitFor()).isZero();
            assertThat(Files.readString(Path.of(rsh.split(" ")[2]))).endsWith("b3Blbn\n");
            String knownHosts = rsh.substring(rsh.indexOf("UserKnownHostsFile=") + 19).split(" ")[0];
            assertThat(Files.readString(Path.of(knownHosts))).isEqualTo("files.example.org ssh-ed25519 AAAAC3Nz\n");
        }
        assertThat(sshTmp).isEmptyDirectory();
    }

    @Test
    void sshKeyWithoutPassphraseRunsInBatchModeAndOddUserNamesAreLeftToTheDestination() throws IOException {
        SecretMaterial material = SecretMaterial.none().withSsh("KEY", null, "bad user; rm -rf /");
        try (SecretFiles files = SecretFiles.write(tmp, material)) {
            assertThat(files.rsh()).contains("-o BatchMode=yes").doesNotContain("User=");
            assertThat(files.environment()).isEmpty();
        }
    }

    @Test
    void materialNeverShowsItsValues() {
        SecretMaterial material = SecretMaterial.none().withGpg(KEY, "gpg-pass-value").withSsh("-----BEGIN-----\n"
                + "0123456789abcdef0123\n-----END-----\n", "ssh-pass-value", "u");
        assertThat(material.toString()).doesNotContain("gpg-pass-value").doesNotContain("ssh-pass-value")
                .doesNotContain("AAAA").doesNotContain("0123456789abcdef0123");
        assertThat(material.maskedValues()).containsExactly("gpg-pass-value", "ssh-pass-value", "0123456789abcdef0123");
        SecretMaterial gpg = SecretMaterial.none().withGpg(("-----BEGIN PGP PRIVATE KEY BLOCK-----\n"
                + "Comment: a header, not secret\n\nlQVYBGZ0c2VjcmV0a2V5bWF0ZXJpYWw=\n=abcd\n"
                + "-----END PGP PRIVATE KEY BLOCK-----\n").getBytes(StandardCharsets.UTF_8), null);
        assertThat(gpg.maskedValues()).containsExactly("lQVYBGZ0c2VjcmV0a2V5bWF0ZXJpYWw=");
    }
}
