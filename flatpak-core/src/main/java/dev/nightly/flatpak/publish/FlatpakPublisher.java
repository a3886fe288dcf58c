package dev.nightly.flatpak.publish;

import dev.nightly.flatpak.FlatpakFailureException;
import dev.nightly.flatpak.FlatpakInputException;
import dev.nightly.flatpak.destination.Destination;
import dev.nightly.flatpak.destination.DestinationLock;
import dev.nightly.flatpak.destination.Destinations;
import dev.nightly.flatpak.destination.SummaryLayout;
import dev.nightly.flatpak.destination.SyncPlan;
import dev.nightly.flatpak.files.FileTrees;
import dev.nightly.flatpak.files.TempDirs;
import dev.nightly.flatpak.gpg.GpgSession;
import dev.nightly.flatpak.process.Command;
import dev.nightly.flatpak.process.CommandExecutor;
import dev.nightly.flatpak.process.CommandRunner;
import dev.nightly.flatpak.process.Tools;
import dev.nightly.flatpak.repo.FlatpakRefFile;
import dev.nightly.flatpak.repo.FlatpakRepoFile;
import dev.nightly.flatpak.repo.OstreeRepo;
import dev.nightly.flatpak.repo.Ref;
import dev.nightly.flatpak.verify.PublishVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Publishes the refs of a build repository into a web root, atomically for its clients:
 * <ol>
 * <li>check the input (repository, URL, key, destination) before anything changes;</li>
 * <li>take the destination's lock, so concurrent publishers serialize and all their commits survive;</li>
 * <li>stage: copy the published repository, add a new commit per ref on top of the published history
 *     ({@code flatpak build-commit-from}, signed), prune by age, then {@code flatpak build-update-repo}
 *     (title, static deltas, signed summary, keep N commits per ref), write the .flatpakref per app,
 *     the .flatpakrepo and optional bundles;</li>
 * <li>sync to the destination in the safe order of {@link SyncPlan};</li>
 * <li>verify the published repository as a client would see it.</li>
 * </ol>
 */
public final class FlatpakPublisher {
    private static final Pattern REMOTE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** Staging copies in the temp dir: {@code nightly-publish-<random>}, owner-only, locked while in use. */
    public static final String STAGING_PREFIX = "nightly-publish-";

    private final CommandExecutor executor;
    private final Tools tools;
    private final Clock clock;

    public FlatpakPublisher(CommandRunner runner, PrintStream log) {
        this(runner, log, Tools.defaults(), Clock.systemUTC());
    }

    public FlatpakPublisher(CommandRunner runner, PrintStream log, Tools tools, Clock clock) {
        this.executor = new CommandExecutor(runner, log);
        this.tools = tools;
        this.clock = clock;
    }

    /**
     * Publishes; see the class comment for the steps.
     *
     * @throws FlatpakInputException   on bad input; the destination is untouched
     * @throws FlatpakFailureException if a step or the verification fails
     */
    public PublishResult publish(PublishOptions options) {
        removeLeftovers();
        Path source = options.repo().toAbsolutePath().normalize();
        OstreeRepo.requireRepository(source, "repository");
        executor.requirePrograms(tools.flatpak(), tools.ostree());
        if (options.signing() != null) {
            executor.requirePrograms(tools.gpg());
        }
        if (Destinations.isRemote(options.destination())) {
            executor.requirePrograms(tools.rsync());
        }
        checkUrl(options.url());
        if (!REMOTE_NAME.matcher(options.remoteName()).matches()) {
            throw new FlatpakInputException("remote name '" + options.remoteName()
                    + "' may only hold letters, digits, '.', '_' and '-'");
        }
        List<Ref> refs = new OstreeRepo(source, executor, tools).flatpakRefs();
        if (refs.isEmpty()) {
            throw new FlatpakInputException("repository " + source + " holds no application or runtime to publish");
        }
        Destination destination = Destinations.parse(options.destination(), options.rsh(), executor, tools);
        if (options.signing() == null) {
            executor.log().println("warning: publishing without GPG signature; clients must add the remote with --no-gpg-verify");
            return publish(options, source, refs, destination, null);
        }
        try (GpgSession gpg = GpgSession.open(options.signing(), executor, tools)) {
            return publish(options, source, refs, destination, gpg);
        }
    }

