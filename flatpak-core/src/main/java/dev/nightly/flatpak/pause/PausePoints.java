package dev.nightly.flatpak.pause;

import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Named steps of a publish at which a test can hold it, to force an interleaving instead of hoping for
 * one: a hook inside the JVM, or, for a real process that a test kills at a known step, the environment
 * variable {@value #ENVIRONMENT} naming the step (the process says so on its log and waits there until
 * it is killed). Without either, reaching a point costs a volatile read.
 */
public final class PausePoints {
    /** Names the step at which a publishing process stops and waits to be killed (tests only). */
    public static final String ENVIRONMENT = "NIGHTLY_TEST_PAUSE_AT";

    private static volatile Consumer<String> hook;

    private PausePoints() {
    }

    /** Called by the publisher at each named step. */
    public static void reach(String point, PrintStream log) {
        Consumer<String> current = hook;
        if (current != null) {
            current.accept(point);
        }
        if (point.equals(System.getenv(ENVIRONMENT))) {
            log.println("paused at " + point + " (" + ENVIRONMENT + ")");
            log.flush();
            try {
                while (true) {
                    Thread.sleep(60_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted at pause point " + point, e);
            }
        }
    }

    /** Installs a hook that sees every point reached (and may block there); close to remove it. */
    public static AutoCloseable install(Consumer<String> newHook) {
        hook = newHook;
        return () -> hook = null;
    }
}
