package io.jenkins.plugins.flatpak.agent;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The forms in which a secret can show up in a log besides its own text: quoted for a POSIX shell
 * (a program that prints the command it runs, {@code set -x}, {@code printf %q}) and Base64-encoded
 * (an HTTP Basic header, a config dump). The same idea as credentials-binding's secret patterns,
 * written for this plugin's byte-wise masking.
 */
final class SecretForms {
    /** Encoded fragments shorter than this are not masked: they would hide ordinary text. */
    private static final int SHORTEST_ENCODED = 6;

    private SecretForms() {
    }

    /** The secret and every other form of it to mask; blank secrets have none. */
    static Set<String> of(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        if (secret == null || secret.isBlank()) {
            return forms;
        }
        forms.add(secret);
        // Inside single quotes a quote is written as '"'"' or '\'' (the text around it stays as it is).
        forms.add(secret.replace("'", "'\"'\"'"));
        forms.add(secret.replace("'", "'\\''"));
        // Inside double quotes \, ", $ and ` get a backslash.
        forms.add(secret.replaceAll("([\\\\\"$`])", "\\\\$1"));
        forms.add(backslashEscaped(secret));
        forms.addAll(base64(secret));
        return forms;
    }

    /** Unquoted with a backslash before every character the shell treats specially (bash's printf %q). */
    private static String backslashEscaped(String secret) {
        StringBuilder escaped = new StringBuilder(secret.length() * 2);
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            if (!(Character.isLetterOrDigit(c) || ",._+:@%/-=".indexOf(c) >= 0 || c > 127)) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /**
     * The Base64 characters that depend on the secret alone, for each of the three positions it can
     * have relative to the encoder's 3-byte groups when it is part of a longer encoded text; in the
     * standard and the URL-safe alphabet.
     */
    private static List<String> base64(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        Set<String> forms = new LinkedHashSet<>();
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + bytes.length];
            System.arraycopy(bytes, 0, shifted, shift, bytes.length);
            int from = (shift * 8 + 5) / 6;
            int to = (shifted.length * 8) / 6;
            for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                String encoded = encoder.withoutPadding().encodeToString(shifted);
                if (to - from >= SHORTEST_ENCODED) {
                    forms.add(encoded.substring(from, to));
                }
            }
        }
        return List.copyOf(forms);
    }
}
