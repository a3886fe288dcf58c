package io.jenkins.plugins.flatpak.publish;

import java.io.Serializable;
import java.util.Set;
import java.util.TreeSet;

/**
 * The destinations the enclosing {@code flatpakPublishLock} blocks hold, in the context of their
 * bodies: a {@code flatpakPublish} to one of them does not wait for (its own) lock again.
 */
public final class HeldDestinations implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TreeSet<String> keys;

    private HeldDestinations(Set<String> keys) {
        this.keys = new TreeSet<>(keys);
    }

    /** {@code outer} (may be null) plus {@code key}. */
    static HeldDestinations with(HeldDestinations outer, String key) {
        Set<String> keys = new TreeSet<>(outer == null ? Set.of() : outer.keys);
        keys.add(key);
        return new HeldDestinations(keys);
    }

    boolean contains(String key) {
        return keys.contains(key);
    }
}
