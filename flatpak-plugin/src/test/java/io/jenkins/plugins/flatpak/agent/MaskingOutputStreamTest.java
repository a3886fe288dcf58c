package io.jenkins.plugins.flatpak.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskingOutputStreamTest {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();

    private String written() {
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void masksEverySecretOnALine() throws IOException {
        try (MaskingOutputStream out = new MaskingOutputStream(sink, List.of("hunter2", "open sesame"))) {
            out.write("user hunter2 said open sesame twice: open sesame\nclean line\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(written()).isEqualTo("user **** said **** twice: ****\nclean line\n");
    }

    @Test
    void aSecretSplitAcrossWritesAndFlushesIsStillMasked() throws IOException {
        try (MaskingOutputStream out = new MaskingOutputStream(sink, List.of("s3cr3t-value"))) {
            out.write("progress: s3cr".getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(written()).as("the possible start of a secret is held back").isEqualTo("pro");
            out.write("3t-value done".getBytes(StandardCharsets.UTF_8));
            out.flush();
            out.write('\n');
        }
        assertThat(written()).isEqualTo("progress: **** done\n").doesNotContain("s3cr");
    }

    @Test
    void flushPassesOnTextThatCannotBeASecretYet() throws IOException {
        MaskingOutputStream out = new MaskingOutputStream(sink, List.of("abc"));
        out.write("Downloading 42%".getBytes(StandardCharsets.UTF_8));
        out.flush();
        assertThat(written()).isEqualTo("Downloading 4");
        out.close();
        assertThat(written()).isEqualTo("Downloading 42%");
    }

    @Test
    void withoutSecretsBytesPassUnchanged() throws IOException {
        try (MaskingOutputStream out = new MaskingOutputStream(sink, List.of("", "  "))) {
            out.write("a\u00e9b".getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(written()).isEqualTo("a\u00e9b");
        }
    }

    @Test
    void longerSecretsWinOverTheirPrefixes() throws IOException {
        try (MaskingOutputStream out = new MaskingOutputStream(sink, List.of("pass", "passphrase"))) {
            out.write("passphrase pass\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(written()).isEqualTo("**** ****\n");
    }
}
