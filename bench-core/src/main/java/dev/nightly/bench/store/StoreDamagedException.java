package dev.nightly.bench.store;

import dev.nightly.bench.model.BadInputException;

/**
 * A history store whose files do not say what its manifest says: missing, shorter, cut, edited, or not a
 * regular file. Writers refuse such a store rather than build on it; {@code StoreRepair} mends it.
 */
public class StoreDamagedException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public StoreDamagedException(String message) {
        super(message);
    }
}
