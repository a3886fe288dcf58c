package io.jenkins.plugins.flatpak.publish;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/**
 * One publish at a time per destination, across all jobs of this controller. The engine's own lock
 * (a file lock in a local web root, a lock file per rsync target on the agent's machine) cannot see a
 * second agent publishing to the same web host; this one can, because every publish of every agent is
 * started from the controller. It is held by the step's background thread for the whole publish and
 * released when it ends or is aborted. A controller restart ends the steps that hold it (a
 * {@code SynchronousNonBlockingStepExecution} does not resume), so no lock outlives its holder.
 */
public final class PublishLocks {
    private static final ConcurrentMap<String, Holder> LOCKS = new ConcurrentHashMap<>();

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

    /**
     * Waits (interruptibly: aborting the build stops the wait) until no other publish to {@code key}
     * runs, then holds the destination until the lease is closed.
     *
     * @param owner shown to the builds that wait, e.g. {@code nightly #42}
     */
    public static Lease acquire(String key, String owner, PrintStream log) throws InterruptedException {
        Holder holder = LOCKS.computeIfAbsent(key, k -> new Holder());
        if (!holder.permit.tryAcquire()) {
            String current = holder.owner;
            log.println("Waiting for " + (current == null ? "another publish" : current)
                    + " to finish publishing to the same destination");
            holder.permit.acquire();
        }
        holder.owner = owner;
        return new Lease(holder);
    }

    /** Whether a publish to {@code key} is running now. */
    static boolean isHeld(String key) {
        Holder holder = LOCKS.get(key);
        return holder != null && holder.permit.availablePermits() == 0;
    }

    private static final class Holder {
        private final Semaphore permit = new Semaphore(1, true);
        private volatile String owner;
    }

    /** A held destination; {@link #close()} lets the next publish in. */
    public static final class Lease implements AutoCloseable {
        private final Holder holder;
        private boolean closed;

        private Lease(Holder holder) {
            this.holder = holder;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                holder.owner = null;
                holder.permit.release();
            }
        }
    }
}
