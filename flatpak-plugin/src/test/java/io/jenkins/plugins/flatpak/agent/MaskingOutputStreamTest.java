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
            assertThat(written()).as("the possible start of a secret is held back").isEqualTo("progress: ");
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
        assertThat(written()).as("no end of it starts a secret").isEqualTo("Downloading 42%");
        out.write("... ab".getBytes(StandardCharsets.UTF_8));
        out.flush();
        assertThat(written()).isEqualTo("Downloading 42%... ");
        out.close();
        assertThat(written()).isEqualTo("Downloading 42%... ab");
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

    @Test
    void shellQuotedAndEscapedFormsOfASecretAreMaskedToo() throws IOException {
        String secret = "it's a \"pass\" $word";
        try (MaskingOutputStream out = new MaskingOutputStream(sink, List.of(secret))) {
            out.write(("+ gpg --passphrase 'it'\"'\"'s a \"pass\" $word'\n"
                    + "+ gpg --passphrase 'it'\\''s a \"pass\" $word'\n"
                    + "+ gpg --passphrase \"it's a \\\"pass\\\" \\$word\"\n"
                    + "+ gpg --passphrase it\\'s\\ a\\ \\\"pass\\\"\\ \\$word\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(written()).isEqualTo("+ gpg --passphrase '****'\n+ gpg --passphrase '****'\n"
                + "+ gpg --passphrase \"****\"\n+ gpg --passphrase ****\n");
    }

    @Test
    void base64FormsAreMaskedAtEveryOffset() throws IOException {
        String secret = "deploy:correct horse battery";
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        String alone = b64.encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        String afterOne = b64.encodeToString(("u" + secret + "!").getBytes(StandardCharsets.UTF_8));
        String afterTwo = b64.encodeToString(("us" + secret).getBytes(StandardCharsets.UTF_8));
        try (MaskingOutputStream out = new MaskingOutputStream(sink, List.of(secret))) {
            out.write(("Authorization: Basic " + alone + "\n" + afterOne + "\n" + afterTwo + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        String text = written();
        assertThat(text.lines().toList()).hasSize(3).allMatch(line -> line.contains("****"));
        // What is left of each line is at most the few characters that mix the secret with its neighbours.
        assertThat(text.replace("Authorization: Basic ", "").lines())
                .allMatch(line -> line.replace("****", "").length() <= 6);
        assertThat(text).doesNotContain(alone.substring(4, 20));
    }
}
