package io.jenkins.plugins.flatpak.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Replaces known secret values (passphrases) with {@code ****} in text on its way to the build log,
 * also in their shell-quoted and Base64 forms ({@link SecretForms}).
 * The engine never puts a secret on a command line or in a message; this is the second line of
 * defence, for a program that would echo one. Text is passed on per line; on a flush, the end of a
 * partial line is held back only while it is the start of a secret.
 */
public final class MaskingOutputStream extends OutputStream {
    private static final byte[] MASK = "****".getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;
    private final List<byte[]> secrets;
    /** The secrets by their first byte, longest first: most positions of a log start no secret. */
    private final Map<Byte, List<byte[]>> byFirstByte;
    private final int longest;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /** @param secrets values to hide; blank ones are ignored */
    public MaskingOutputStream(OutputStream out, List<String> secrets) {
        this.out = Objects.requireNonNull(out, "out");
        this.secrets = secrets.stream()
                .flatMap(s -> SecretForms.of(s).stream())
                .distinct()
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .sorted(Comparator.comparingInt((byte[] s) -> s.length).reversed())
                .toList();
        this.longest = this.secrets.isEmpty() ? 0 : this.secrets.get(0).length;
        this.byFirstByte = this.secrets.stream().collect(Collectors.groupingBy(s -> s[0]));
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (secrets.isEmpty()) {
            out.write(b);
            return;
        }
        line.write(b);
        if (b == '\n' || b == '\r') {
            emit(line.size());
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (secrets.isEmpty()) {
            out.write(b, off, len);
            return;
        }
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (!secrets.isEmpty()) {
            emit(safePrefixLength());
        }
        out.flush();
    }

    /** How much of the buffered text can go out: all but the shortest tail that could grow into a secret. */
    private int safePrefixLength() {
        byte[] buffered = line.toByteArray();
        for (int start = Math.max(0, buffered.length - (longest - 1)); start < buffered.length; start++) {
            for (byte[] secret : byFirstByte.getOrDefault(buffered[start], List.of())) {
                int tail = buffered.length - start;
                if (tail < secret.length && java.util.Arrays.equals(buffered, start, buffered.length, secret, 0, tail)) {
                    return start;
                }
            }
        }
        return buffered.length;
    }

    @Override
    public synchronized void close() throws IOException {
        emit(line.size());
        out.flush();
    }

    /** Writes the first {@code count} buffered bytes, masked, and keeps the rest. */
    private void emit(int count) throws IOException {
        byte[] buffered = line.toByteArray();
        if (buffered.length == 0) {
            return;
        }
        byte[] masked = mask(buffered);
        if (masked != buffered) {
            // A secret was found: the whole buffer is written so that no part of it stays behind.
            out.write(masked);
            line.reset();
            return;
        }
        out.write(buffered, 0, count);
        line.reset();
        line.write(buffered, count, buffered.length - count);
    }

    private byte[] mask(byte[] text) {
        ByteArrayOutputStream result = null;
        int i = 0;
        int copied = 0;
        while (i < text.length) {
            byte[] hit = secretAt(text, i);
            if (hit == null) {
                i++;
                continue;
            }
            if (result == null) {
                result = new ByteArrayOutputStream(text.length);
            }
            result.write(text, copied, i - copied);
            result.write(MASK, 0, MASK.length);
            i += hit.length;
            copied = i;
        }
        if (result == null) {
            return text;
        }
        result.write(text, copied, text.length - copied);
        return result.toByteArray();
    }

    private byte[] secretAt(byte[] text, int at) {
        for (byte[] secret : byFirstByte.getOrDefault(text[at], List.of())) {
            if (at + secret.length <= text.length && regionMatches(text, at, secret)) {
                return secret;
            }
        }
        return null;
    }

    private static boolean regionMatches(byte[] text, int at, byte[] secret) {
        for (int j = 0; j < secret.length; j++) {
            if (text[at + j] != secret[j]) {
                return false;
            }
        }
        return true;
    }
}
