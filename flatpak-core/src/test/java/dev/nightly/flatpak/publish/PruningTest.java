package dev.nightly.flatpak.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PruningTest {
    @Test
    void keepingNCommitsIsAPruneDepthOfNMinusOne() {
        assertThat(Pruning.keep(1).updateRepoOptions()).containsExactly("--prune", "--prune-depth=0");
        assertThat(Pruning.keep(20).updateRepoOptions()).containsExactly("--prune", "--prune-depth=19");
    }

    @Test
    void ageLimitBecomesAnAbsoluteOstreeDate() {
        Instant now = Instant.parse("2024-05-01T00:00:00Z");
        assertThat(Pruning.keep(5).ostreePruneOptions(now)).isEmpty();
        assertThat(Pruning.keep(5).olderThan(Duration.ofDays(30)).ostreePruneOptions(now)).contains(
                java.util.List.of("--refs-only", "--keep-younger-than=@" + Instant.parse("2024-04-01T00:00:00Z").getEpochSecond()));
    }
}
