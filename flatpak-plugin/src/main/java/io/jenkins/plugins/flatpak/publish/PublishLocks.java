package io.jenkins.plugins.flatpak.publish;

import hudson.XmlFile;
import hudson.model.Run;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;

/**
 * One publish at a time per destination, across all jobs of this controller. The engine's own lock
 * (a file lock in a local web root, a lock file per rsync target on the agent's machine) cannot see a
 * second agent publishing to the same web host; this one can, because every publish of every agent is
 * started from the controller.
 *
 * <p>Two kinds of holders: a {@code flatpakPublish} step holds it from its background thread for the
 * whole publish (a controller restart ends that step, so its hold ends too); a
 * {@code flatpakPublishLock} block waits without any thread or executor and holds it for its body,
 * across restarts: its holds are written to {@code JENKINS_HOME/}{@value #FILE}, and a hold whose build
 * is no longer running is dropped. Waiters are served first come, first served.
 */
public final class PublishLocks {
    private static final Logger LOGGER = Logger.getLogger(PublishLocks.class.getName());
    static final String FILE = "io.jenkins.plugins.flatpak.publish.PublishLocks.xml";
    /** How often holds of builds that stopped running are looked for while someone waits. */
    private static final long STALE_CHECK_SECONDS = 10;

    /** Guards everything below. */
    private static final Object TABLE_LOCK = new Object();
    private static final Map<String, Entry> TABLE = new HashMap<>();
    private static boolean loaded;
    private static boolean staleCheckScheduled;

    private PublishLocks() {
    }

    /**
     * The identity of a destination: {@code host:path} for rsync targets (the user name does not
     * change which files are written), {@code node:path} for a directory of an agent.
     *
     * @param dest      the step's destination
     * @param remote    whether it is an rsync target
     * @param node      name of the agent the step runs on ("" for the built-in node)
     * @param workspace the workspace on that agent, against which a relative directory resolves
     */
    public static String key(String dest, boolean remote, String node, String workspace) {
        if (remote) {
            String target = dest.substring(dest.indexOf('@') >= 0 && dest.indexOf('@') < dest.indexOf(':')
                    ? dest.indexOf('@') + 1 : 0);
            return "rsync:" + stripSlashes(target);
        }
        String path = dest.startsWith("/") ? dest : workspace + "/" + dest;
        return "node:" + node + ":" + normalizeUnixPath(path);
    }

