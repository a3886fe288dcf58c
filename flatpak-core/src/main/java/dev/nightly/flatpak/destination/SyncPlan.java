package dev.nightly.flatpak.destination;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The order in which a staged web root reaches its destination, so that a client reading the
 * destination at any moment never sees a ref or summary that points at objects not there yet:
 * objects and deltas first, then refs, then the summary files, then the .flatpakref/.flatpakrepo
 * files and bundles; deletions (pruned objects, old deltas) last, and only inside {@code repo/}.
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
    private static final List<String> SUMMARIES = List.of("summaries", "summary", "summary.sig", "summary.idx",
            "summary.idx.sig");

    /**
     * One step of the sync.
     *
     * @param name  for logs
     * @param paths files or directories, relative to the web root
     * @param immutable content-addressed files: an existing file of the same name need not be compared
     */
    public record Phase(String name, List<String> paths, boolean immutable) {
        public Phase {
            paths = List.copyOf(paths);
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
        phases.add(new Phase("summary", existing(stagingRoot, SUMMARIES), false));
        List<String> topLevel = new ArrayList<>();
        try (Stream<Path> files = Files.list(stagingRoot)) {
            files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().forEach(topLevel::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list staging directory " + stagingRoot, e);
        }
        phases.add(new Phase("ref files and bundles", topLevel, false));
        return new SyncPlan(phases, REPO);
    }

    private static List<String> existing(Path root, List<String> names) {
        return names.stream().filter(n -> Files.exists(root.resolve(REPO).resolve(n)))
                .map(n -> REPO + "/" + n).toList();
    }
}
