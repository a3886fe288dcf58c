package dev.nightly.bench.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/** Names of the files a store writes, and the durable-write primitives it is built on. */
final class StoreFiles {
    static final String SERIES_DIR = "series";
    static final String INDEX_DIR = "index";
    static final String LOCK_FILE = ".lock";
    /** Where {@code repair} puts the files it could not use, with a report; only the latest repair's. */
    static final String DAMAGED_DIR = "damaged";
    static final String TEMP_PREFIX = Manifest.FILE_NAME + ".tmp-";

    /**
     * series/&lt;dataset&gt;-&lt;hash&gt;[.g&lt;generation&gt;].tsv and index/&lt;dataset&gt;-&lt;hash&gt;[.g&lt;generation&gt;].idx,
     * each with its checksums in a .sum file of the same name.
     */
    private static final Pattern SERIES_FILE = Pattern.compile("[A-Za-z0-9_.-]{1,40}-[0-9a-f]{16}(\\.g[0-9]+)?\\.(tsv|sum)");
    private static final Pattern INDEX_FILE = Pattern.compile("[A-Za-z0-9_.-]{1,40}-[0-9a-f]{16}(\\.g[0-9]+)?\\.(idx|sum)");

    private StoreFiles() {
    }

    static String seriesFile(String dataset, String seriesId, long generation) {
        String base = SERIES_DIR + "/" + safe(dataset) + "-" + String.format(Locale.ROOT, "%016x", Fingerprints.of(seriesId));
        return generation == 0 ? base + ".tsv" : base + ".g" + generation + ".tsv";
    }

    static String indexFile(String dataset, long generation) {
        String base = INDEX_DIR + "/" + safe(dataset) + "-" + String.format(Locale.ROOT, "%016x", Fingerprints.of(dataset));
        return generation == 0 ? base + ".idx" : base + ".g" + generation + ".idx";
    }

    /** Whether a manifest's file reference is one of ours: no path tricks can leave the store. */
    static boolean isOwnDataFile(String relative) {
        int slash = relative.indexOf('/');
        if (slash < 0 || relative.indexOf('/', slash + 1) >= 0) {
            return false;
        }
        String dir = relative.substring(0, slash);
        String name = relative.substring(slash + 1);
        return SERIES_DIR.equals(dir) && name.endsWith(".tsv") && SERIES_FILE.matcher(name).matches()
                || INDEX_DIR.equals(dir) && name.endsWith(".idx") && INDEX_FILE.matcher(name).matches();
    }

    static boolean isOwnFileName(String dir, String name) {
        return SERIES_DIR.equals(dir) ? SERIES_FILE.matcher(name).matches() : INDEX_FILE.matcher(name).matches();
    }

