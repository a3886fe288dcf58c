package dev.nightly.flatpak.destination;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The order in which a staged web root reaches its destination, so that a client reading the
 * destination at any moment never sees a ref or summary that points at objects not there yet, nor a
 * summary with another summary's signature: objects and deltas first, then refs, then the new summary
 * files under names of their own ({@code summaries/}, {@link SummaryLayout#DIR}), then the one-step
 * switches ({@link SummaryLayout#CURRENT}, then {@code summary.idx}), then the .flatpakref/.flatpakrepo
 * files and bundles; deletions (pruned objects, old deltas, old summaries) last, and only inside
 * {@code repo/}.
 *
 * @param phases the copy phases, in order; paths relative to the web root
 * @param deleteUnder directory (relative to the web root) in which files missing from the staging copy
 *                    are deleted after all copies
 */
public record SyncPlan(List<Phase> phases, String deleteUnder) {
    /** The repository inside the web root. */
    public static final String REPO = "repo";
    /** Entries of an OSTree repository that are local to one machine and never published. */
    public static final List<String> LOCAL_ONLY = List.of(".lock", "state", "tmp");

    private static final List<String> DATA = List.of("config", "objects", "deltas", "delta-indexes", "extensions");
    /** Flatpak's indexed summary: the index names its signature and sub-summaries by digest. */
    private static final List<String> SUMMARY_INDEX = List.of("summary.idx", "summary.idx.sig");

    /**
     * One step of the sync.
     *
     * @param name  for logs
     * @param paths files or directories, relative to the web root
     * @param immutable content-addressed files: an existing file of the same name need not be compared
     * @param source    the directory of the staging root the paths are taken from ("" for the root itself)
     */
    public record Phase(String name, List<String> paths, boolean immutable, String source) {
        public Phase {
            paths = List.copyOf(paths);
        }

        public Phase(String name, List<String> paths, boolean immutable) {
            this(name, paths, immutable, "");
        }
    }

    public SyncPlan {
        phases = List.copyOf(phases);
    }

    /** The plan for a staged web root: only paths that exist in it are named. */
    public static SyncPlan forWebRoot(Path stagingRoot) {
        List<Phase> phases = new ArrayList<>();
        phases.add(new Phase("objects and deltas", existing(stagingRoot, DATA), true));
        phases.add(new Phase("refs", existing(stagingRoot, List.of("refs")), false));
        List<String> pairs = new ArrayList<>(existing(stagingRoot, List.of("summaries")));
        Path sets = stagingRoot.resolve(REPO).resolve(SummaryLayout.DIR);
        if (Files.isDirectory(sets)) {
            try (Stream<Path> entries = Files.list(sets)) {
                entries.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).map(p -> p.getFileName().toString())
                        .sorted().forEach(name -> pairs.add(REPO + "/" + SummaryLayout.DIR + "/" + name));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + sets, e);
            }
        }
        phases.add(new Phase("new summaries", pairs, false));
        if (Files.isSymbolicLink(stagingRoot.resolve(SummaryLayout.MIGRATION).resolve(REPO).resolve(SummaryLayout.CURRENT))) {
            phases.add(new Phase("summary migration", List.of(REPO + "/" + SummaryLayout.CURRENT), false,
                    SummaryLayout.MIGRATION));
        }
        // The links are the same every time; placed before the switch, they only matter on the first publish
        // and on a migration (where current already points at the old pair).
        phases.add(new Phase("summary links", existingLinks(stagingRoot, List.of("summary.sig", "summary")), false));
        phases.add(new Phase("summary switch", existingLinks(stagingRoot, List.of(SummaryLayout.CURRENT)), false));
        phases.add(new Phase("summary index", existing(stagingRoot, SUMMARY_INDEX), false));
        List<String> topLevel = new ArrayList<>();
        try (Stream<Path> files = Files.list(stagingRoot)) {
            files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().forEach(topLevel::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list staging directory " + stagingRoot, e);
        }
        phases.add(new Phase("ref files and bundles", topLevel, false));
        return new SyncPlan(phases, REPO);
    }

    private static List<String> existingLinks(Path root, List<String> names) {
        // Without following: an unsigned repository's summary.sig link points at nothing, and is published so.
        return names.stream().filter(n -> Files.exists(root.resolve(REPO).resolve(n), LinkOption.NOFOLLOW_LINKS))
                .map(n -> REPO + "/" + n).toList();
    }

    private static List<String> existing(Path root, List<String> names) {
        return names.stream().filter(n -> Files.exists(root.resolve(REPO).resolve(n)))
                .map(n -> REPO + "/" + n).toList();
    }
}
