package dev.nightly.cli.flatpak;

import dev.nightly.flatpak.FlatpakFailureException;
import dev.nightly.flatpak.build.BuildOptions;
import dev.nightly.flatpak.build.BuildResult;
import dev.nightly.flatpak.build.FlatpakBuild;
import dev.nightly.flatpak.build.FuseMode;
import dev.nightly.flatpak.process.JdkCommandRunner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nightly flatpak build}: flatpak-builder into a repository, signed. */
@Command(name = "build",
        mixinStandardHelpOptions = true,
        description = {"Build a Flatpak application with flatpak-builder and export it, signed, into an OSTree repository.",
                "The commands run and their output go to standard error; the exported ref and commit to standard output."})
public final class FlatpakBuildCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--manifest", required = true, paramLabel = "FILE", description = "flatpak-builder manifest (JSON or YAML).")
    Path manifest;

    @Option(names = "--repo", required = true, paramLabel = "DIR", description = "OSTree repository to export to (created if missing).")
    Path repo;

    @Option(names = "--branch", paramLabel = "B", description = "Default branch when the manifest sets none, e.g. nightly.")
    String branch;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "flatpak-builder state dir (default: .flatpak-builder next to the manifest).")
    Path stateDir;

    @Option(names = "--build-dir", paramLabel = "DIR",
            description = "Build directory, on the state dir's file system (default: STATE-DIR/build-dir).")
    Path buildDir;

    @Option(names = "--subject", paramLabel = "TEXT", description = "Commit subject, e.g. source commit and date.")
    String subject;

    @Option(names = "--body", paramLabel = "TEXT", description = "Commit body.")
    String body;

    @Option(names = "--install-deps-from", paramLabel = "REMOTE",
            description = "Install the runtime and SDK from this remote into the user installation first.")
    String installDepsFrom;

    @Option(names = "--ccache", description = "Use ccache.")
    boolean ccache;

    @Option(names = "--rofiles-fuse", paramLabel = "MODE", defaultValue = "AUTO",
            description = "auto (use it if FUSE works here), enabled or disabled. Default: ${DEFAULT-VALUE}.")
    FuseMode fuse;

    @Mixin
    GpgOptions gpg;

    @Override
    public Integer call() {
        BuildOptions options = BuildOptions.builder(manifest, repo).stateDir(stateDir).buildDir(buildDir).branch(branch)
                .subject(subject).body(body).signing(gpg.signing()).installDepsFrom(installDepsFrom).ccache(ccache)
                .fuse(fuse).build();
        try {
            BuildResult result = new FlatpakBuild(new JdkCommandRunner(System.err), System.err).build(options);
            spec.commandLine().getOut().println("built " + result.ref() + " " + result.commit() + " in " + result.repo());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (FlatpakFailureException e) {
            return Failures.report(spec, "build", e);
        }
    }
}
