package dev.nightly.flatpak.publish;

import dev.nightly.flatpak.testkit.RequiresTools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.flatpak.FlatpakFailureException;
import dev.nightly.flatpak.SharedWorld;
import dev.nightly.flatpak.TestLog;
import dev.nightly.flatpak.build.BuildOptions;
import dev.nightly.flatpak.build.BuildResult;
import dev.nightly.flatpak.build.FlatpakBuild;
import dev.nightly.flatpak.gpg.GpgSigning;
import dev.nightly.flatpak.testkit.FlatpakTestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A passphrase-protected armored secret key file: imported into a throw-away homedir, the passphrase
 * handed to that homedir's agent through a private file; neither key material nor passphrase reaches
 * the log or an exception, and the homedir and its agent are gone afterwards.
 */
@RequiresTools({"flatpak", "flatpak-builder", "ostree", "gpg"})
@ExtendWith(SharedWorld.class)
class SecretsTest {
    private static final String RUNTIME = SharedWorld.RUNTIME;
    private static final String SDK = SharedWorld.SDK;
    private static final String APP = "org.nightly.sec.Hello";
    private static final String PASSPHRASE = "correct horse battery staple 4711";
    private static final Pattern TEMP_HOMEDIR = Pattern.compile("/tmp/nfg[0-9]+");

    private static FlatpakTestEnvironment env;
    private static Path keyFile;
    private static Path passphraseFile;
    private static String fingerprint;
    private static Path work;

    @BeforeAll
    static void createProtectedKey() throws IOException {
        env = SharedWorld.world().env();
        work = Files.createDirectories(env.root().resolve("secrets"));
        passphraseFile = work.resolve("passphrase");
        Files.writeString(passphraseFile, PASSPHRASE + "\n");
        keyFile = work.resolve("signing-key.asc");
        fingerprint = env.generateProtectedKeyFile("Protected Key", passphraseFile, keyFile);
    }

    @Test
    void buildsAndPublishesWithAProtectedKeyFileWithoutLeakingIt() throws IOException {
        TestLog log = new TestLog();
        Path manifest = FlatpakTestEnvironment.writeHelloApp(work.resolve("src"), APP, RUNTIME, SDK, "secret");
        GpgSigning signing = GpgSigning.secretKeyFile(keyFile, passphraseFile);
        BuildResult build = new FlatpakBuild(env.runner(log.stream()), log.stream()).build(
                BuildOptions.builder(manifest, work.resolve("repo")).branch("nightly").signing(signing).build());
        Path dest = work.resolve("www");
        PublishResult result = new FlatpakPublisher(env.runner(log.stream()), log.stream()).publish(
                PublishOptions.builder(work.resolve("repo"), dest.toString(), "https://example.org/nightly")
                        .keep(3).signing(signing).build());

        assertThat(result.verified()).as("summary and commit verified with the key's public part").isTrue();
        assertThat(Files.readString(dest.resolve(APP + ".flatpakref"))).contains("Url=https://example.org/nightly/repo/\n");
        assertThat(build.commit()).isNotBlank();
        assertNoSecretsIn(log.text());
        assertThat(log.text()).contains(fingerprint);
        assertTemporaryHomedirsGone(log.text());
    }

    @Test
    void wrongPassphraseFailsWithoutLeakingIt() throws IOException {
        TestLog log = new TestLog();
        Path wrong = work.resolve("wrong-passphrase");
        Files.writeString(wrong, "not the passphrase 0815\n");
        Path dest = work.resolve("www-wrong");
        Path manifest = FlatpakTestEnvironment.writeHelloApp(work.resolve("src2"), APP, RUNTIME, SDK, "x");
        assertThatThrownBy(() -> new FlatpakBuild(env.runner(log.stream()), log.stream()).build(
                BuildOptions.builder(manifest, work.resolve("repo2"))
                        .signing(GpgSigning.secretKeyFile(keyFile, wrong)).build()))
                .isInstanceOf(FlatpakFailureException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("0815").doesNotContain(PASSPHRASE));
        assertNoSecretsIn(log.text());
        assertThat(log.text()).doesNotContain("0815");
        assertTemporaryHomedirsGone(log.text());
        assertThat(dest).doesNotExist();
    }

    private static void assertNoSecretsIn(String text) throws IOException {
        assertThat(text).doesNotContain(PASSPHRASE);
        List<String> keyLines = Files.readAllLines(keyFile).stream()
                .filter(l -> l.length() > 20 && !l.startsWith("-----")).toList();
        assertThat(keyLines).isNotEmpty();
        for (String line : keyLines) {
            assertThat(text).doesNotContain(line);
        }
    }

    /** The temporary homedirs named in the log are deleted and no gpg-agent serves them any more. */
    private static void assertTemporaryHomedirsGone(String log) throws IOException {
        Set<String> homedirs = TEMP_HOMEDIR.matcher(log).results().map(m -> m.group()).collect(Collectors.toSet());
        assertThat(homedirs).isNotEmpty();
        for (String homedir : homedirs) {
            assertThat(Path.of(homedir)).doesNotExist();
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            List<String> agents = processes.filter(p -> p.getFileName().toString().matches("[0-9]+"))
                    .map(p -> {
                        try {
                            return new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                        } catch (IOException e) {
                            return "";
                        }
                    })
                    .filter(cmd -> cmd.contains("gpg-agent") && homedirs.stream().anyMatch(cmd::contains))
                    .toList();
            assertThat(agents).isEmpty();
        }
    }

}
