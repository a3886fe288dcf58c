package dev.nightly.bench.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The results of tasks, taken in order by one thread while other threads work a few tasks ahead: an ingest of a
 * backfill formats the lines of the next series on the other cores while it writes the current one. Only a
 * window of results is held at once, so that memory stays bounded by a few series.
 */
final class Ahead<T> implements AutoCloseable {
    private final List<Callable<T>> tasks;
    private final ExecutorService pool;
    private final List<Future<T>> started = new ArrayList<>();
    private final int window;
    private int next;

    /** Runs {@code tasks} on {@code threads} threads (none: each in {@link #next()}, on the caller's thread). */
    Ahead(List<Callable<T>> tasks, int threads) {
        this.tasks = tasks;
        this.window = threads * 2;
        this.pool = threads == 0 ? null : Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, "nightly-store");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Threads worth starting for {@code work} units of work: none when it is small, else one per core up to four
     * (a Jenkins controller may have dozens of cores, and each thread holds a few series' lines).
     */
    static int threadsFor(long work, long worthFrom) {
        int cores = Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
        return work < worthFrom || cores < 2 ? 0 : cores;
    }

    private static final int MAX_THREADS = 4;

    boolean hasNext() {
        return next < tasks.size();
    }

    /** The next task's result; what it threw, it throws here (as it is, or in an {@link IllegalStateException}). */
    T next() throws Exception {
        if (pool == null) {
            return tasks.get(next++).call();
        }
        while (started.size() < tasks.size() && started.size() < next + window) {
            started.add(pool.submit(tasks.get(started.size())));
        }
        Future<T> result = started.get(next);
        started.set(next, null);
        next++;
        try {
            return result.get();
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof Exception exception) {
                throw exception;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
