package dev.nightly.flatpak.repo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code .flatpakref} file: what {@code flatpak install --from URL} reads to install one application
 * (or runtime) from a repository. Fields as flatpak documents them; empty ones are left out.
 *
 * @param name              application id (required)
 * @param branch            branch, e.g. {@code nightly}
 * @param url               public URL of the OSTree repository (required)
 * @param title             human title
 * @param homepage          project home page
 * @param runtime           true for a runtime ({@code IsRuntime})
 * @param gpgKeyBase64      base64 of {@code gpg --export KEY}, one line
 * @param runtimeRepo       URL of a {@code .flatpakrepo} that provides the runtime
 * @param suggestRemoteName remote name the client should use
 */
public record FlatpakRefFile(String name, String branch, String url, String title, String homepage,
                             boolean runtime, String gpgKeyBase64, String runtimeRepo, String suggestRemoteName) {
    public FlatpakRefFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        RefFileText.checkSingleLine(gpgKeyBase64, "GPGKey");
    }

    /** The file's text. */
    public String render() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Version", "1");
        fields.put("Name", name);
        fields.put("Branch", branch);
        fields.put("Url", url);
        fields.put("Title", title);
        fields.put("Homepage", homepage);
        fields.put("IsRuntime", Boolean.toString(runtime));
        fields.put("GPGKey", gpgKeyBase64);
        fields.put("RuntimeRepo", runtimeRepo);
        fields.put("SuggestRemoteName", suggestRemoteName);
        return RefFileText.render("Flatpak Ref", fields);
    }
}
