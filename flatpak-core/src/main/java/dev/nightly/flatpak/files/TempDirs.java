package dev.nightly.flatpak.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Temporary directories that a killed process does not leave behind for good. Each is private to its
 * user (0700), named with a recognisable prefix, and holds a lock file that its process keeps locked
 * while it works. The operating system drops that lock when the process dies, however it dies, so the
 * next run tells a leftover (lock free) from a directory still in use (lock held) without trusting a pid
 * that may have been reused.
 */
public final class TempDirs {
    /** The lock file inside each directory. */
    public static final String LOCK_FILE = ".nightly-owner.lock";
    /**
     * This JVM's own directories, never probed: closing any channel of a locked file drops the process's
     * lock on it (POSIX record locks), so probing our own lock would release it.
     */
    private static final Set<Path> OWNED = ConcurrentHashMap.newKeySet();

    private TempDirs() {
    }

    /** A directory in use; {@link #close()} releases the lock and deletes the directory. */
    public static final class Owned implements AutoCloseable {
        private final Path dir;
        private final FileChannel channel;
        private final FileLock lock;

        private Owned(Path dir, FileChannel channel, FileLock lock) {
            this.dir = dir;
            this.channel = channel;
            this.lock = lock;
        }

        public Path dir() {
            return dir;
        }

        @Override
        public void close() {
            FileTrees.deleteQuietly(dir);
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                // the lock goes with the channel or the process anyway
            }
            OWNED.remove(dir);
        }
    }

    /** Creates {@code base/prefix<random>}, owner-only, and locks it for this process. */
    public static Owned create(Path base, String prefix) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory(base, prefix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            OWNED.add(dir);
            FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return new Owned(dir, channel, channel.lock());
        } catch (IOException e) {
            if (dir != null) {
                FileTrees.deleteQuietly(dir);
                OWNED.remove(dir);
            }
            throw new UncheckedIOException("cannot create a temporary directory in " + base + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the directories {@code base/prefix*} of this user whose lock file is not locked: their
     * process is gone. Directories without a lock file (made by something else, or by an older version)
     * are left alone. {@code beforeDelete} sees each one first (to stop a gpg-agent left running in it).
     *
     * @return the directories removed
     */
    public static List<Path> removeStale(Path base, String prefix, Consumer<Path> beforeDelete) {
        List<Path> removed = new ArrayList<>();
        String user = System.getProperty("user.name");
        try (Stream<Path> entries = Files.list(base)) {
            for (Path dir : (Iterable<Path>) entries::iterator) {
                if (!dir.getFileName().toString().startsWith(prefix) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                        || !Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(user)
                        || OWNED.contains(dir) || !isAbandoned(dir.resolve(LOCK_FILE))) {
                    continue;
                }
                beforeDelete.accept(dir);
                FileTrees.deleteQuietly(dir);
                if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                    removed.add(dir);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Cleaning up after others is a courtesy: never the reason a publish fails.
        }
        return removed;
    }

    private static boolean isAbandoned(Path lockFile) {
        if (!Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException heldByThisJvm) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
