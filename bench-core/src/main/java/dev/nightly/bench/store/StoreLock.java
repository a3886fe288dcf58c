package dev.nightly.bench.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The writer's lock of a store: a file lock for other processes, plus a lock inside this JVM, because a
 * JVM holds file locks per process (two threads of one Jenkins controller would otherwise both get it).
 */
final class StoreLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private StoreLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Waits until no other writer holds the store. */
    static StoreLock acquire(Path dir) throws IOException {
        Path key = dir.toAbsolutePath().normalize();
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
        threadLock.lock();
        FileChannel channel = null;
        try {
            // The only place that opens the lock file: closing any other descriptor of it would drop the lock.
            Path lockFile = key.resolve(StoreFiles.LOCK_FILE);
            java.nio.file.attribute.BasicFileAttributes attributes = StoreFiles.attributes(lockFile);
            if (attributes != null && !attributes.isRegularFile()) {
                throw StoreFiles.notRegular(lockFile, attributes);
            }
            channel = FileChannel.open(key.resolve(StoreFiles.LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            return new StoreLock(threadLock, channel, channel.lock());
        }
        catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            threadLock.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            fileLock.release();
            channel.close();
        }
        finally {
            threadLock.unlock();
        }
    }
}
