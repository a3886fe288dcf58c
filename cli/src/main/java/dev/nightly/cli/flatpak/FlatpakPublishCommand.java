package dev.nightly.cli.flatpak;

import dev.nightly.flatpak.FlatpakFailureException;
import dev.nightly.flatpak.process.JdkCommandRunner;
import dev.nightly.flatpak.publish.FlatpakPublisher;
import dev.nightly.flatpak.publish.PublishOptions;
import dev.nightly.flatpak.publish.PublishResult;
import dev.nightly.flatpak.publish.Pruning;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nightly flatpak publish}: the build repository's refs into a served, signed, pruned repository. */
@Command(name = "publish",
        mixinStandardHelpOptions = true,
        description = {"Publish the apps of a build repository into a web root: DEST/repo (OSTree repository with signed"
                + " summary and static deltas, pruned to --keep commits per ref), DEST/<app-id>.flatpakref and"
                + " DEST/<remote-name>.flatpakrepo.",
                "Publishing stages everything first, then syncs objects, refs, summaries and ref files in that order,"
                        + " deletions last; publishers to one destination take turns; the result is verified."})
public final class FlatpakPublishCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--repo", required = true, paramLabel = "DIR", description = "Build repository (flatpak build --repo).")
    Path repo;

    @Option(names = "--dest", required = true, paramLabel = "DIR",
            description = "Web root: a local directory, or [user@]host:/path for rsync over SSH.")
    String dest;

    @Option(names = "--url", required = true, paramLabel = "PUBLIC_URL",
            description = "Public URL of the web root; the repository is PUBLIC_URL/repo/.")
    String url;

    @Option(names = "--keep", paramLabel = "N", defaultValue = "20", description = "Commits to keep per ref. Default: ${DEFAULT-VALUE}.")
    int keep;

    @Option(names = "--max-age", paramLabel = "AGE", converter = DurationConverter.class,
            description = "Also drop commits older than this (the newest always stays), e.g. 30d, 12h or P2W.")
    Duration maxAge;

    @Mixin
    GpgOptions gpg;

    @Option(names = "--title", paramLabel = "TEXT", description = "Repository title.")
    String title;

    @Option(names = "--comment", paramLabel = "TEXT", description = "One-line description for the .flatpakrepo.")
    String comment;

    @Option(names = "--homepage", paramLabel = "URL", description = "Project home page.")
    String homepage;

    @Option(names = "--remote-name", paramLabel = "NAME", defaultValue = "nightly",
            description = "Suggested remote name, also the .flatpakrepo file name. Default: ${DEFAULT-VALUE}.")
    String remoteName;

    @Option(names = "--default-branch", paramLabel = "B", description = "Default branch of the repository.")
    String defaultBranch;

    @Option(names = "--runtime-repo", paramLabel = "URL", description = "URL of a .flatpakrepo providing the runtime.")
    String runtimeRepo;

    @Option(names = "--no-static-deltas", description = "Do not generate static deltas.")
    boolean noStaticDeltas;

    @Option(names = "--bundle", description = "Also write DEST/<app-id>.flatpak single-file bundles.")
    boolean bundle;

    @Option(names = "--rsh", paramLabel = "COMMAND", description = "Remote shell for rsync, e.g. 'ssh -i KEY -o BatchMode=yes'.")
    String rsh;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Staging directory kept between runs (saves fetching a remote repository again).")
    Path workDir;

    @Option(names = "--no-verify", description = "Do not read the published repository back and check it.")
    boolean noVerify;

    @Override
    public Integer call() {
        PublishOptions options = PublishOptions.builder(repo, dest, url).pruning(new Pruning(keep, maxAge))
                .signing(gpg.signing()).title(title).comment(comment).homepage(homepage).remoteName(remoteName)
                .defaultBranch(defaultBranch).runtimeRepo(runtimeRepo).staticDeltas(!noStaticDeltas).bundle(bundle)
                .rsh(rsh).workDir(workDir).verify(!noVerify).build();
        try {
            PublishResult result = new FlatpakPublisher(new JdkCommandRunner(System.err), System.err).publish(options);
            PrintWriter out = spec.commandLine().getOut();
            result.commits().forEach((ref, commit) -> out.println("published " + ref + " " + commit));
            out.println("repository " + result.repoUrl() + (result.verified() ? " (verified)" : ""));
            out.flush();
            return 0;
        } catch (FlatpakFailureException e) {
            return Failures.report(spec, "publish", e);
        }
    }
}
