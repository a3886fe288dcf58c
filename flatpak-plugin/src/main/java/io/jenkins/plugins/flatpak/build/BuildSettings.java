package io.jenkins.plugins.flatpak.build;

import static io.jenkins.plugins.flatpak.agent.WorkspacePaths.resolve;

import dev.nightly.flatpak.build.BuildOptions;
import dev.nightly.flatpak.build.FlatpakBuild;
import dev.nightly.flatpak.build.FuseMode;
import dev.nightly.flatpak.process.CommandRunner;
import dev.nightly.flatpak.process.Tools;
import io.jenkins.plugins.flatpak.agent.SecretFiles;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;

/**
 * The options of {@code flatpakBuild} in a form that travels to the agent, and their translation into
 * the engine's {@link BuildOptions}. No Jenkins types: what runs on the agent is testable without one.
 */
public record BuildSettings(String manifest, String repo, String stateDir, String buildDir, String branch,
                            String subject, String body, String installDepsFrom, boolean ccache, FuseMode fuse,
                            ArrayList<String> extraArguments, String gpgKey, String gpgHomedir)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public BuildSettings {
        extraArguments = new ArrayList<>(extraArguments);
    }

    /** The engine's options: workspace-relative paths resolved, the GPG key from the step's secret files. */
    public BuildOptions options(Path workspace, SecretFiles secrets) {
        return BuildOptions.builder(resolve(workspace, manifest), resolve(workspace, repo))
                .stateDir(resolve(workspace, stateDir))
                .buildDir(resolve(workspace, buildDir))
                .branch(branch)
                .subject(subject)
                .body(body)
                .installDepsFrom(installDepsFrom)
                .ccache(ccache)
                .fuse(fuse)
                .extraArguments(extraArguments)
                .signing(secrets.signing(gpgKey, resolve(workspace, gpgHomedir)))
                .build();
    }

    /** Builds with the engine; on the agent. */
    public BuiltApp build(Path workspace, CommandRunner runner, PrintStream log, SecretFiles secrets, Tools tools) {
        return BuiltApp.of(new FlatpakBuild(runner, log, tools, Clock.systemUTC()).build(options(workspace, secrets)));
    }
}
