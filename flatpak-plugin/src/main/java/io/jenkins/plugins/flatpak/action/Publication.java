package io.jenkins.plugins.flatpak.action;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code flatpakPublish}: where, when, which refs at which commits, the .flatpakref links and the
 * bundles. Kept in build.xml; plain fields so that XStream stores it as it is.
 */
public final class Publication {
    private final String destination;
    private final String repoUrl;
    private final long timestamp;
    private final Map<String, String> commits;
    private final Map<String, String> flatpakrefs;
    private final Map<String, String> bundleUrls;
    private final List<String> bundleArtifacts;
    private final boolean verified;

    /**
     * @param commits         ref to published commit
     * @param flatpakrefs     application id to the public URL of its .flatpakref
     * @param bundleUrls      bundle file name to its public URL
     * @param bundleArtifacts bundle file names archived as artifacts of the build
     */
    public Publication(String destination, String repoUrl, long timestamp, Map<String, String> commits,
                       Map<String, String> flatpakrefs, Map<String, String> bundleUrls, List<String> bundleArtifacts,
                       boolean verified) {
        this.destination = destination;
        this.repoUrl = repoUrl;
        this.timestamp = timestamp;
        this.commits = new LinkedHashMap<>(commits);
        this.flatpakrefs = new LinkedHashMap<>(flatpakrefs);
        this.bundleUrls = new LinkedHashMap<>(bundleUrls);
        this.bundleArtifacts = new ArrayList<>(bundleArtifacts);
        this.verified = verified;
    }

    public String getDestination() {
        return destination;
    }

    public String getRepoUrl() {
        return repoUrl;
    }

    public long getTimestamp() {
        return timestamp;
    }

    /** When it was published, for display. */
    public java.util.Date getDate() {
        return new java.util.Date(timestamp);
    }

    public Map<String, String> getCommits() {
        return Collections.unmodifiableMap(commits);
    }

    public Map<String, String> getFlatpakrefs() {
        return Collections.unmodifiableMap(flatpakrefs);
    }

    public Map<String, String> getBundleUrls() {
        return Collections.unmodifiableMap(bundleUrls);
    }

    public List<String> getBundleArtifacts() {
        return Collections.unmodifiableList(bundleArtifacts);
    }

    public boolean isVerified() {
        return verified;
    }

    /** The command that installs an application of this publication, for copy and paste. */
    public String installCommand(String appId) {
        String ref = flatpakrefs.get(appId);
        return ref == null ? null : "flatpak install --user --from " + ref;
    }

    /** One install command per application, in publication order. */
    public List<String> getInstallCommands() {
        return flatpakrefs.keySet().stream().map(this::installCommand).toList();
    }

    static String shorten(String commit) {
        return commit == null || commit.length() <= 12 ? commit : commit.substring(0, 12);
    }

    /** Shortened commits for display, same keys as {@link #getCommits()}. */
    public Map<String, String> getShortCommits() {
        Map<String, String> shortened = new LinkedHashMap<>();
        commits.forEach((ref, commit) -> shortened.put(ref, shorten(commit)));
        return shortened;
    }
}