    /** Compiled once: every series file name of an ingest goes through it (String.replaceAll compiles per call). */
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_.-]");

    private static String safe(String dataset) {
        String safe = UNSAFE.matcher(dataset).replaceAll("_");
        if (safe.startsWith(".")) {
            safe = "_" + safe.substring(1);
        }
        return safe.length() > 40 ? safe.substring(0, 40) : safe;
    }

    /** What is at {@code path}, links not followed; {@code null} when nothing is. */
    static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Whether {@code path} is a directory itself, not a link to one. */
    static boolean isRealDirectory(Path path) throws IOException {
        BasicFileAttributes attributes = attributes(path);
        return attributes != null && attributes.isDirectory();
    }

    /** What a file that is not regular is, for messages. */
    static String kind(BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return "a symbolic link";
        }
        if (attributes.isDirectory()) {
            return "a directory";
        }
        return attributes.isRegularFile() ? "a regular file" : "a special file (FIFO, socket or device)";
    }

    /**
     * Opens a store file, which must be a regular file: a link placed in the store would make a writer
     * change the file it points to, a FIFO would make a reader wait forever. The check comes first and
     * the file is opened without following links, so that a link swapped in after the check fails to open.
     */
    static FileChannel openRegular(Path file, OpenOption... options) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            throw notRegular(file, attributes);
        }
        OpenOption[] noFollow = Arrays.copyOf(options, options.length + 1);
        noFollow[options.length] = LinkOption.NOFOLLOW_LINKS;
        return FileChannel.open(file, noFollow);
    }

    static StoreDamagedException notRegular(Path file, BasicFileAttributes attributes) {
        return new StoreDamagedException("history store damaged: " + file + " is " + kind(attributes) + ", not a regular file");
    }

    /**
     * Bytes {@code [from, committed)} of a store file that must be a regular file at least {@code committed}
     * bytes long (shorter is damage: its committed bytes are gone).
     */
    static byte[] readCommitted(Path file, long committed, long from) throws IOException {
        try (FileChannel channel = openRegular(file, StandardOpenOption.READ)) {
            return readCommitted(channel, file, committed, from);
        }
    }

    /** As {@link #readCommitted(Path, long, long)}, through a channel open on {@code file}. */
    static byte[] readCommitted(FileChannel channel, Path file, long committed, long from) throws IOException {
        checkCommitted(channel, file, committed);
        return read(channel, from, committed);
    }

    /**
     * The committed bytes of a file from its start into {@code reuse} when it is long enough, else into a new
     * array: a reader of file after file (the export) then allocates (and touches) memory for the largest only.
     * The bytes beyond {@code committed} are left as they were.
     */
    static byte[] readCommitted(Path file, long committed, byte[] reuse) throws IOException {
        try (FileChannel channel = openRegular(file, StandardOpenOption.READ)) {
            checkCommitted(channel, file, committed);
            int length = Math.toIntExact(committed);
            byte[] bytes = reuse != null && reuse.length >= length ? reuse : new byte[Math.max(length, reuse == null ? 0 : reuse.length * 2)];
            fill(channel, ByteBuffer.wrap(bytes, 0, length), 0);
            return bytes;
        }
    }

    private static void checkCommitted(FileChannel channel, Path file, long committed) throws IOException {
        if (channel.size() < committed) {
            throw new StoreDamagedException("history store damaged: " + file + " is shorter (" + channel.size()
                    + " bytes) than its committed " + committed + " bytes");
        }
    }

    /** Bytes {@code [from, to)} of an open file. */
    static byte[] read(FileChannel channel, long from, long to) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(to - from));
        fill(channel, buffer, from);
        return buffer.array();
    }

    private static void fill(FileChannel channel, ByteBuffer buffer, long from) throws IOException {
        int start = buffer.position();
        while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position() - start) >= 0) {
            // a read may return fewer bytes than asked for
        }
    }

    /** Appends bytes at {@code offset} (cutting off anything beyond it first) and forces them to disk. */
    static void appendAt(Path file, long offset, byte[] bytes) throws IOException {
        writeAt(file, offset, bytes, bytes.length, true);
    }

    /**
     * As {@link #appendAt(Path, long, byte[])} without forcing: the caller forces the file later with
     * {@link #forceAll}, before it commits anything that counts on these bytes.
     */
    static void writeAt(Path file, long offset, byte[] bytes) throws IOException {
        writeAt(file, offset, bytes, bytes.length, false);
    }

    /** As {@link #writeAt(Path, long, byte[])}, of the first {@code length} bytes. */
    static void writeAt(Path file, long offset, byte[] bytes, int length) throws IOException {
        writeAt(file, offset, bytes, length, false);
    }

    private static void writeAt(Path file, long offset, byte[] bytes, int length, boolean force) throws IOException {
        BasicFileAttributes attributes = attributes(file);
        if (attributes != null && !attributes.isRegularFile()) {
            throw notRegular(file, attributes);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            writeAt(channel, offset, bytes, length, force);
        }
        catch (FileSystemException e) {
            throw e;
        }
        catch (IOException e) {
            throw named(file, e);
        }
    }

    /**
     * A write error that names the file: "No space left on device" alone does not say where. (Opening
     * errors are {@link FileSystemException}s that name it already.)
     */
    private static FileSystemException named(Path file, IOException e) {
        FileSystemException named = new FileSystemException(file.toString(), null, e.getMessage());
        named.initCause(e);
        return named;
    }

    /** As {@link #appendAt(Path, long, byte[])}, through a channel open for writing. */
    static void appendAt(FileChannel channel, long offset, byte[] bytes) throws IOException {
        writeAt(channel, offset, bytes, bytes.length, true);
    }

    /** As {@link #writeAt(Path, long, byte[])}, through a channel open for writing. */
    static void writeAt(FileChannel channel, long offset, byte[] bytes) throws IOException {
        writeAt(channel, offset, bytes, bytes.length, false);
    }

    /** As {@link #writeAt(FileChannel, long, byte[])}, of the first {@code length} bytes. */
    static void writeAt(FileChannel channel, long offset, byte[] bytes, int length) throws IOException {
        writeAt(channel, offset, bytes, length, false);
    }

    private static void writeAt(FileChannel channel, long offset, byte[] bytes, int length, boolean force) throws IOException {
        if (channel.size() != offset) {
            channel.truncate(offset);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        long position = offset;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        if (force) {
            channel.force(false);
        }
    }

    /** Files forced at once at most: each force mostly waits for the disk, so they overlap. */
    private static final int PARALLEL_FORCES = 16;

    /**
     * Forces the written bytes of {@code files} to disk, several at a time. One force is one journal
     * commit of the file system (~4 ms on a virtual disk); a night's ingest appends to ~400 files, and
     * forces issued together share commits: 1.5 s one after another, 0.1 s sixteen at a time. Returns
     * when every file is forced; the first failure is thrown.
     */
    static void forceAll(Collection<Path> files) throws IOException {
        forceAll(files, Map.of());
    }

    /**
     * As {@link #forceAll(Collection)}; files in {@code open} are forced through their channel there (open for
     * writing), not opened again: an ingest still holds most of what it appended to.
     */
    static void forceAll(Collection<Path> files, Map<Path, FileChannel> open) throws IOException {
        forceAll(files, open, QUICK_FORCE_NANOS);
    }

    /** As {@link #forceAll(Collection, Map)}, with the time within which a force counts as quick (tests take 0). */
    static void forceAll(Collection<Path> files, Map<Path, FileChannel> open, long quickForceNanos) throws IOException {
        // One after another while forces return at once (a device whose write cache is safe, a file system without a
        // journal): sixteen threads cost more than the forces then. From the first that waits for the disk on, the
        // rest are forced together.
        List<Path> rest = new ArrayList<>(files);
        while (!rest.isEmpty()) {
            long started = System.nanoTime();
            force(rest.remove(rest.size() - 1), open);
            if (System.nanoTime() - started >= quickForceNanos) {
                break;
            }
        }
        if (rest.size() <= 1) {
            for (Path file : rest) {
                force(file, open);
            }
            return;
        }
        forceTogether(rest, open);
    }

    /** A force that returns within this did not wait for a disk. */
    private static final long QUICK_FORCE_NANOS = 500_000;

    private static void forceTogether(List<Path> files, Map<Path, FileChannel> open) throws IOException {
        ExecutorService forcing = Executors.newFixedThreadPool(Math.min(PARALLEL_FORCES, files.size()), task -> {
            Thread thread = new Thread(task, "history store force");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Void>> forced = new ArrayList<>(files.size());
            for (Path file : files) {
                forced.add(forcing.submit(() -> {
                    force(file, open);
                    return null;
                }));
            }
            IOException failure = null;
            for (Future<Void> future : forced) {
                try {
                    future.get();
                }
                catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                    }
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while forcing history store files to disk");
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
        finally {
            forcing.shutdownNow();
        }
    }

    private static void force(Path file, Map<Path, FileChannel> open) throws IOException {
        FileChannel channel = open.get(file);
        if (channel == null) {
            force(file);
            return;
        }
        try {
            channel.force(false);
        }
        catch (IOException e) {
            throw named(file, e);
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            channel.force(false);
        }
        catch (FileSystemException e) {
            throw e;
        }
        catch (IOException e) {
            throw named(file, e);
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
            catch (FileSystemException e) {
                throw e;
            }
            catch (IOException e) {
                throw named(target, e);
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