    /**
     * {@code /a/./b/../c/} to {@code /a/c}. Agents that run flatpak are Unix machines; the controller
     * may not be, so this does not use the controller's {@code java.nio.file.Path}.
     */
    static String normalizeUnixPath(String path) {
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    private static String stripSlashes(String path) {
        String result = path;
        while (result.length() > 1 && result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    /** One destination: who holds it and who waits, in order. */
    private static final class Entry {
        private Claim holder;
        private final Deque<Claim> waiting = new ArrayDeque<>();
    }

    /**
     * A claim on a destination.
     *
     * @param id        unique; for blocks {@code RUN-ID UUID}, saved with the block, the same after a restart
     * @param owner     shown to those who wait, e.g. {@code nightly #42}
     * @param run       externalizable id of the block's build, for holds that outlive a restart; null for
     *                  a step's hold
     * @param onGranted called (without any lock held, never blocking) when a waiting claim gets the
     *                  destination; null for a hold read back from disk
     */
    public record Claim(String id, String owner, String run, Runnable onGranted) {
    }

    /**
     * Takes the destination for {@code claim} if it is free (or held by a build that stopped), else
     * queues the claim: its {@link Claim#onGranted()} runs when the destination is handed to it.
     *
     * @return null if taken now, otherwise who holds it
     */
    public static String takeOrQueue(String key, Claim claim) {
        synchronized (TABLE_LOCK) {
            load();
            Entry entry = TABLE.computeIfAbsent(key, k -> new Entry());
            if (entry.holder == null || entry.holder.id().equals(claim.id()) || stopped(entry.holder)) {
                entry.holder = claim;
                save();
                return null;
            }
            entry.waiting.removeIf(waiting -> waiting.id().equals(claim.id()));
            entry.waiting.addLast(claim);
            scheduleStaleCheck();
            return entry.holder.owner();
        }
    }

    /** Whether {@code id} holds the destination (true also after a restart, for a hold read back). */
    public static boolean holds(String key, String id) {
        synchronized (TABLE_LOCK) {
            load();
            Entry entry = TABLE.get(key);
            return entry != null && entry.holder != null && entry.holder.id().equals(id);
        }
    }

    /** Gives up a claim: a hold is handed to the next in line, a waiting claim leaves the queue. */
    public static void release(String key, String id) {
        Claim next = null;
        synchronized (TABLE_LOCK) {
            load();
            Entry entry = TABLE.get(key);
            if (entry == null) {
                return;
            }
            entry.waiting.removeIf(waiting -> waiting.id().equals(id));
            if (entry.holder != null && entry.holder.id().equals(id)) {
                next = entry.waiting.pollFirst();
                entry.holder = next;
                if (next == null) {
                    TABLE.remove(key);
                }
                save();
            }
        }
        // The next in line learns it outside the table's lock: it may start a Pipeline body.
        Runnable granted = next == null ? null : next.onGranted();
        if (granted != null) {
            granted.run();
        }
    }

    /**
     * Waits (interruptibly: aborting the build stops the wait) until no other publish to {@code key}
     * runs, then holds the destination until the lease is closed. For {@code flatpakPublish}, on its
     * background thread.
     *
     * @param owner shown to the builds that wait, e.g. {@code nightly #42}
     */
    public static Lease acquire(String key, String owner, PrintStream log) throws InterruptedException {
        CompletableFuture<Void> granted = new CompletableFuture<>();
        Claim claim = new Claim("step " + UUID.randomUUID(), owner, null, () -> granted.complete(null));
        String current = takeOrQueue(key, claim);
        if (current != null) {
            log.println("Waiting for " + current + " to finish publishing to the same destination");
            try {
                granted.get();
            } catch (InterruptedException e) {
                release(key, claim.id());
                throw e;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Lease(key, claim.id());
    }

    /** Whether a publish to {@code key} is running now. */
    static boolean isHeld(String key) {
        synchronized (TABLE_LOCK) {
            Entry entry = TABLE.get(key);
            return entry != null && entry.holder != null;
        }
    }

    /** A hold of a build that no longer runs (deleted, finished, not resumed after a restart). */
    private static boolean stopped(Claim holder) {
        if (holder.run() == null) {
            return false;
        }
        Run<?, ?> run = Run.fromExternalizableId(holder.run());
        return run == null || !run.isBuilding();
    }

    private static void scheduleStaleCheck() {
        if (!staleCheckScheduled && Jenkins.getInstanceOrNull() != null) {
            staleCheckScheduled = true;
            Timer.get().scheduleWithFixedDelay(PublishLocks::dropStoppedHolders, STALE_CHECK_SECONDS,
                    STALE_CHECK_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static void dropStoppedHolders() {
        Map<String, String> stopped = new HashMap<>();
        synchronized (TABLE_LOCK) {
            for (Map.Entry<String, Entry> e : TABLE.entrySet()) {
                Claim holder = e.getValue().holder;
                if (holder != null && !e.getValue().waiting.isEmpty() && stopped(holder)) {
                    stopped.put(e.getKey(), holder.id());
                }
            }
        }
        stopped.forEach((key, id) -> {
            LOGGER.info(() -> "flatpakPublishLock: " + id + " no longer runs; handing " + key + " on");
            release(key, id);
        });
    }

    private static XmlFile file() {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        return jenkins == null ? null : new XmlFile(new File(jenkins.getRootDir(), FILE));
    }

    /** Reads the blocks' holds written before a restart, once. */
    private static void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        XmlFile file = file();
        if (file == null || !file.exists()) {
            return;
        }
        try {
            Object read = file.read();
            if (read instanceof Map<?, ?> holds) {
                for (Map.Entry<?, ?> hold : holds.entrySet()) {
                    String[] idAndRun = String.valueOf(hold.getValue()).split("\\|", 2);
                    String run = idAndRun.length > 1 ? idAndRun[1] : null;
                    TABLE.computeIfAbsent(String.valueOf(hold.getKey()), k -> new Entry()).holder =
                            new Claim(idAndRun[0], run, run, null);
                }
            }
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "flatpakPublishLock: cannot read " + file, e);
        }
    }

    /** Writes the blocks' holds (key to {@code ID|BUILD}; job names cannot contain {@code |}); a step's hold does not survive a restart anyway. */
    private static void save() {
        XmlFile file = file();
        if (file == null) {
            return;
        }
        HashMap<String, String> holds = new HashMap<>();
        for (Map.Entry<String, Entry> e : TABLE.entrySet()) {
            Claim holder = e.getValue().holder;
            if (holder != null && holder.run() != null) {
                holds.put(e.getKey(), holder.id() + "|" + holder.run());
            }
        }
        try {
            file.write(holds);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "flatpakPublishLock: cannot write " + file, e);
        }
    }

    /** Forgets everything, as a controller restart does to the steps' holds (tests). */
    static void resetForTest() {
        synchronized (TABLE_LOCK) {
            TABLE.clear();
            loaded = false;
        }
    }

    /** A held destination; {@link #close()} lets the next publish in. */
    public static final class Lease implements AutoCloseable {
        private final String key;
        private final String id;
        private boolean closed;

        private Lease(String key, String id) {
            this.key = key;
            this.id = id;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                release(key, id);
            }
        }
    }
}
