package dev.nightly.flatpak.publish;

import dev.nightly.flatpak.FlatpakInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How much history a published repository keeps: the last {@code keep} commits of each ref, and
 * optionally nothing older than {@code maxAge} (the head of a ref always stays). Unreachable objects
 * and deltas go with the pruned commits.
 *
 * @param keep   commits per ref, at least 1
 * @param maxAge drop older commits, or null
 */
public record Pruning(int keep, Duration maxAge) {
    public Pruning {
        if (keep < 1) {
            throw new FlatpakInputException("--keep must be at least 1 (commits to keep per ref), not " + keep);
        }
        if (maxAge != null && maxAge.isNegative()) {
            throw new FlatpakInputException("the maximum age of commits must not be negative");
        }
    }

    /** Keeps everything flatpak keeps by default: a long history. */
    public static Pruning keep(int commits) {
        return new Pruning(commits, null);
    }

    public Pruning olderThan(Duration age) {
        return new Pruning(keep, age);
    }

    /** {@code flatpak build-update-repo} options: prune-depth counts ancestors, so keep N is depth N-1. */
    public List<String> updateRepoOptions() {
        List<String> options = new ArrayList<>();
        options.add("--prune");
        options.add("--prune-depth=" + (keep - 1));
        return options;
    }

    /**
     * The {@code ostree prune} options for the age limit, relative to {@code now}; empty without one.
     * OSTree keeps the commits refs point at; build-update-repo afterwards regenerates the summary.
     */
    public Optional<List<String>> ostreePruneOptions(Instant now) {
        if (maxAge == null) {
            return Optional.empty();
        }
        long cutoff = now.minus(maxAge).getEpochSecond();
        return Optional.of(List.of("--refs-only", "--keep-younger-than=@" + cutoff));
    }
}
