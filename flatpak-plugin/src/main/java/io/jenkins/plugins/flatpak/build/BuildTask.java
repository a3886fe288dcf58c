package io.jenkins.plugins.flatpak.build;

import dev.nightly.flatpak.process.CommandRunner;
import dev.nightly.flatpak.process.Tools;
import hudson.model.TaskListener;
import io.jenkins.plugins.flatpak.agent.AgentTask;
import io.jenkins.plugins.flatpak.agent.SecretFiles;
import io.jenkins.plugins.flatpak.credentials.SecretMaterial;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** {@code flatpakBuild} on the agent: the engine's build with the step's {@link BuildSettings}. */
final class BuildTask extends AgentTask<BuiltApp> {
    private static final long serialVersionUID = 1L;

    private final BuildSettings settings;

    BuildTask(BuildSettings settings, TaskListener listener, Map<String, String> environment, Map<String, String> tools,
              SecretMaterial secrets, String secretParent) {
        super(listener, environment, tools, secrets, secretParent);
        this.settings = settings;
    }

    @Override
    protected BuiltApp run(Path workspace, CommandRunner runner, PrintStream log, SecretFiles secrets, Tools tools) {
        return settings.build(workspace, runner, log, secrets, tools);
    }
}
