package dev.nightly.bench.store;

import java.util.List;

/**
 * What {@link StoreVerifier} found.
 *
 * @param problems what is wrong, in file order; empty when the store is sound
 * @param notes    what is worth knowing but not wrong (series written before checksums were kept)
 */
public record StoreVerification(List<StoreProblem> problems, List<String> notes) {
    public StoreVerification {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    public boolean isSound() {
        return problems.isEmpty();
    }
}
