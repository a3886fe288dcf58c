package io.jenkins.plugins.flatpak.publish;

import dev.nightly.flatpak.process.CommandRunner;
import dev.nightly.flatpak.process.Tools;
import hudson.model.TaskListener;
import io.jenkins.plugins.flatpak.agent.AgentTask;
import io.jenkins.plugins.flatpak.agent.SecretFiles;
import io.jenkins.plugins.flatpak.credentials.SecretMaterial;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** {@code flatpakPublish} on the agent: the engine's publish with the step's {@link PublishSettings}. */
final class PublishTask extends AgentTask<PublishedRepo> {
    private static final long serialVersionUID = 1L;

    private final PublishSettings settings;

    PublishTask(PublishSettings settings, TaskListener listener, Map<String, String> environment,
                Map<String, String> tools, SecretMaterial secrets, String secretParent) {
        super(listener, environment, tools, secrets, secretParent);
        this.settings = settings;
    }

    @Override
    protected PublishedRepo run(Path workspace, CommandRunner runner, PrintStream log, SecretFiles secrets,
                                Tools tools) {
        return settings.publish(workspace, runner, log, secrets, tools);
    }
}
