package io.jenkins.plugins.flatpak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nightly.flatpak.build.FuseMode;
import dev.nightly.flatpak.process.Tools;
import dev.nightly.flatpak.publish.PublishOptions;
import dev.nightly.flatpak.testkit.FlatpakTestEnvironment;
import io.jenkins.plugins.flatpak.agent.MaskingOutputStream;
import io.jenkins.plugins.flatpak.agent.SecretFiles;
import io.jenkins.plugins.flatpak.build.BuildSettings;
import io.jenkins.plugins.flatpak.build.BuiltApp;
import io.jenkins.plugins.flatpak.credentials.SecretMaterial;
import io.jenkins.plugins.flatpak.publish.PublishSettings;
import io.jenkins.plugins.flatpak.publish.PublishedRepo;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the agent task does once it is on the agent, without Jenkins around it: the steps' settings
 * mapped onto the engine (paths relative to the workspace, the key and passphrase from the step's
 * secret files), a real flatpak-builder build and a real signed publish with a bundle, the log passed
 * through the masking stream. The Pipeline tests ({@link FlatpakPipelineTest}) do the same through
 * Jenkins on an agent; this one also runs where no Jenkins test harness can.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "flatpak runs on Linux")
class AgentSideEngineTest {
    private static final String RUNTIME = "org.nightly.agent.Platform";
    private static final String SDK = "org.nightly.agent.Sdk";
    private static final String APP = "org.nightly.agent.Hello";
    private static final String PASSPHRASE = "agent side passphrase 2718";
    private static final String URL = "https://nightly.example.invalid/agent";

    private static FlatpakTestEnvironment env;
    private static Path keyFile;
    private static String fingerprint;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makeFlatpakWorld() throws IOException {
        if (!installed("flatpak", "flatpak-builder", "ostree", "gpg", "gpgconf", "gpg-connect-agent")) {
            return;
        }
        env = FlatpakTestEnvironment.create();
        env.installTinyRuntime(RUNTIME, SDK, env.generateKey("Runtime Key"));
        Path passphraseFile = env.root().resolve("passphrase");
        Files.writeString(passphraseFile, PASSPHRASE + "\n");
        keyFile = env.root().resolve("signing-key.asc");
        fingerprint = env.generateProtectedKeyFile("Agent Side Key", passphraseFile, keyFile);
    }

    @AfterAll
    static void removeFlatpakWorld() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void buildsAndPublishesWithTheStepSettingsAndSecretFiles() throws IOException {
        assumeTrue(env != null, "flatpak, flatpak-builder, ostree and gnupg are needed on this machine");
        Path workspace = Files.createDirectories(tmp.resolve("ws"));
        Path manifest = FlatpakTestEnvironment.writeHelloApp(workspace.resolve("src"), APP, RUNTIME, SDK, "agent");
        SecretMaterial material = SecretMaterial.none().withGpg(Files.readAllBytes(keyFile), PASSPHRASE);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        BuiltApp app;
        PublishedRepo published;
        Path secretsDir;
        try (PrintStream log = new PrintStream(new MaskingOutputStream(sink, material.maskedValues()), true,
                StandardCharsets.UTF_8);
             SecretFiles secrets = SecretFiles.write(tmp.resolve("ws@tmp"), material)) {
            secretsDir = secrets.gpgKey().getParent();
            BuildSettings build = new BuildSettings("src/" + APP + ".json", "repo", null, null, "nightly",
                    "Nightly 1", null, null, false, FuseMode.AUTO, new ArrayList<>(), null, null);
            app = build.build(workspace, env.runner(log), log, secrets, Tools.defaults());
            PublishSettings publish = new PublishSettings("repo", "www", URL, 2, 0, "Agent Hello", null, null, null,
                    null, null, true, true, true, null, null, null, null);
            published = publish.publish(workspace, env.runner(log), log, secrets, Tools.defaults());
        }
        String text = sink.toString(StandardCharsets.UTF_8);

        assertThat(manifest).exists();
        assertThat(app.ref()).isEqualTo("app/" + APP + "/" + app.arch() + "/nightly");
        assertThat(app.repo()).isEqualTo(workspace.resolve("repo").toString());
        assertThat(published.verified()).isTrue();
        assertThat(published.localWebRoot()).isEqualTo(workspace.resolve("www").toString());
        assertThat(published.commits()).containsOnlyKeys(app.ref());
        assertThat(published.bundles()).containsExactly(APP + ".flatpak");
        assertThat(workspace.resolve("www").resolve(APP + ".flatpak")).as("bundle left for archiving").isNotEmptyFile();
        assertThat(published.toStepResult()).containsEntry("flatpakrefUrls", List.of(URL + "/" + APP + ".flatpakref"))
                .containsEntry("repoUrl", URL + "/repo/");
        assertThat(workspace.resolve("www/repo/summary.sig")).as("signed summary").exists();
        assertThat(Files.readString(workspace.resolve("www/repo/refs/heads/" + app.ref())).strip())
                .isEqualTo(published.commits().get(app.ref()));

        assertThat(text).contains(fingerprint).contains("flatpak-builder").doesNotContain(PASSPHRASE);
        for (String line : Files.readAllLines(keyFile)) {
            if (!line.startsWith("-----") && line.length() > 16) {
                assertThat(text).doesNotContain(line);
            }
        }
        assertThat(secretsDir).as("secret files removed").doesNotExist();
    }

    @Test
    void publishSettingsMapOntoTheEngine() throws IOException {
        Path workspace = tmp.resolve("ws");
        SecretMaterial ssh = SecretMaterial.none().withSsh("-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n", null, "deploy");
        try (SecretFiles secrets = SecretFiles.write(tmp.resolve("ws@tmp"), ssh)) {
            PublishOptions remote = new PublishSettings("out/repo", "web.example.org:/srv/x", URL, 5, 30, null, null,
                    null, "kube-nightly", null, null, false, false, true, "stage", null, null, null)
                    .options(workspace, secrets);
            assertThat(remote.repo()).isEqualTo(workspace.resolve("out/repo"));
            assertThat(remote.destination()).isEqualTo("web.example.org:/srv/x");
            assertThat(remote.rsh()).isEqualTo(secrets.rsh()).contains("-o User=deploy");
            assertThat(remote.pruning().keep()).isEqualTo(5);
            assertThat(remote.pruning().maxAge()).isEqualTo(Duration.ofDays(30));
            assertThat(remote.remoteName()).isEqualTo("kube-nightly");
            assertThat(remote.workDir()).isEqualTo(workspace.resolve("stage"));
            assertThat(remote.staticDeltas()).isFalse();
            assertThat(remote.signing()).isNull();

            PublishOptions local = new PublishSettings("repo", "/srv/www/../www/kube", URL, 20, 0, null, null, null,
                    null, null, null, true, false, true, null, "ssh -p 2222", "KEYID", "gnupg")
                    .options(workspace, secrets);
            assertThat(local.destination()).isEqualTo("/srv/www/kube");
            assertThat(local.rsh()).as("an explicit rsh wins").isEqualTo("ssh -p 2222");
            assertThat(local.remoteName()).isEqualTo("nightly");
            assertThat(local.pruning().maxAge()).isNull();
            assertThat(local.signing().keyId()).isEqualTo("KEYID");
            assertThat(local.signing().homedir()).isEqualTo(workspace.resolve("gnupg"));
        }
    }

    private static boolean installed(String... programs) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(programs).allMatch(program -> Stream.of(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program))));
    }
}
