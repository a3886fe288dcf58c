package dev.nightly.flatpak.destination;

import dev.nightly.flatpak.files.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * How a published repository holds its {@code summary} and {@code summary.sig} so that clients switch
 * from the old pair to the new one at a single instant.
 *
 * <p>Why: an OSTree client ({@code ostree pull}, {@code ostree remote summary}; and flatpak for
 * repositories without a summary index) fetches {@code summary.sig} and then {@code summary} by those fixed
 * names and checks one against the other. Two files cannot be renamed at once, so a publisher that
 * replaces them one after the other leaves, between the two renames, a new summary with the old
 * signature, and a publisher killed there leaves it until the next publish: clients report a BAD
 * signature. Here both names are symbolic links through one link, {@code signed-summary/current}, to a
 * directory per pair named by the summary's SHA-256:
 *
 * <pre>
 * repo/summary      -&gt; signed-summary/current/summary
 * repo/summary.sig  -&gt; signed-summary/current/summary.sig
 * repo/signed-summary/current -&gt; &lt;sha256&gt;
 * repo/signed-summary/&lt;sha256&gt;/summary, summary.sig
 * </pre>
 *
 * The new pair is written into its own directory first; renaming a new {@code current} link over the old
 * one then switches both files in one atomic step, and a publisher killed at any moment leaves the old or
 * the new pair. The web server must follow symbolic links inside the web root (nginx does by default,
 * Apache with {@code Options FollowSymLinks}, which Debian's default configuration sets).
 *
 * <p>Flatpak 1.9.3 and newer (Debian 12 has 1.14) read {@code summary.idx} instead and fetch its signature
 * as {@code summaries/<sha256 of the index>.idx.sig}, a content-addressed name: for them one rename of
 * {@code summary.idx}, after {@code summaries/}, is already atomic, and the sync does it in that order.
 *
 * <p>A destination that still holds a plain pair (published by an older version) is migrated without a
 * mismatched moment: the old pair gets a directory too, {@code current} points at it first (from
 * {@link #MIGRATION}), the two names become links to the same old content, and only then does
 * {@code current} switch to the new pair.
 */
public final class SummaryLayout {
    /** The directory inside the repository holding one directory per summary/signature pair. */
    public static final String DIR = "signed-summary";
    /** The link that selects the current pair. */
    public static final String CURRENT = DIR + "/current";
    /** A second staging tree, beside {@code repo/}, with the {@code current} link of a migration. */
    public static final String MIGRATION = ".summary-migration";

    private static final String SUMMARY = "summary";
    private static final String SIGNATURE = "summary.sig";

    /** The plain pair of a repository fetched from a destination that has no links yet, or nothing. */
    public record OldPair(byte[] summary, byte[] signature) {
    }

    private SummaryLayout() {
    }

    /**
     * Call on the staged repository as fetched, before the summary is regenerated: remembers a plain pair,
     * which the destination still serves, so that {@link #apply} can migrate to links without a gap.
     */
    public static OldPair beforeUpdate(Path repo) {
        Path summary = repo.resolve(SUMMARY);
        if (!Files.isRegularFile(summary, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            Path signature = repo.resolve(SIGNATURE);
            return new OldPair(Files.readAllBytes(summary),
                    Files.isRegularFile(signature, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(signature) : null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the published summary in " + repo + ": " + e.getMessage(), e);
        }
    }

    /**
     * Turns the regenerated plain pair of the staged repository into the layout above, with {@code current}
     * at the new pair and only the pairs the destination needs kept (the others are deleted from it by
     * the sync's deletion pass).
     *
     * @param stagingRoot the staged web root, holding {@code repo/}
     * @param old         what {@link #beforeUpdate} returned
     */
    public static void apply(Path stagingRoot, OldPair old) {
        Path repo = stagingRoot.resolve(SyncPlan.REPO);
        Path sets = repo.resolve(DIR);
        try {
            FileTrees.delete(stagingRoot.resolve(MIGRATION));
            Path summary = repo.resolve(SUMMARY);
            if (!Files.isRegularFile(summary, LinkOption.NOFOLLOW_LINKS)) {
                return; // no summary generated: nothing to publish under these names
            }
            byte[] newSummary = Files.readAllBytes(summary);
            Path signature = repo.resolve(SIGNATURE);
            byte[] newSignature = Files.isRegularFile(signature, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(signature) : null;
            String newName = sha256(newSummary);
            String keep = null;
            if (old != null) {
                keep = sha256(old.summary());
                writePair(sets.resolve(keep), old.summary(), old.signature());
                Path migration = stagingRoot.resolve(MIGRATION).resolve(SyncPlan.REPO).resolve(DIR);
                Files.createDirectories(migration);
                Files.createSymbolicLink(migration.resolve("current"), Path.of(keep));
            }
            writePair(sets.resolve(newName), newSummary, newSignature);
            try (Stream<Path> entries = Files.list(sets)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    String name = entry.getFileName().toString();
                    if (!name.equals(newName) && !name.equals(keep)) {
                        FileTrees.delete(entry);
                    }
                }
            }
            Files.createSymbolicLink(sets.resolve("current"), Path.of(newName));
            Files.delete(summary);
            Files.deleteIfExists(signature);
            Files.createSymbolicLink(summary, Path.of(CURRENT, SUMMARY));
            Files.createSymbolicLink(signature, Path.of(CURRENT, SIGNATURE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out the summary in " + repo + ": " + e.getMessage(), e);
        }
    }

    private static void writePair(Path dir, byte[] summary, byte[] signature) throws IOException {
        FileTrees.delete(dir);
        Files.createDirectories(dir);
        Files.write(dir.resolve(SUMMARY), summary);
        if (signature != null) {
            Files.write(dir.resolve(SIGNATURE), signature);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
