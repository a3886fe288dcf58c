package dev.nightly.bench.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Pause points for tests that force an interleaving of two writers: with the system property
 * {@code nightly.store.pause=STEP=FILE}, a writer that reaches STEP writes {@code FILE.reached} and waits
 * until {@code FILE.release} exists. Without the property a pause point costs one property look-up.
 */
final class StorePause {
    static final String PROPERTY = "nightly.store.pause";

    /** After the new store's directory was checked, before its manifest is written (under the lock). */
    static final String INITIALIZE = "initialize";

    private StorePause() {
    }

    static void at(String step) {
        String setting = System.getProperty(PROPERTY);
        if (setting == null || !setting.startsWith(step + "=")) {
            return;
        }
        Path file = Path.of(setting.substring(step.length() + 1));
        Path release = file.resolveSibling(file.getFileName() + ".release");
        try {
            Files.writeString(file.resolveSibling(file.getFileName() + ".reached"), Long.toString(ProcessHandle.current().pid()));
            long deadline = System.nanoTime() + 600_000_000_000L;
            while (!Files.exists(release) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
