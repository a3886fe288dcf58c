package io.jenkins.plugins.flatpak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import dev.nightly.flatpak.testkit.FlatpakTestEnvironment;
import dev.nightly.flatpak.testkit.HeadlessChromium;
import dev.nightly.flatpak.testkit.RequiresTools;
import dev.nightly.flatpak.testkit.SnippetGeneratorPage;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.util.Secret;
import io.jenkins.plugins.flatpak.action.FlatpakBuildAction;
import io.jenkins.plugins.flatpak.action.Publication;
import io.jenkins.plugins.flatpak.publish.PublishLocks;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Both steps in real Pipelines on a real agent (a second JVM, so everything crosses the remoting
 * channel as it would on a farm): flatpak-builder builds a tiny app on a runtime made of host binaries,
 * the publish signs with a passphrase-protected key from Jenkins credentials, and neither key nor
 * passphrase reaches the log. Where flatpak is not installed (some Jenkins CI agents), the "present"
 * tests are skipped by assumption; the "missing" tests run everywhere.
 */
@WithJenkins
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the steps need a Unix agent; on Windows they refuse to run")
class FlatpakPipelineTest {
    private static final String RUNTIME = "org.nightly.jenkins.Platform";
    private static final String SDK = "org.nightly.jenkins.Sdk";
    private static final String APP = "org.nightly.jenkins.Hello";
    private static final String PASSPHRASE = "jenkins plugin passphrase 0815";
    private static final String PUBLIC_URL = "https://nightly.example.invalid/hello";

