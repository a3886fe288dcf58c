package dev.nightly.flatpak.destination;

import java.nio.file.Path;

/**
 * Where a web root (an OSTree repository in {@code repo/} plus ref files and bundles) is published.
 * Implementations: {@link LocalDestination} (a directory any web server serves) and
 * {@link RsyncDestination} (rsync, usually over SSH). Create one with {@link Destinations#parse}.
 */
public interface Destination {
    /** For messages, e.g. the path or {@code host:path}. */
    String describe();

    /**
     * Checks that the destination can be written, changing nothing that clients see.
     *
     * @throws dev.nightly.flatpak.FlatpakInputException if it cannot
     */
    void checkWritable();

    /** Takes the exclusive publishing lock of this destination; blocks while another publisher has it. */
    DestinationLock lock();

    /**
     * Copies the currently published repository into {@code stagingRoot/repo}.
     *
     * @return false if nothing is published yet (stagingRoot/repo is then left absent)
     */
    boolean fetchRepository(Path stagingRoot);

    /** Brings the staged web root to the destination in the plan's order, deletions last. */
    void sync(Path stagingRoot, SyncPlan plan);

    /**
     * The URL through which the published repository is verified: the destination itself where this
     * machine can read it, otherwise the public URL.
     */
    String verificationUrl(String publicRepoUrl);
}
