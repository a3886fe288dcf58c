package dev.nightly.flatpak.repo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code .flatpakrepo} file: what {@code flatpak remote-add --from URL} reads to add a repository
 * as a remote, GPG key included.
 *
 * @param url           public URL of the OSTree repository (required)
 * @param title         human title
 * @param homepage      project home page
 * @param comment       one-line description
 * @param gpgKeyBase64  base64 of {@code gpg --export KEY}, one line
 * @param defaultBranch branch clients use when they name none
 */
public record FlatpakRepoFile(String url, String title, String homepage, String comment, String gpgKeyBase64,
                              String defaultBranch) {
    public FlatpakRepoFile {
        Objects.requireNonNull(url, "url");
        RefFileText.checkSingleLine(gpgKeyBase64, "GPGKey");
    }

    /** The file's text. */
    public String render() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Version", "1");
        fields.put("Url", url);
        fields.put("Title", title);
        fields.put("Comment", comment);
        fields.put("Homepage", homepage);
        fields.put("DefaultBranch", defaultBranch);
        fields.put("GPGKey", gpgKeyBase64);
        return RefFileText.render("Flatpak Repo", fields);
    }
}
