package io.jenkins.plugins.flatpak.publish;

import dev.nightly.flatpak.destination.Destinations;
import dev.nightly.flatpak.process.CommandRunner;
import dev.nightly.flatpak.process.Tools;
import dev.nightly.flatpak.publish.FlatpakPublisher;
import dev.nightly.flatpak.publish.PublishOptions;
import dev.nightly.flatpak.publish.Pruning;
import hudson.model.TaskListener;
import io.jenkins.plugins.flatpak.agent.AgentTask;
import io.jenkins.plugins.flatpak.agent.SecretFiles;
import io.jenkins.plugins.flatpak.credentials.SecretMaterial;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** {@code flatpakPublish} on the agent: the engine's {@link FlatpakPublisher} with the step's options. */
final class PublishTask extends AgentTask<PublishedRepo> {
    private static final long serialVersionUID = 1L;

    private final Settings settings;

    PublishTask(Settings settings, TaskListener listener, Map<String, String> environment, Map<String, String> tools,
                SecretMaterial secrets, String secretParent) {
        super(listener, environment, tools, secrets, secretParent);
        this.settings = settings;
    }

    @Override
    protected PublishedRepo run(Path workspace, CommandRunner runner, PrintStream log, SecretFiles secrets,
                                Tools tools) {
        boolean remote = Destinations.isRemote(settings.dest());
        // A local destination is a directory of this agent; relative ones are in the workspace.
        String destination = remote ? settings.dest() : resolve(workspace, settings.dest()).toString();
        Pruning pruning = Pruning.keep(settings.keep());
        if (settings.maxAgeDays() > 0) {
            pruning = pruning.olderThan(Duration.ofDays(settings.maxAgeDays()));
        }
        String rsh = settings.rsh() != null ? settings.rsh() : secrets.rsh();
        PublishOptions.Builder options = PublishOptions.builder(resolve(workspace, settings.repo()), destination,
                        settings.url())
                .pruning(pruning)
                .signing(secrets.signing(settings.gpgKey(), resolve(workspace, settings.gpgHomedir())))
                .title(settings.title())
                .comment(settings.comment())
                .homepage(settings.homepage())
                .defaultBranch(settings.defaultBranch())
                .runtimeRepo(settings.runtimeRepo())
                .staticDeltas(settings.staticDeltas())
                .bundle(settings.bundle())
                .rsh(rsh)
                .workDir(resolve(workspace, settings.workDir()))
                .verify(settings.verify());
        if (settings.remoteName() != null) {
            options.remoteName(settings.remoteName());
        }
        return PublishedRepo.of(new FlatpakPublisher(runner, log, tools, Clock.systemUTC()).publish(options.build()),
                settings.url(), remote ? null : destination);
    }

    /** The step's options, in a form that travels to the agent. */
    record Settings(String repo, String dest, String url, int keep, int maxAgeDays, String title, String comment,
                    String homepage, String remoteName, String defaultBranch, String runtimeRepo,
                    boolean staticDeltas, boolean bundle, boolean verify, String workDir, String rsh,
                    String gpgKey, String gpgHomedir) implements java.io.Serializable {
    }
}
