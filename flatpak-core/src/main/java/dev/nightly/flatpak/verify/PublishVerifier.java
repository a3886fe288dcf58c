package dev.nightly.flatpak.verify;

import dev.nightly.flatpak.FlatpakFailureException;
import dev.nightly.flatpak.files.TempDirs;
import dev.nightly.flatpak.process.Command;
import dev.nightly.flatpak.process.CommandExecutor;
import dev.nightly.flatpak.process.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a published repository the way a client does, through a throw-away OSTree repository with the
 * published one as remote: the summary must be there and, when a public key is given, carry a valid
 * signature; every expected ref must be in it and point at the expected commit, whose metadata (and
 * signature) must be fetchable.
 */
public final class PublishVerifier {
    /** Its throw-away repositories: {@code nightly-verify-<random>} in the temp dir. */
    public static final String PREFIX = "nightly-verify-";

    private final CommandExecutor executor;
    private final Tools tools;

    public PublishVerifier(CommandExecutor executor, Tools tools) {
        this.executor = executor;
        this.tools = tools;
    }

    /**
     * @param repoUrl   URL of the OSTree repository (file://, http://, https://)
     * @param expected  ref to commit
     * @param publicKey binary GPG public key to verify summary and commits with, or null for unsigned
     * @throws FlatpakFailureException if anything is missing or wrong
     */
    public void verify(String repoUrl, Map<String, String> expected, byte[] publicKey) {
        TempDirs.Owned temporary = TempDirs.create(Path.of(System.getProperty("java.io.tmpdir")), PREFIX);
        Path work = temporary.dir();
        try {
            Path repo = work.resolve("repo");
            Files.createDirectories(repo);
            executor.run(Command.of(tools.ostree()).args("init", "--repo=" + repo, "--mode=archive").build());
            Command.Builder add = Command.of(tools.ostree()).args("remote", "add", "--repo=" + repo);
            if (publicKey != null) {
                Path key = work.resolve("key.gpg");
                Files.write(key, publicKey);
                add.args("--set=gpg-verify=true", "--set=gpg-verify-summary=true", "--gpg-import=" + key);
            } else {
                add.arg("--no-gpg-verify");
            }
            executor.run(add.args("published", repoUrl).build());
            Set<String> refs;
            try {
                refs = Arrays.stream(executor.capture(Command.of(tools.ostree())
                                .args("remote", "refs", "--repo=" + repo, "published").build()).split("\n"))
                        .map(String::strip).filter(s -> s.startsWith("published:"))
                        .map(s -> s.substring("published:".length())).collect(Collectors.toSet());
            } catch (FlatpakFailureException e) {
                throw new FlatpakFailureException("verification of " + repoUrl + " failed: summary missing, unreadable or"
                        + " not validly signed (" + e.getMessage() + ")", e);
            }
            for (Map.Entry<String, String> entry : expected.entrySet()) {
                if (!refs.contains(entry.getKey())) {
                    throw new FlatpakFailureException("verification of " + repoUrl + " failed: the summary does not list "
                            + entry.getKey());
                }
                executor.run(Command.of(tools.ostree()).args("pull", "--repo=" + repo, "--commit-metadata-only",
                        "published", entry.getKey()).build());
                String commit = executor.capture(Command.of(tools.ostree())
                        .args("rev-parse", "--repo=" + repo, "published:" + entry.getKey()).build()).strip();
                if (!commit.equals(entry.getValue())) {
                    throw new FlatpakFailureException("verification of " + repoUrl + " failed: " + entry.getKey()
                            + " points at " + commit + ", expected " + entry.getValue());
                }
            }
            executor.log().println("verified " + repoUrl + ": signed summary lists " + expected.keySet()
                    + " at the published commits");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot verify " + repoUrl + ": " + e.getMessage(), e);
        } finally {
            temporary.close();
        }
    }
}
