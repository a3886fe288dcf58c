package dev.nightly.flatpak.destination;

import dev.nightly.flatpak.FlatpakInputException;
import dev.nightly.flatpak.files.FileTrees;
import dev.nightly.flatpak.pause.PausePoints;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A directory on this machine that a web server serves. Files are replaced by writing a temporary file
 * next to them and renaming it, so a reader sees either the old or the new file, never a partial one.
 */
public final class LocalDestination implements Destination {
    /** The lock file in the destination directory. */
    public static final String LOCK_FILE = ".nightly-publish.lock";

    private final Path root;
    private final PrintStream log;

    public LocalDestination(Path root, PrintStream log) {
        this.root = root.toAbsolutePath().normalize();
        this.log = log;
    }

    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public void checkWritable() {
        Path existing = root;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new FlatpakInputException("destination " + root + " is not writable: "
                    + (existing == null ? "no such file system" : existing + " is not a directory"));
        }
        if (!Files.isWritable(existing)) {
            throw new FlatpakInputException("destination " + root + " is not writable: no write permission on " + existing);
        }
        if (Files.exists(root.resolve(SyncPlan.REPO)) && !Files.isDirectory(root.resolve(SyncPlan.REPO))) {
            throw new FlatpakInputException("destination " + root + " is not usable: " + root.resolve(SyncPlan.REPO)
                    + " is not a directory");
        }
    }

    @Override
    public DestinationLock lock() {
        try {
            Files.createDirectories(root);
            return DestinationLock.acquire(root.resolve(LOCK_FILE));
        } catch (IOException e) {
            throw new FlatpakInputException("destination " + root + " is not writable: " + e.getMessage());
        }
    }

    @Override
    public boolean fetchRepository(Path stagingRoot) {
        Path published = root.resolve(SyncPlan.REPO);
        if (!Files.isRegularFile(published.resolve("config"))) {
            return false;
        }
        try {
            Files.createDirectories(stagingRoot.resolve(SyncPlan.REPO));
            try (Stream<Path> entries = Files.list(published)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    String name = entry.getFileName().toString();
                    if (!SyncPlan.LOCAL_ONLY.contains(name)) {
                        Path target = stagingRoot.resolve(SyncPlan.REPO).resolve(name);
                        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                            // objects and deltas are content-addressed and never rewritten: hard-link them
                            FileTrees.copy(entry, target, Set.of("objects", "deltas").contains(name));
                        } else {
                            // summary and summary.sig are links (SummaryLayout): copied as links, not as content
                            Files.copy(entry, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                        }
                    }
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + published + " to staging: " + e.getMessage(), e);
        }
    }

    @Override
    public void sync(Path stagingRoot, SyncPlan plan) {
        try {
            for (SyncPlan.Phase phase : plan.phases()) {
                PausePoints.reach("before " + phase.name(), log);
                int copied = 0;
                Path source = phase.source().isEmpty() ? stagingRoot : stagingRoot.resolve(phase.source());
                for (String path : phase.paths()) {
                    copied += copyTree(source.resolve(path), root.resolve(path), phase.immutable());
                }
                log.println("sync " + phase.name() + ": " + copied + " file(s) copied to " + root);
            }
            PausePoints.reach("before deletions", log);
            int deleted = deleteExtraneous(stagingRoot.resolve(plan.deleteUnder()), root.resolve(plan.deleteUnder()));
            log.println("sync deletions: " + deleted + " file(s) removed from " + root.resolve(plan.deleteUnder()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish to " + root + ": " + e.getMessage(), e);
        }
    }

    private static int copyTree(Path from, Path to, boolean immutable) throws IOException {
        if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            return copyFile(from, to, immutable) ? 1 : 0;
        }
        int[] copied = {0};
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (copyFile(file, to.resolve(from.relativize(file).toString()), immutable)) {
                    copied[0]++;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return copied[0];
    }

    /**
     * Copies one file by temporary file and rename, unless the target already has the same content. A
     * symbolic link is copied as a link, so that renaming it over the old one switches what it points at
     * in one step ({@link SummaryLayout}).
     */
    private static boolean copyFile(Path from, Path to, boolean immutable) throws IOException {
        if (Files.isSymbolicLink(from)) {
            if (Files.isSymbolicLink(to) && Files.readSymbolicLink(to).equals(Files.readSymbolicLink(from))) {
                return false;
            }
            Files.createDirectories(to.getParent());
            Path temporary = to.resolveSibling("." + to.getFileName() + ".nightly-tmp");
            Files.deleteIfExists(temporary);
            Files.createSymbolicLink(temporary, Files.readSymbolicLink(from));
            Files.move(temporary, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        }
        if (Files.isRegularFile(to, LinkOption.NOFOLLOW_LINKS) && Files.size(to) == Files.size(from)
                && (immutable || Files.mismatch(from, to) < 0)) {
            return false;
        }
        Files.createDirectories(to.getParent());
        Path temporary = to.resolveSibling("." + to.getFileName() + ".nightly-tmp");
        Files.copy(from, temporary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                LinkOption.NOFOLLOW_LINKS);
        Files.move(temporary, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    /** Deletes files under {@code target} that {@code source} does not have; never the local-only entries. */
    private static int deleteExtraneous(Path source, Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return 0;
        }
        List<Path> extraneous = new ArrayList<>();
        Files.walkFileTree(target, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                Path relative = target.relativize(dir);
                if (relative.getNameCount() == 1 && SyncPlan.LOCAL_ONLY.contains(relative.toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                Path relative = target.relativize(file);
                boolean localOnly = relative.getNameCount() == 1 && SyncPlan.LOCAL_ONLY.contains(relative.toString());
                if (!localOnly && !Files.exists(source.resolve(relative.toString()), LinkOption.NOFOLLOW_LINKS)) {
                    extraneous.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Path relative = target.relativize(dir);
                if (relative.getNameCount() > 0 && !Files.exists(source.resolve(relative.toString()))) {
                    extraneous.add(dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path path : extraneous) {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> children = Files.list(path)) {
                    if (children.findAny().isPresent()) {
                        continue;
                    }
                }
            }
            Files.deleteIfExists(path);
        }
        return (int) extraneous.stream().filter(p -> !Files.exists(p, LinkOption.NOFOLLOW_LINKS)).count();
    }

    @Override
    public String verificationUrl(String publicRepoUrl) {
        return root.resolve(SyncPlan.REPO).toUri().toString();
    }
}
