package io.jenkins.plugins.flatpak.build;

import dev.nightly.flatpak.build.BuildOptions;
import dev.nightly.flatpak.build.FlatpakBuild;
import dev.nightly.flatpak.build.FuseMode;
import dev.nightly.flatpak.process.CommandRunner;
import dev.nightly.flatpak.process.Tools;
import hudson.model.TaskListener;
import io.jenkins.plugins.flatpak.agent.AgentTask;
import io.jenkins.plugins.flatpak.agent.SecretFiles;
import io.jenkins.plugins.flatpak.credentials.SecretMaterial;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;

/** {@code flatpakBuild} on the agent: the engine's {@link FlatpakBuild} with the step's options. */
final class BuildTask extends AgentTask<BuiltApp> {
    private static final long serialVersionUID = 1L;

    private final Settings settings;

    BuildTask(Settings settings, TaskListener listener, Map<String, String> environment, Map<String, String> tools,
              SecretMaterial secrets, String secretParent) {
        super(listener, environment, tools, secrets, secretParent);
        this.settings = settings;
    }

    @Override
    protected BuiltApp run(Path workspace, CommandRunner runner, PrintStream log, SecretFiles secrets, Tools tools) {
        BuildOptions.Builder options = BuildOptions.builder(resolve(workspace, settings.manifest()),
                        resolve(workspace, settings.repo()))
                .stateDir(resolve(workspace, settings.stateDir()))
                .buildDir(resolve(workspace, settings.buildDir()))
                .branch(settings.branch())
                .subject(settings.subject())
                .body(settings.body())
                .installDepsFrom(settings.installDepsFrom())
                .ccache(settings.ccache())
                .fuse(settings.fuse())
                .extraArguments(settings.extraArguments());
        options.signing(secrets.signing(settings.gpgKey(), resolve(workspace, settings.gpgHomedir())));
        return BuiltApp.of(new FlatpakBuild(runner, log, tools, Clock.systemUTC()).build(options.build()));
    }

    /** The step's options, in a form that travels to the agent. */
    record Settings(String manifest, String repo, String stateDir, String buildDir, String branch, String subject,
                    String body, String installDepsFrom, boolean ccache, FuseMode fuse, ArrayList<String> extraArguments,
                    String gpgKey, String gpgHomedir) implements java.io.Serializable {
        Settings {
            extraArguments = new ArrayList<>(extraArguments);
        }
    }
}
