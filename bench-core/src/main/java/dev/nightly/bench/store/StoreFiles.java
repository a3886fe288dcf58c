package dev.nightly.bench.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.regex.Pattern;

/** Names of the files a store writes, and the durable-write primitives it is built on. */
final class StoreFiles {
    static final String SERIES_DIR = "series";
    static final String INDEX_DIR = "index";
    static final String LOCK_FILE = ".lock";
    static final String TEMP_PREFIX = Manifest.FILE_NAME + ".tmp-";

    /** series/&lt;dataset&gt;-&lt;hash&gt;[.g&lt;generation&gt;].tsv and index/&lt;dataset&gt;-&lt;hash&gt;[.v2].idx */
    private static final Pattern SERIES_FILE = Pattern.compile("[A-Za-z0-9_.-]{1,40}-[0-9a-f]{16}(\\.g[0-9]+)?\\.tsv");
    private static final Pattern INDEX_FILE = Pattern.compile("[A-Za-z0-9_.-]{1,40}-[0-9a-f]{16}(\\.v2)?\\.idx");

    private StoreFiles() {
    }

    static String seriesFile(String dataset, String seriesId, long generation) {
        String base = SERIES_DIR + "/" + safe(dataset) + "-" + String.format(Locale.ROOT, "%016x", Fingerprints.of(seriesId));
        return generation == 0 ? base + ".tsv" : base + ".g" + generation + ".tsv";
    }

    static String indexFile(String dataset) {
        return INDEX_DIR + "/" + safe(dataset) + "-" + String.format(Locale.ROOT, "%016x", Fingerprints.of(dataset)) + ".idx";
    }

    /** The index of the second kind (fingerprints with values): another name, so that converting one is atomic. */
    static String valueIndexFile(String dataset) {
        String keyOnly = indexFile(dataset);
        return keyOnly.substring(0, keyOnly.length() - ".idx".length()) + ".v2.idx";
    }

    /** Whether a manifest's file reference is one of ours: no path tricks can leave the store. */
    static boolean isOwnDataFile(String relative) {
        int slash = relative.indexOf('/');
        if (slash < 0 || relative.indexOf('/', slash + 1) >= 0) {
            return false;
        }
        String dir = relative.substring(0, slash);
        String name = relative.substring(slash + 1);
        return SERIES_DIR.equals(dir) && SERIES_FILE.matcher(name).matches()
                || INDEX_DIR.equals(dir) && INDEX_FILE.matcher(name).matches();
    }

    static boolean isOwnFileName(String dir, String name) {
        return SERIES_DIR.equals(dir) ? SERIES_FILE.matcher(name).matches() : INDEX_FILE.matcher(name).matches();
    }

    private static String safe(String dataset) {
        String safe = dataset.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (safe.startsWith(".")) {
            safe = "_" + safe.substring(1);
        }
        return safe.length() > 40 ? safe.substring(0, 40) : safe;
    }

    /** Appends bytes at {@code offset} (cutting off anything beyond it first) and forces them to disk. */
    static void appendAt(Path file, long offset, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (channel.size() != offset) {
                channel.truncate(offset);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long position = offset;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            channel.force(false);
        }
    }

    /** Writes a whole new file durably under a temporary name, then moves it into place atomically. */
    static void replaceAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = target.resolveSibling(TEMP_PREFIX + Long.toHexString(System.nanoTime()));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + target + " cannot replace files atomically", e);
            }
            syncDirectory(target.getParent());
        }
        finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Makes a rename durable. Not every platform can open a directory; there the rename is as durable as it gets. */
    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
        catch (IOException | UnsupportedOperationException notSupported) {
            // Windows cannot open directories; NTFS journals the rename itself.
        }
    }
}
