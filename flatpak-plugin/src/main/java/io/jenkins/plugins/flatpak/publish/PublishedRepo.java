package io.jenkins.plugins.flatpak.publish;

import dev.nightly.flatpak.publish.PublishResult;
import java.io.PrintStream;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
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

    /** The names of files in the web root that the controller accepts from an agent. */
    private static final java.util.regex.Pattern SAFE_FILE = java.util.regex.Pattern.compile(
            "[A-Za-z0-9._-]+\\.flatpak(ref|repo)?");

    /**
     * Whether {@code url} is an absolute http(s) URL with a host: the only kind the build pages link.
     * A {@code javascript:} or {@code data:} URL in an {@code href} runs in the viewer's session, and
     * escaping does not stop it.
     */
    public static boolean isWebUrl(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * This answer as the controller may use it: an agent is not trusted, so every URL is built here
     * from the step's own {@code url} (checked by {@link #isWebUrl}) and only file names of the form
     * {@code NAME.flatpak}, {@code NAME.flatpakref} or {@code NAME.flatpakrepo} are kept; any other
     * name is dropped with a line in the log.
     *
     * @param stepUrl the step's {@code url}, already checked on the controller
     */
    public PublishedRepo checkedAgainst(String stepUrl, PrintStream log) {
        if (!isWebUrl(stepUrl)) {
            throw new IllegalArgumentException("not an http(s) URL: " + stepUrl);
        }
        ArrayList<String> accepted = new ArrayList<>();
        for (String file : files) {
            if (file != null && SAFE_FILE.matcher(file).matches()) {
                accepted.add(file);
            } else {
                log.println("flatpakPublish: ignoring the file name '" + printable(file)
                        + "' the agent reported: not NAME.flatpak, NAME.flatpakref or NAME.flatpakrepo");
            }
        }
        String webRoot = stepUrl.endsWith("/") ? stepUrl : stepUrl + "/";
        return new PublishedRepo(destination, stepUrl, webRoot + "repo/", commits, accepted, verified, localWebRoot);
    }

    private static String printable(String text) {
        if (text == null) {
            return "null";
        }
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
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
