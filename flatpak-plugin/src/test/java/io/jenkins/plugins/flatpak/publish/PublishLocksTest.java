package io.jenkins.plugins.flatpak.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PublishLocksTest {
    @Test
    void rsyncTargetsAreKeyedByHostAndPathWhateverTheUser() {
        assertThat(PublishLocks.key("deploy@web.example.org:/srv/flatpak/", true, "linux-1", "/ws"))
                .isEqualTo(PublishLocks.key("ci@web.example.org:/srv/flatpak", true, "linux-2", "/other"))
                .isEqualTo("rsync:web.example.org:/srv/flatpak");
        assertThat(PublishLocks.key("web.example.org:/srv/a", true, "n", "/ws"))
                .isNotEqualTo(PublishLocks.key("web.example.org:/srv/b", true, "n", "/ws"));
    }

    @Test
    void localDirectoriesAreKeyedByAgentAndNormalizedPath() {
        assertThat(PublishLocks.key("www", false, "linux-1", "/var/jenkins/workspace/job"))
                .isEqualTo(PublishLocks.key("/var/jenkins/workspace/job/./www/", false, "linux-1", "/elsewhere"))
                .isEqualTo(PublishLocks.key("/var/jenkins/workspace/job/sub/../www", false, "linux-1", "/x"))
                .isEqualTo("node:linux-1:/var/jenkins/workspace/job/www");
        assertThat(PublishLocks.key("/srv/www", false, "linux-1", "/ws"))
                .isNotEqualTo(PublishLocks.key("/srv/www", false, "linux-2", "/ws"));
    }

    @Test
    void aSecondPublishWaitsUntilTheFirstIsDone() throws Exception {
        String key = "rsync:test-host:/serialize";
        List<String> events = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream waitingLog = new ByteArrayOutputStream();
        CountDownLatch secondStarted = new CountDownLatch(1);

        PublishLocks.Lease first = PublishLocks.acquire(key, "nightly #1", new PrintStream(new ByteArrayOutputStream()));
        events.add("first acquired");
        Thread second = new Thread(() -> {
            secondStarted.countDown();
            try (PublishLocks.Lease lease = PublishLocks.acquire(key, "other #7",
                    new PrintStream(waitingLog, true, StandardCharsets.UTF_8))) {
                events.add("second acquired");
            } catch (InterruptedException e) {
                events.add("interrupted");
            }
        });
        second.start();
        secondStarted.await();
        // Give the second publish time to reach the lock; it must not get it while the first holds it.
        second.join(300);
        assertThat(second.isAlive()).isTrue();
        assertThat(PublishLocks.isHeld(key)).isTrue();
        events.add("first released");
        first.close();
        second.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(events).containsExactly("first acquired", "first released", "second acquired");
        assertThat(waitingLog.toString(StandardCharsets.UTF_8)).contains("Waiting for nightly #1 to finish publishing");
        assertThat(PublishLocks.isHeld(key)).isFalse();
    }

    @Test
    void abortingAWaitingPublishLeavesTheLockToTheHolder() throws Exception {
        String key = "rsync:test-host:/abort";
        PublishLocks.Lease holder = PublishLocks.acquire(key, "nightly #2", new PrintStream(new ByteArrayOutputStream()));
        List<String> events = new CopyOnWriteArrayList<>();
        Thread waiter = new Thread(() -> {
            try (PublishLocks.Lease lease = PublishLocks.acquire(key, "x", new PrintStream(new ByteArrayOutputStream()))) {
                events.add("acquired");
            } catch (InterruptedException e) {
                events.add("interrupted");
            }
        });
        waiter.start();
        waiter.join(200);
        waiter.interrupt();
        waiter.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(events).containsExactly("interrupted");
        assertThat(PublishLocks.isHeld(key)).isTrue();
        holder.close();
        holder.close();
        assertThat(PublishLocks.isHeld(key)).isFalse();
    }
}
