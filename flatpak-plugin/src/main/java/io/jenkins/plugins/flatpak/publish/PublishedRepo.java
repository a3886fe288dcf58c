package io.jenkins.plugins.flatpak.publish;

import dev.nightly.flatpak.publish.PublishResult;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a publish did, as it travels from the agent back to the controller.
 *
 * @param destination   where it went ({@code host:path} or a directory on the agent)
 * @param webRootUrl    public URL of the web root (the step's {@code url})
 * @param repoUrl       public URL of the OSTree repository
 * @param commits       each published ref and its new head commit
 * @param files         files written next to the repository: .flatpakref, .flatpakrepo, bundles
 * @param verified      whether the published repository was read back and checked
 * @param localWebRoot  the destination directory on the agent when it is local (bundles can be archived
 *                      from there), null for rsync destinations
 */
public record PublishedRepo(String destination, String webRootUrl, String repoUrl,
                            LinkedHashMap<String, String> commits, ArrayList<String> files, boolean verified,
                            String localWebRoot) implements Serializable {
    private static final long serialVersionUID = 1L;

    public PublishedRepo {
        commits = new LinkedHashMap<>(commits);
        files = new ArrayList<>(files);
    }

    static PublishedRepo of(PublishResult result, String webRootUrl, String localWebRoot) {
        return new PublishedRepo(result.destination(), webRootUrl, result.repoUrl(), new LinkedHashMap<>(result.commits()),
                new ArrayList<>(result.files()), result.verified(), localWebRoot);
    }

    /** Public URL of a file in the web root. */
    public String urlOf(String file) {
        return (webRootUrl.endsWith("/") ? webRootUrl : webRootUrl + "/") + file;
    }

    public List<String> flatpakrefs() {
        return files.stream().filter(f -> f.endsWith(".flatpakref")).toList();
    }

    public List<String> bundles() {
        return files.stream().filter(f -> f.endsWith(".flatpak")).toList();
    }

    /** The step's return value, for the Jenkinsfile. */
    public Map<String, Object> toStepResult() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("destination", destination);
        result.put("repoUrl", repoUrl);
        result.put("commits", new LinkedHashMap<>(commits));
        result.put("files", new ArrayList<>(files));
        result.put("flatpakrefUrls", new ArrayList<>(flatpakrefs().stream().map(this::urlOf).toList()));
        result.put("verified", verified);
        return result;
    }
}
