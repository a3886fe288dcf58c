package dev.nightly.flatpak.repo;

import java.util.Map;

/** The key file syntax shared by .flatpakref and .flatpakrepo (GKeyFile: one group, key=value lines). */
final class RefFileText {
    private RefFileText() {
    }

    static String render(String group, Map<String, String> fields) {
        StringBuilder text = new StringBuilder("[").append(group).append("]\n");
        fields.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                checkSingleLine(value, key);
                text.append(key).append('=').append(value).append('\n');
            }
        });
        return text.toString();
    }

    static void checkSingleLine(String value, String key) {
        if (value != null && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException(key + " must be a single line");
        }
    }
}
