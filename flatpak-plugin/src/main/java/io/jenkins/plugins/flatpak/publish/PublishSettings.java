package io.jenkins.plugins.flatpak.publish;

import static io.jenkins.plugins.flatpak.agent.WorkspacePaths.resolve;

import dev.nightly.flatpak.destination.Destinations;
import dev.nightly.flatpak.process.CommandRunner;
import dev.nightly.flatpak.process.Tools;
import dev.nightly.flatpak.publish.FlatpakPublisher;
import dev.nightly.flatpak.publish.PublishOptions;
import dev.nightly.flatpak.publish.Pruning;
import io.jenkins.plugins.flatpak.agent.SecretFiles;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The options of {@code flatpakPublish} in a form that travels to the agent, and their translation
 * into the engine's {@link PublishOptions}. No Jenkins types: what runs on the agent is testable
 * without one.
 */
public record PublishSettings(String repo, String dest, String url, int keep, int maxAgeDays, String title,
                              String comment, String homepage, String remoteName, String defaultBranch,
                              String runtimeRepo, boolean staticDeltas, boolean bundle, boolean verify, String workDir,
                              String rsh, String gpgKey, String gpgHomedir) implements Serializable {
    private static final long serialVersionUID = 1L;


    /** Whether {@link #dest()} is an rsync target ({@code [user@]host:/path}) rather than a directory. */
    public boolean remote() {
        return Destinations.isRemote(dest);
    }

    /** The destination as the engine takes it: a directory of the agent (relative ones in the workspace) or rsync's. */
    public String destination(Path workspace) {
        return remote() ? dest : resolve(workspace, dest).toString();
    }

    /** The engine's options: paths resolved, GPG key and remote shell from the step's secret files. */
    public PublishOptions options(Path workspace, SecretFiles secrets) {
        Pruning pruning = Pruning.keep(keep);
        if (maxAgeDays > 0) {
            pruning = pruning.olderThan(Duration.ofDays(maxAgeDays));
        }
        PublishOptions.Builder options = PublishOptions.builder(resolve(workspace, repo), destination(workspace), url)
                .pruning(pruning)
                .signing(secrets.signing(gpgKey, resolve(workspace, gpgHomedir)))
                .title(title)
                .comment(comment)
                .homepage(homepage)
                .defaultBranch(defaultBranch)
                .runtimeRepo(runtimeRepo)
                .staticDeltas(staticDeltas)
                .bundle(bundle)
                .rsh(rsh != null ? rsh : secrets.rsh())
                .workDir(resolve(workspace, workDir))
                .verify(verify);
        if (remoteName != null) {
            options.remoteName(remoteName);
        }
        return options.build();
    }

    /** Publishes with the engine; on the agent. */
    public PublishedRepo publish(Path workspace, CommandRunner runner, PrintStream log, SecretFiles secrets,
                                 Tools tools) {
        PublishOptions options = options(workspace, secrets);
        return PublishedRepo.of(new FlatpakPublisher(runner, log, tools, Clock.systemUTC()).publish(options), url,
                remote() ? null : options.destination());
    }
}
