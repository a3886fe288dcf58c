package dev.nightly.flatpak.publish;

import dev.nightly.flatpak.gpg.GpgSigning;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to publish where. Create with {@link #builder(Path, String, String)}.
 *
 * @param repo          the build repository (flatpak-builder's {@code --repo}); every app and runtime ref in
 *                      it is published
 * @param destination   web root: a local directory, or {@code [user@]host:/path} for rsync over SSH
 * @param url           public URL of the web root; the repository is at {@code URL/repo/}
 * @param pruning       history to keep
 * @param signing       GPG key for commits and summary, or null (unsigned: clients need --no-gpg-verify)
 * @param title         repository title (summary and .flatpakrepo)
 * @param comment       one-line description for the .flatpakrepo, or null
 * @param homepage      project home page, or null
 * @param remoteName    suggested remote name; also the .flatpakrepo file's name
 * @param defaultBranch default branch of the repository, or null
 * @param runtimeRepo   URL of a .flatpakrepo that provides the runtime, written into the .flatpakrefs, or null
 * @param staticDeltas  generate static deltas
 * @param bundle        also write {@code <app-id>.flatpak} single-file bundles
 * @param rsh           remote shell for rsync destinations, e.g. {@code ssh -i KEY}; null for ssh
 * @param workDir       staging directory to keep between runs (saves re-fetching a remote repository);
 *                      null: a temporary one
 * @param verify        read the published repository back and check it
 */
public record PublishOptions(Path repo, String destination, String url, Pruning pruning, GpgSigning signing,
                             String title, String comment, String homepage, String remoteName, String defaultBranch,
                             String runtimeRepo, boolean staticDeltas, boolean bundle, String rsh, Path workDir,
                             boolean verify) {
    public PublishOptions {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(pruning, "pruning");
        Objects.requireNonNull(remoteName, "remoteName");
    }

    public static Builder builder(Path repo, String destination, String url) {
        return new Builder(repo, destination, url);
    }

    /** The public URL of the OSTree repository. */
    public String repoUrl() {
        return (url.endsWith("/") ? url : url + "/") + "repo/";
    }

    /** Fluent builder of {@link PublishOptions}; defaults: keep 20, remote name "nightly", deltas, verify. */
    public static final class Builder {
        private final Path repo;
        private final String destination;
        private final String url;
        private Pruning pruning = Pruning.keep(20);
        private GpgSigning signing;
        private String title;
        private String comment;
        private String homepage;
        private String remoteName = "nightly";
        private String defaultBranch;
        private String runtimeRepo;
        private boolean staticDeltas = true;
        private boolean bundle;
        private String rsh;
        private Path workDir;
        private boolean verify = true;

        private Builder(Path repo, String destination, String url) {
            this.repo = repo;
            this.destination = destination;
            this.url = url;
        }

        public Builder pruning(Pruning value) {
            pruning = value;
            return this;
        }

        public Builder keep(int commits) {
            pruning = new Pruning(commits, pruning.maxAge());
            return this;
        }

        public Builder signing(GpgSigning value) {
            signing = value;
            return this;
        }

        public Builder title(String value) {
            title = value;
            return this;
        }

        public Builder comment(String value) {
            comment = value;
            return this;
        }

        public Builder homepage(String value) {
            homepage = value;
            return this;
        }

        public Builder remoteName(String value) {
            remoteName = value;
            return this;
        }

        public Builder defaultBranch(String value) {
            defaultBranch = value;
            return this;
        }

        public Builder runtimeRepo(String value) {
            runtimeRepo = value;
            return this;
        }

        public Builder staticDeltas(boolean value) {
            staticDeltas = value;
            return this;
        }

        public Builder bundle(boolean value) {
            bundle = value;
            return this;
        }

        public Builder rsh(String value) {
            rsh = value;
            return this;
        }

        public Builder workDir(Path value) {
            workDir = value;
            return this;
        }

        public Builder verify(boolean value) {
            verify = value;
            return this;
        }

        public PublishOptions build() {
            return new PublishOptions(repo, destination, url, pruning, signing, title, comment, homepage, remoteName,
                    defaultBranch, runtimeRepo, staticDeltas, bundle, rsh, workDir, verify);
        }
    }
}