    private static FlatpakTestEnvironment env;
    private static Path keyFile;
    private static String fingerprint;

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
        fingerprint = env.generateProtectedKeyFile("Jenkins Nightly Key", passphraseFile, keyFile);
    }

    @AfterAll
    static void removeFlatpakWorld() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    void buildsAndPublishesOnAnAgentWithSecretsMasked(JenkinsRule r) throws Exception {
        assumeTrue(env != null, "flatpak, flatpak-builder, ostree and gnupg are needed on this machine");
        DumbSlave agent = r.createOnlineSlave(Label.get("flatpak"));
        addGpgCredentials();
        Path manifest = FlatpakTestEnvironment.writeHelloApp(env.root().resolve("src"), APP, RUNTIME, SDK, "nightly");
        Path www = env.root().resolve("www");

        WorkflowJob job = r.createProject(WorkflowJob.class, "nightly");
        job.setDefinition(new CpsFlowDefinition("""
                node('flatpak') {
                  withEnv(%s) {
                    def app = flatpakBuild manifest: '%s', repo: 'repo', branch: 'nightly',
                                           subject: 'Nightly ${env.BUILD_NUMBER}',
                                           gpgCredentialsId: 'gpg-key', gpgPassphraseCredentialsId: 'gpg-pass'
                    echo "BUILT ${app.ref} ${app.commit}"
                    def pub = flatpakPublish repo: 'repo', dest: '%s', url: '%s', keep: 2, bundle: true,
                                             title: 'Hello Nightly',
                                             gpgCredentialsId: 'gpg-key', gpgPassphraseCredentialsId: 'gpg-pass'
                    echo "PUBLISHED ${pub.repoUrl} VERIFIED ${pub.verified}"
                  }
                }
                """.formatted(withEnvList(), manifest, www, PUBLIC_URL), true));

        WorkflowRun run = r.buildAndAssertSuccess(job);

        String log = JenkinsRule.getLog(run);
        assertThat(log).contains("BUILT app/" + APP + "/").contains("PUBLISHED " + PUBLIC_URL + "/repo/ VERIFIED true")
                .contains("flatpak-builder").contains("build-update-repo")
                .doesNotContain(PASSPHRASE);
        assertNoKeyMaterialIn(log);
        assertThat(log).as("the key is found by its fingerprint").contains(fingerprint);

        FlatpakBuildAction action = run.getAction(FlatpakBuildAction.class);
        assertThat(action).isNotNull();
        assertThat(action.getBuilds()).singleElement().satisfies(b -> assertThat(b.getRef()).startsWith("app/" + APP + "/"));
        Publication publication = action.getLastPublication();
        assertThat(publication.isVerified()).isTrue();
        assertThat(publication.getRepoUrl()).isEqualTo(PUBLIC_URL + "/repo/");
        assertThat(publication.getCommits()).hasSize(1);
        String ref = publication.getCommits().keySet().iterator().next();
        assertThat(ref).startsWith("app/" + APP + "/").endsWith("/nightly");
        assertThat(publication.getFlatpakrefs()).containsEntry(APP, PUBLIC_URL + "/" + APP + ".flatpakref");
        assertThat(publication.getBundleArtifacts()).containsExactly(APP + ".flatpak");
        assertThat(run.getArtifacts()).extracting(a -> a.relativePath).containsExactly(APP + ".flatpak");

        assertThat(www.resolve("repo/summary")).exists();
        assertThat(www.resolve("repo/summary.sig")).exists();
        assertThat(Files.readString(www.resolve(APP + ".flatpakref"))).contains("Url=" + PUBLIC_URL + "/repo/");
        assertThat(Files.readString(www.resolve("repo/refs/heads/" + ref))
                .strip()).isEqualTo(publication.getCommits().get(ref));

        File workspaceTmp = new File(agent.getRemoteFS(), "workspace/nightly@tmp");
        assertThat(workspaceTmp.list() == null ? new String[0] : workspaceTmp.list())
                .as("the private secrets directory is gone").noneMatch(name -> name.startsWith("flatpak-secrets"));

        JenkinsRule.WebClient web = r.createWebClient();
        web.getOptions().setJavaScriptEnabled(false);
        HtmlPage jobPage = web.getPage(job);
        assertThat(jobPage.asNormalizedText()).contains("Latest nightly Flatpak")
                .contains("flatpak install --user --from " + PUBLIC_URL + "/" + APP + ".flatpakref");
        HtmlPage buildPage = web.getPage(run);
        assertThat(buildPage.asNormalizedText()).contains("Published to " + www)
                .contains(publication.getShortCommits().get(ref)).contains(APP + ".flatpak");
        HtmlPage flatpakPage = web.getPage(run, "flatpak/");
        assertThat(flatpakPage.asNormalizedText()).contains(publication.getCommits().get(ref))
                .contains("read back and verified");
    }

    @Test
    void secondNightlyOnTopOfTheFirstKeepsBothAndTheJobShowsTheNewest(JenkinsRule r) throws Exception {
        assumeTrue(env != null, "flatpak, flatpak-builder, ostree and gnupg are needed on this machine");
        r.createOnlineSlave(Label.get("flatpak"));
        addGpgCredentials();
        Path manifest = FlatpakTestEnvironment.writeHelloApp(env.root().resolve("src2"), APP, RUNTIME, SDK, "again");
        Path www = env.root().resolve("www2");
        WorkflowJob job = r.createProject(WorkflowJob.class, "twice");
        job.setDefinition(new CpsFlowDefinition("""
                node('flatpak') {
                  withEnv(%s) {
                    flatpakBuild manifest: '%s', repo: 'repo', branch: 'nightly', gpgCredentialsId: 'gpg-key',
                                 gpgPassphraseCredentialsId: 'gpg-pass'
                    flatpakPublish repo: 'repo', dest: '%s', url: '%s', keep: 2, gpgCredentialsId: 'gpg-key',
                                   gpgPassphraseCredentialsId: 'gpg-pass'
                  }
                }
                """.formatted(withEnvList(), manifest, www, PUBLIC_URL), true));

        WorkflowRun first = r.buildAndAssertSuccess(job);
        // The next night's app differs: flatpak build-commit-from publishes no new commit for the same content.
        FlatpakTestEnvironment.writeHelloApp(env.root().resolve("src2"), APP, RUNTIME, SDK, "again, a night later");
        WorkflowRun second = r.buildAndAssertSuccess(job);

        String firstCommit = onlyCommit(first);
        String secondCommit = onlyCommit(second);
        assertThat(secondCommit).as("second build's log:%n%s", JenkinsRule.getLog(second)).isNotEqualTo(firstCommit);
        String ref = second.getAction(FlatpakBuildAction.class).getLastPublication().getCommits().keySet().iterator().next();
        assertThat(Files.readString(www.resolve("repo/refs/heads/" + ref)).strip()).isEqualTo(secondCommit);
        HtmlPage jobPage = r.createWebClient().withJavaScriptEnabled(false).getPage(job);
        assertThat(jobPage.asNormalizedText()).contains(secondCommit.substring(0, 12))
                .doesNotContain(firstCommit.substring(0, 12));
    }

    /**
     * The pages a person opens, in Debian's headless Chromium against this Jenkins (which enforces the
     * Content-Security-Policy): the job's "Latest nightly Flatpak" box, the build page and its Flatpak page,
     * and both steps' Snippet Generator forms. Anything in the browser console fails the test.
     */
    @Test
    @RequiresTools({"flatpak", "flatpak-builder", "ostree", "gpg", "chromium", "chromedriver"})
    void pagesAndFormsInARealBrowser(JenkinsRule r) throws Exception {
        r.createOnlineSlave(Label.get("flatpak"));
        addGpgCredentials();
        Path manifest = FlatpakTestEnvironment.writeHelloApp(env.root().resolve("src-browser"), APP, RUNTIME, SDK, "seen");
        Path www = env.root().resolve("www-browser");
        WorkflowJob job = r.createProject(WorkflowJob.class, "browser");
        job.setDefinition(new CpsFlowDefinition("""
                node('flatpak') {
                  withEnv(%s) {
                    flatpakBuild manifest: '%s', repo: 'repo', branch: 'nightly', gpgCredentialsId: 'gpg-key',
                                 gpgPassphraseCredentialsId: 'gpg-pass'
                    flatpakPublish repo: 'repo', dest: '%s', url: '%s', gpgCredentialsId: 'gpg-key',
                                   gpgPassphraseCredentialsId: 'gpg-pass'
                  }
                }
                """.formatted(withEnvList(), manifest, www, PUBLIC_URL), true));
        WorkflowRun run = r.buildAndAssertSuccess(job);
        String commit = onlyCommit(run);

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.driver().get(r.getURL() + job.getUrl());
            WebElement box = browser.await(d -> d.findElement(By.id("flatpak-nightly")));
            assertThat(box.getText()).contains("Latest nightly Flatpak", commit.substring(0, 12),
                    "flatpak install --user --from " + PUBLIC_URL + "/" + APP + ".flatpakref");
            assertThat(box.findElements(By.cssSelector(".jenkins-copy-button"))).hasSize(1);
            assertThat(box.findElement(By.cssSelector(".flatpak-nightly__install")).getCssValue("display")).isEqualTo("flex");
            assertThat(browser.consoleProblems()).as("console of the job page").isEmpty();

            browser.driver().get(r.getURL() + run.getUrl());
            assertThat(browser.await(d -> d.findElement(By.linkText("Published to " + www))).getAttribute("href"))
                    .endsWith(run.getUrl() + "flatpak/");
            browser.driver().get(r.getURL() + run.getUrl() + "flatpak/");
            assertThat(browser.await(d -> d.findElement(By.id("main-panel"))).getText())
                    .contains(commit, "read back and verified");
            assertThat(browser.consoleProblems()).as("console of the build pages").isEmpty();
            String pictures = System.getProperty("nightly.screenshots");
            if (pictures != null && !pictures.isBlank()) {
                // README's pictures (tools/screenshot-jenkins.sh): this build's page and the job's box.
                browser.screenshot(Path.of(pictures, "jenkins-flatpak-build.png"), 1400, 900);
                browser.driver().get(r.getURL() + job.getUrl());
                browser.await(d -> d.findElement(By.id("flatpak-nightly")));
                browser.screenshot(Path.of(pictures, "jenkins-flatpak-job.png"), 1400, 900);
            }

            String syntax = r.getURL() + job.getUrl() + "pipeline-syntax/";
            assertThat(SnippetGeneratorPage.generate(browser, syntax, "flatpakBuild",
                    Map.of("manifest", "org.example.App.json", "repo", "repo")))
                    .isEqualTo("flatpakBuild manifest: 'org.example.App.json', repo: 'repo'");
            assertThat(SnippetGeneratorPage.generate(browser, syntax, "flatpakPublish",
                    Map.of("repo", "repo", "dest", "/srv/www/nightly", "url", "https://example.org/nightly")))
                    .isEqualTo("flatpakPublish dest: '/srv/www/nightly', repo: 'repo', url: 'https://example.org/nightly'");
            assertThat(browser.consoleProblems()).as("console of the Snippet Generator").isEmpty();
        }
    }

    @Test
    void missingFlatpakBuilderFailsTheBuildStepWithAClearMessage(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave(Label.get("bare"));
        WorkflowJob job = r.createProject(WorkflowJob.class, "no-flatpak-build");
        job.setDefinition(new CpsFlowDefinition("""
                node('bare') {
                  withEnv(['PATH=/nonexistent/nightly-bin']) {
                    flatpakBuild manifest: 'org.example.App.json', repo: 'repo'
                  }
                }
                """, true));

        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("flatpakBuild: flatpak-builder, flatpak are not installed on agent '"
                + agent.getNodeName() + "' (searched PATH=/nonexistent/nightly-bin)", run);
        r.assertLogContains("Install flatpak-builder and flatpak there", run);
        assertThat(run.getAction(FlatpakBuildAction.class)).isNull();
    }

    @Test
    void missingFlatpakFailsThePublishStepBeforeReadingCredentials(JenkinsRule r) throws Exception {
        r.createOnlineSlave(Label.get("bare"));
        addGpgCredentialsFrom("-----BEGIN PGP PRIVATE KEY BLOCK-----\nnot really a key\n");
        WorkflowJob job = r.createProject(WorkflowJob.class, "no-flatpak-publish");
        job.setDefinition(new CpsFlowDefinition("""
                node('bare') {
                  withEnv(['PATH=/nonexistent/nightly-bin']) {
                    flatpakPublish repo: 'repo', dest: 'www', url: 'https://example.invalid/x',
                                   gpgCredentialsId: 'gpg-key', gpgPassphraseCredentialsId: 'gpg-pass'
                  }
                }
                """, true));

        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("flatpakPublish: flatpak, ostree, gpg, gpgconf, gpg-connect-agent are not installed", run);
        r.assertLogContains("Install flatpak and ostree and gnupg there", run);
        r.assertLogNotContains(PASSPHRASE, run);
    }

    @Test
    void sshKeyAndPassphraseOfAnRsyncDestinationNeverReachTheLog(JenkinsRule r) throws Exception {
        assumeTrue(env != null && installed("rsync", "ssh", "ssh-keygen"), "flatpak, rsync and openssh-client needed");
        DumbSlave agent = r.createOnlineSlave(Label.get("flatpak"));
        String sshPassphrase = "ssh passphrase never logged 42";
        Path sshKey = env.root().resolve("id_test");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", sshPassphrase, "-C", "test",
                "-f", sshKey.toString()).redirectErrorStream(true).start();
        assertThat(keygen.waitFor()).isZero();
        String privateKey = Files.readString(sshKey);
        SystemCredentialsProvider.getInstance().getCredentials().add(new BasicSSHUserPrivateKey(CredentialsScope.GLOBAL,
                "deploy", "nightly-deploy", new BasicSSHUserPrivateKey.DirectEntryPrivateKeySource(privateKey),
                sshPassphrase, "deploy key"));
        SystemCredentialsProvider.getInstance().save();
        // A repository with a ref in it: the publish gets as far as contacting the destination.
        Path manifest = FlatpakTestEnvironment.writeHelloApp(env.root().resolve("src3"), APP, RUNTIME, SDK, "ssh");
        WorkflowJob job = r.createProject(WorkflowJob.class, "rsync");
        job.setDefinition(new CpsFlowDefinition("""
                node('flatpak') {
                  withEnv(%s) {
                    flatpakBuild manifest: '%s', repo: 'repo'
                    flatpakPublish repo: 'repo', dest: 'nobody@127.0.0.1:/srv/flatpak/hello', url: '%s',
                                   sshCredentialsId: 'deploy'
                  }
                }
                """.formatted(withEnvList(), manifest, PUBLIC_URL), true));

        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

        String log = JenkinsRule.getLog(run);
        assertThat(log).contains("destination nobody@127.0.0.1:/srv/flatpak/hello is not reachable or not writable")
                .contains("IdentitiesOnly=yes")
                .doesNotContain(sshPassphrase);
        for (String line : privateKey.split("\n")) {
            if (!line.startsWith("-----") && line.length() > 16) {
                assertThat(log).doesNotContain(line);
            }
        }
        File workspaceTmp = new File(agent.getRemoteFS(), "workspace/rsync@tmp");
        assertThat(workspaceTmp.list() == null ? new String[0] : workspaceTmp.list())
                .noneMatch(name -> name.startsWith("flatpak-secrets"));
    }

    @Test
    void aPublishWaitsWhileAnotherPublishHoldsTheDestination(JenkinsRule r) throws Exception {
        assumeTrue(env != null, "flatpak, flatpak-builder, ostree and gnupg are needed on this machine");
        DumbSlave agent = r.createOnlineSlave(Label.get("flatpak"));
        Path manifest = FlatpakTestEnvironment.writeHelloApp(env.root().resolve("src4"), APP, RUNTIME, SDK, "locked");
        Path www = env.root().resolve("www-locked");
        WorkflowJob job = r.createProject(WorkflowJob.class, "waits");
        job.setDefinition(new CpsFlowDefinition("""
                node('flatpak') {
                  withEnv(%s) {
                    flatpakBuild manifest: '%s', repo: 'repo'
                    flatpakPublish repo: 'repo', dest: '%s', url: '%s'
                  }
                }
                """.formatted(withEnvList(), manifest, www, PUBLIC_URL), true));
        // Another job's publish to the same directory of the same agent holds the destination.
        String destination = PublishLocks.key(www.toString(), false, agent.getNodeName(), "/unused");

        WorkflowRun run;
        try (PublishLocks.Lease other = PublishLocks.acquire(destination, "other-job #3", System.out)) {
            run = job.scheduleBuild2(0).waitForStart();
            r.waitForMessage("Waiting for other-job #3 to finish publishing to the same destination", run);
            Thread.sleep(500);
            assertThat(run.isBuilding()).isTrue();
            assertThat(www.resolve("repo")).as("nothing published while the other publish runs").doesNotExist();
        }

        r.assertBuildStatusSuccess(r.waitForCompletion(run));
        assertThat(www.resolve("repo/summary")).exists();
    }

    private static boolean installed(String... programs) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(programs).allMatch(program -> Stream.of(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program))));
    }

    /** The isolating environment of the flatpak world as a Groovy list for {@code withEnv}. */
    private static String withEnvList() {
        return env.environment().entrySet().stream()
                .map(e -> "'" + e.getKey() + "=" + e.getValue() + "'")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static void addGpgCredentials() throws IOException {
        addGpgCredentialsFrom(Files.readString(keyFile));
    }

    private static void addGpgCredentialsFrom(String armoredKey) throws IOException {
        List<com.cloudbees.plugins.credentials.Credentials> credentials =
                SystemCredentialsProvider.getInstance().getCredentials();
        credentials.add(new FileCredentialsImpl(CredentialsScope.GLOBAL, "gpg-key", "nightly signing key",
                "signing-key.asc", SecretBytes.fromRawBytes(armoredKey.getBytes(StandardCharsets.UTF_8))));
        credentials.add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "gpg-pass", "its passphrase",
                Secret.fromString(PASSPHRASE)));
        SystemCredentialsProvider.getInstance().save();
    }

    private static void assertNoKeyMaterialIn(String log) throws IOException {
        for (String line : Files.readAllLines(keyFile)) {
            if (!line.startsWith("-----") && line.length() > 16) {
                assertThat(log).doesNotContain(line);
            }
        }
    }

    private static String onlyCommit(WorkflowRun run) {
        Map<String, String> commits = run.getAction(FlatpakBuildAction.class).getLastPublication().getCommits();
        assertThat(commits).hasSize(1);
        return commits.values().iterator().next();
    }
}