    private PublishResult publish(PublishOptions options, Path source, List<Ref> refs, Destination destination,
                                  GpgSession gpg) {
        byte[] publicKey = gpg == null ? null : gpg.exportPublicKey();
        destination.checkWritable();
        try (DestinationLock lock = destination.lock()) {
            TempDirs.Owned temporary = options.workDir() == null ? TempDirs.create(temporaryBase(), STAGING_PREFIX) : null;
            Path staging = temporary != null ? temporary.dir() : prepareWorkDir(options);
            try {
                Map<String, String> commits = stage(options, source, refs, destination, gpg, staging);
                List<String> files = writeFiles(options, staging, refs, gpg, publicKey);
                destination.sync(staging, SyncPlan.forWebRoot(staging));
                if (options.verify()) {
                    new PublishVerifier(executor, tools).verify(destination.verificationUrl(options.repoUrl()),
                            commits, publicKey);
                }
                executor.log().println("published " + commits.keySet() + " to " + destination.describe());
                return new PublishResult(destination.describe(), options.repoUrl(), commits, files, options.verify());
            } finally {
                if (temporary != null) {
                    temporary.close();
                } else {
                    cleanWebRootFiles(staging);
                }
            }
        }
    }

    /**
     * A publish killed on the way (a CI job aborted, a machine out of memory) leaves its staging copy,
     * tens of megabytes, and perhaps a GPG homedir with an imported secret key. Each of those directories
     * holds a lock while its process lives ({@link TempDirs}); the next publish removes the ones whose lock
     * is free, and stops a gpg-agent left running in a homedir first.
     */
    private void removeLeftovers() {
        List<Path> removed = new ArrayList<>(TempDirs.removeStale(temporaryBase(), STAGING_PREFIX, dir -> { }));
        removed.addAll(TempDirs.removeStale(temporaryBase(), PublishVerifier.PREFIX, dir -> { }));
        removed.addAll(TempDirs.removeStale(GpgSession.homedirBase(), GpgSession.PREFIX,
                this::stopAgent));
        if (!removed.isEmpty()) {
            executor.log().println("removed " + removed.size() + " temporary director" + (removed.size() == 1 ? "y" : "ies")
                    + " left by killed publishes: " + removed);
        }
    }

    private void stopAgent(Path homedir) {
        try {
            executor.exitCode(Command.of(tools.gpgconf()).args("--homedir", homedir.toString(), "--kill", "gpg-agent").build());
        } catch (RuntimeException e) {
            // no gpgconf, or no agent: deleting the homedir is what matters
        }
    }

    private static Path temporaryBase() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private Path prepareWorkDir(PublishOptions options) {
        try {
            Path work = options.workDir().toAbsolutePath().normalize();
            Files.createDirectories(work);
            cleanWebRootFiles(work);
            return work;
        } catch (IOException e) {
            throw new FlatpakInputException("cannot create staging directory: " + e.getMessage());
        }
    }

    private static void cleanWebRootFiles(Path staging) {
        try (var files = Files.list(staging)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean staging directory " + staging, e);
        }
    }

