package dev.nightly.flatpak.build;

import dev.nightly.flatpak.FlatpakFailureException;
import dev.nightly.flatpak.FlatpakInputException;
import dev.nightly.flatpak.gpg.GpgSession;
import dev.nightly.flatpak.process.Command;
import dev.nightly.flatpak.process.CommandExecutor;
import dev.nightly.flatpak.process.CommandRunner;
import dev.nightly.flatpak.process.Tools;
import dev.nightly.flatpak.repo.OstreeRepo;
import dev.nightly.flatpak.repo.Ref;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Builds an application with flatpak-builder and exports it, signed, into an OSTree repository.
 *
 * <pre>{@code
 * BuildResult result = new FlatpakBuild(runner, System.err)
 *         .build(BuildOptions.builder(manifest, repo).branch("nightly").signing(GpgSigning.key(id, home)).build());
 * }</pre>
 */
public final class FlatpakBuild {
    private final CommandExecutor executor;
    private final Tools tools;
    private final Clock clock;

    public FlatpakBuild(CommandRunner runner, PrintStream log) {
        this(runner, log, Tools.defaults(), Clock.systemUTC());
    }

    public FlatpakBuild(CommandRunner runner, PrintStream log, Tools tools, Clock clock) {
        this.executor = new CommandExecutor(runner, log);
        this.tools = tools;
        this.clock = clock;
    }

    /**
     * Validates the input, runs flatpak-builder and returns the exported ref and commit.
     *
     * @throws FlatpakInputException   on a missing or invalid manifest, unknown key, missing tool
     * @throws FlatpakFailureException when flatpak-builder fails
     */
    public BuildResult build(BuildOptions options) {
        Manifest manifest = Manifest.read(options.manifest());
        executor.requirePrograms(tools.flatpakBuilder(), tools.flatpak(), tools.ostree());
        if (options.signing() != null) {
            executor.requirePrograms(tools.gpg());
        }
        Path manifestPath = options.manifest().toAbsolutePath().normalize();
        Path repo = options.repo().toAbsolutePath().normalize();
        if (Files.exists(repo) && !Files.isDirectory(repo)) {
            throw new FlatpakInputException("repository " + repo + " exists and is not a directory");
        }
        Path stateDir = options.stateDir() != null ? options.stateDir().toAbsolutePath().normalize()
                : manifestPath.getParent().resolve(".flatpak-builder");
        Path buildDir = options.buildDir() != null ? options.buildDir().toAbsolutePath().normalize()
                : stateDir.resolve("build-dir");
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new FlatpakInputException("state dir " + stateDir + " cannot be created: " + e.getMessage());
        }
        // ostree creates the repository folder itself, but not its parents: a fresh Jenkins workspace
        // (node {} creates none until a step writes to it) failed the export with "mkdirat: No such file".
        Path repoParent = repo.toAbsolutePath().normalize().getParent();
        try {
            if (repoParent != null) {
                Files.createDirectories(repoParent);
            }
        } catch (IOException e) {
            throw new FlatpakInputException("the folder of repo " + repo + " cannot be created: " + e.getMessage());
        }
        if (options.signing() == null) {
            return run(options, manifest, manifestPath, repo, stateDir, buildDir, null);
        }
        try (GpgSession gpg = GpgSession.open(options.signing(), executor, tools)) {
            return run(options, manifest, manifestPath, repo, stateDir, buildDir, gpg);
        }
    }

    private BuildResult run(BuildOptions options, Manifest manifest, Path manifestPath, Path repo, Path stateDir,
                            Path buildDir, GpgSession gpg) {
        executor.run(command(options, manifestPath, repo, stateDir, buildDir, gpg));
        String branch = manifest.branch().orElse(options.branch() == null ? "master" : options.branch());
        OstreeRepo ostree = new OstreeRepo(repo, executor, tools);
        Ref ref = ostree.flatpakRefs().stream()
                .filter(r -> r.isApp() && r.id().equals(manifest.appId()) && r.branch().equals(branch))
                .findFirst()
                .orElseThrow(() -> new FlatpakFailureException("flatpak-builder exported no ref app/"
                        + manifest.appId() + "/*/" + branch + " to " + repo));
        return new BuildResult(repo, ref, ostree.commit(ref.toString()));
    }

    /** The flatpak-builder command line for these options (exposed for tests and dry runs). */
    Command command(BuildOptions options, Path manifest, Path repo, Path stateDir, Path buildDir, GpgSession gpg) {
        Command.Builder command = Command.of(tools.flatpakBuilder())
                .arg("--force-clean")
                .option("--state-dir", stateDir)
                .option("--default-branch", options.branch())
                .option("--repo", repo)
                .option("--subject", options.subject() != null ? options.subject() : defaultSubject(manifest));
        if (options.body() != null) {
            command.option("--body", options.body());
        }
        if (options.fuse().disable()) {
            command.arg("--disable-rofiles-fuse");
        }
        if (options.ccache()) {
            command.arg("--ccache");
        }
        if (options.installDepsFrom() != null) {
            command.arg("--user").option("--install-deps-from", options.installDepsFrom());
        }
        if (gpg != null) {
            command.args(gpg.signingOptions());
        }
        command.args(options.extraArguments());
        return command.arg(buildDir.toString()).arg(manifest.toString())
                .workingDirectory(manifest.getParent())
                .build();
    }

    private String defaultSubject(Path manifest) {
        return "Nightly build of " + manifest.getFileName() + " at "
                + DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

}
