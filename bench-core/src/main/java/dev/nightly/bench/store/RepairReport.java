package dev.nightly.bench.store;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link StoreRepair} did.
 *
 * @param actions what it changed, one line each, in the order done; empty when the store needed nothing
 * @param damaged the folder it put unusable files (and copies of mended ones) in, with {@code REPORT.txt};
 *                {@code null} when it put nothing aside
 */
public record RepairReport(List<String> actions, Path damaged) {
    public RepairReport {
        actions = List.copyOf(actions);
    }

    public boolean changedAnything() {
        return !actions.isEmpty();
    }
}
