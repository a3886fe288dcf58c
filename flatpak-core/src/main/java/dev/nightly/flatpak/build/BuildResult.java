package dev.nightly.flatpak.build;

import dev.nightly.flatpak.repo.Ref;
import java.nio.file.Path;

/**
 * The outcome of a build.
 *
 * @param repo   the repository the app was exported to
 * @param ref    the app's ref in it, e.g. {@code app/org.example.App/x86_64/nightly}
 * @param commit the commit the ref now points at
 */
public record BuildResult(Path repo, Ref ref, String commit) {
}
