package dev.nightly.flatpak.publish;

import dev.nightly.flatpak.gpg.GpgSigning;
import dev.nightly.flatpak.process.JdkCommandRunner;
import java.nio.file.Path;

/**
 * A publish in a process of its own, for tests that kill it at a known step: {@code REPO DEST URL KEY
 * GNUPGHOME}. Prints the publisher's log on standard output and the published commits last.
 */
public final class PublishProcessMain {
    private PublishProcessMain() {
    }

    public static void main(String[] args) {
        PublishResult result = new FlatpakPublisher(new JdkCommandRunner(System.out), System.out).publish(
                PublishOptions.builder(Path.of(args[0]), args[1], args[2]).pruning(Pruning.keep(2)).title("Killed")
                        .signing(GpgSigning.key(args[3], Path.of(args[4]))).build());
        System.out.println("commits " + result.commits());
    }
}