    private Map<String, String> stage(PublishOptions options, Path source, List<Ref> refs, Destination destination,
                                      GpgSession gpg, Path staging) {
        Path repo = staging.resolve(SyncPlan.REPO);
        if (options.workDir() != null && !(destination instanceof dev.nightly.flatpak.destination.RsyncDestination)) {
            FileTrees.deleteQuietly(repo); // a local destination is copied afresh every time
        }
        boolean fetched = destination.fetchRepository(staging);
        SummaryLayout.OldPair published = fetched ? SummaryLayout.beforeUpdate(repo) : null;
        if (!fetched) {
            FileTrees.deleteQuietly(repo);
            try {
                Files.createDirectories(repo);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + repo, e);
            }
            executor.run(Command.of(tools.ostree()).args("init", "--repo=" + repo, "--mode=archive-z2").build());
        }
        for (Ref ref : refs) {
            Command.Builder commit = Command.of(tools.flatpak()).args("build-commit-from", "--src-repo=" + source,
                    "--no-update-summary");
            if (gpg != null) {
                commit.args(gpg.signingOptions());
            }
            executor.run(commit.arg(repo.toString()).arg(ref.toString()).build());
        }
        options.pruning().ostreePruneOptions(clock.instant()).ifPresent(prune ->
                executor.run(Command.of(tools.ostree()).args("prune", "--repo=" + repo).args(prune).build()));
        Command.Builder update = Command.of(tools.flatpak()).arg("build-update-repo")
                .option("--title", options.title())
                .option("--comment", options.comment())
                .option("--homepage", options.homepage())
                .option("--default-branch", options.defaultBranch());
        if (options.staticDeltas()) {
            update.arg("--generate-static-deltas");
        }
        update.args(options.pruning().updateRepoOptions());
        if (gpg != null) {
            update.args(gpg.signingOptions());
        }
        executor.run(update.arg(repo.toString()).build());
        SummaryLayout.apply(staging, published);
        OstreeRepo staged = new OstreeRepo(repo, executor, tools);
        Map<String, String> commits = new LinkedHashMap<>();
        for (Ref ref : refs) {
            commits.put(ref.toString(), staged.commit(ref.toString()));
        }
        return commits;
    }

    private List<String> writeFiles(PublishOptions options, Path staging, List<Ref> published, GpgSession gpg,
                                    byte[] publicKey) {
        String keyBase64 = gpg == null ? null : java.util.Base64.getEncoder().encodeToString(publicKey);
        List<String> files = new ArrayList<>();
        try {
            String repoFile = options.remoteName() + ".flatpakrepo";
            Files.writeString(staging.resolve(repoFile), new FlatpakRepoFile(options.repoUrl(), options.title(),
                    options.homepage(), options.comment(), keyBase64, options.defaultBranch()).render());
            files.add(repoFile);
            // One .flatpakref per application in the repository, for the branch just published if any.
            Map<String, Ref> apps = new LinkedHashMap<>();
            Path repo = staging.resolve(SyncPlan.REPO);
            for (Ref ref : new OstreeRepo(repo, executor, tools).flatpakRefs()) {
                if (ref.isApp()) {
                    apps.merge(ref.id(), ref, (old, now) -> published.contains(now) ? now : old);
                }
            }
            for (Ref app : apps.values()) {
                String name = app.id() + ".flatpakref";
                Files.writeString(staging.resolve(name), new FlatpakRefFile(app.id(), app.branch(), options.repoUrl(),
                        options.title(), options.homepage(), false, keyBase64, options.runtimeRepo(),
                        options.remoteName()).render());
                files.add(name);
            }
            if (options.bundle()) {
                files.addAll(writeBundles(options, staging, published, publicKey));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ref files into " + staging + ": " + e.getMessage(), e);
        }
        return files;
    }

    private List<String> writeBundles(PublishOptions options, Path staging, List<Ref> published, byte[] publicKey)
            throws IOException {
        List<String> files = new ArrayList<>();
        Path key = null;
        if (publicKey != null) {
            key = Files.createTempFile("nightly-key", ".gpg");
            Files.write(key, publicKey);
        }
        try {
            for (Ref ref : published) {
                if (!ref.isApp()) {
                    continue;
                }
                String name = ref.id() + ".flatpak";
                Command.Builder bundle = Command.of(tools.flatpak()).arg("build-bundle")
                        .option("--repo-url", options.repoUrl())
                        .option("--runtime-repo", options.runtimeRepo())
                        .option("--gpg-keys", key)
                        .option("--arch", ref.arch());
                executor.run(bundle.arg(staging.resolve(SyncPlan.REPO).toString()).arg(staging.resolve(name).toString())
                        .arg(ref.id()).arg(ref.branch()).build());
                files.add(name);
            }
        } finally {
            if (key != null) {
                Files.deleteIfExists(key);
            }
        }
        return files;
    }

    private static void checkUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !Set.of("http", "https", "file").contains(scheme.toLowerCase(java.util.Locale.ROOT))
                    || uri.getRawSchemeSpecificPart() == null || uri.getRawSchemeSpecificPart().isEmpty()) {
                throw new FlatpakInputException("public URL '" + url + "' must be an absolute http://, https:// or file:// URL");
            }
        } catch (URISyntaxException e) {
            throw new FlatpakInputException("public URL '" + url + "' is not a valid URL: " + e.getReason());
        }
    }
}
