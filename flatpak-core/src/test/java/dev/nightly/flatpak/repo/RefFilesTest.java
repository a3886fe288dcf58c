package dev.nightly.flatpak.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RefFilesTest {
    @Test
    void flatpakRefHasTheDocumentedKeysAndLeavesEmptyOnesOut() {
        String text = new FlatpakRefFile("org.kde.kube", "nightly", "https://files.kube-project.com/flatpak/repo/",
                "Kube Nightly", null, false, "mQINBFx==", "https://dl.flathub.org/repo/flathub.flatpakrepo", "kube").render();

        assertThat(text).isEqualTo("""
                [Flatpak Ref]
                Version=1
                Name=org.kde.kube
                Branch=nightly
                Url=https://files.kube-project.com/flatpak/repo/
                Title=Kube Nightly
                IsRuntime=false
                GPGKey=mQINBFx==
                RuntimeRepo=https://dl.flathub.org/repo/flathub.flatpakrepo
                SuggestRemoteName=kube
                """);
    }

    @Test
    void flatpakRepoHasTheDocumentedKeys() {
        String text = new FlatpakRepoFile("https://example.org/repo/", "Nightly", "https://example.org", null,
                "AAAA", "nightly").render();

        assertThat(text).isEqualTo("""
                [Flatpak Repo]
                Version=1
                Url=https://example.org/repo/
                Title=Nightly
                Homepage=https://example.org
                DefaultBranch=nightly
                GPGKey=AAAA
                """);
    }

    @Test
    void valuesMustBeSingleLines() {
        assertThatThrownBy(() -> new FlatpakRepoFile("https://example.org/repo/", "Two\nlines", null, null, null, null).render())
                .hasMessage("Title must be a single line");
        assertThatThrownBy(() -> new FlatpakRefFile("a.b.C", null, "u", null, null, false, "AA\nBB", null, null))
                .hasMessage("GPGKey must be a single line");
    }

    @Test
    void parsesFlatpakRefsAndIgnoresOthers() {
        assertThat(Ref.parse("app/org.kde.kube/x86_64/nightly")).contains(
                new Ref(Ref.Kind.APP, "org.kde.kube", "x86_64", "nightly"));
        assertThat(Ref.parse("runtime/org.kde.Platform/aarch64/5.15").map(Ref::isApp)).contains(false);
        assertThat(Ref.parse("appstream/x86_64")).isEmpty();
        assertThat(Ref.parse("ostree-metadata")).isEmpty();
    }
}
