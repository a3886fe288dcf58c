package dev.nightly.flatpak.publish;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a publish.
 *
 * @param destination where it went
 * @param repoUrl     public URL of the repository
 * @param commits     published ref to its new head commit (all app and runtime refs of the build repository)
 * @param files       files written next to the repository: .flatpakref, .flatpakrepo, bundles
 * @param verified    whether the published repository was read back and checked
 */
public record PublishResult(String destination, String repoUrl, Map<String, String> commits, List<String> files,
                            boolean verified) {
    public PublishResult {
        commits = Map.copyOf(commits);
        files = List.copyOf(files);
    }
}
