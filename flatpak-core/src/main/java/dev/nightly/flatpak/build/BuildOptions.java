package dev.nightly.flatpak.build;

import dev.nightly.flatpak.gpg.GpgSigning;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to build and how. Create with {@link #builder(Path, Path)}.
 *
 * @param manifest        flatpak-builder manifest, JSON or YAML
 * @param repo            OSTree repository the build is exported to (created if missing)
 * @param stateDir        flatpak-builder's state dir (caches, downloads); default {@code .flatpak-builder}
 *                        next to the manifest
 * @param buildDir        the build directory; default {@code build-dir} inside the state dir (the two must
 *                        share a file system)
 * @param branch          default branch, used when the manifest sets none; null: flatpak's default
 * @param subject         one-line commit subject, e.g. the source commit and date; null: a generated one
 * @param body            commit body, or null
 * @param signing         GPG key that signs the commit, or null for an unsigned commit
 * @param installDepsFrom remote to install the runtime and SDK from (into the user installation), or null
 * @param ccache          use ccache
 * @param fuse            rofiles-fuse policy
 * @param extraArguments  further flatpak-builder options, passed before the directory and manifest
 */
public record BuildOptions(Path manifest, Path repo, Path stateDir, Path buildDir, String branch, String subject,
                           String body, GpgSigning signing, String installDepsFrom, boolean ccache, FuseMode fuse,
                           List<String> extraArguments) {
    public BuildOptions {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(fuse, "fuse");
        extraArguments = List.copyOf(extraArguments);
    }

    public static Builder builder(Path manifest, Path repo) {
        return new Builder(manifest, repo);
    }

    public Optional<GpgSigning> gpg() {
        return Optional.ofNullable(signing);
    }

    /** Fluent builder of {@link BuildOptions}. */
    public static final class Builder {
        private final Path manifest;
        private final Path repo;
        private Path stateDir;
        private Path buildDir;
        private String branch;
        private String subject;
        private String body;
        private GpgSigning signing;
        private String installDepsFrom;
        private boolean ccache;
        private FuseMode fuse = FuseMode.AUTO;
        private List<String> extraArguments = List.of();

        private Builder(Path manifest, Path repo) {
            this.manifest = manifest;
            this.repo = repo;
        }

        public Builder stateDir(Path value) {
            stateDir = value;
            return this;
        }

        public Builder buildDir(Path value) {
            buildDir = value;
            return this;
        }

        public Builder branch(String value) {
            branch = value;
            return this;
        }

        public Builder subject(String value) {
            subject = value;
            return this;
        }

        public Builder body(String value) {
            body = value;
            return this;
        }

        public Builder signing(GpgSigning value) {
            signing = value;
            return this;
        }

        public Builder installDepsFrom(String remote) {
            installDepsFrom = remote;
            return this;
        }

        public Builder ccache(boolean value) {
            ccache = value;
            return this;
        }

        public Builder fuse(FuseMode value) {
            fuse = value;
            return this;
        }

        public Builder extraArguments(List<String> value) {
            extraArguments = value;
            return this;
        }

        public BuildOptions build() {
            return new BuildOptions(manifest, repo, stateDir, buildDir, branch, subject, body, signing,
                    installDepsFrom, ccache, fuse, extraArguments);
        }
    }
}
