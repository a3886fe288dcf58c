package dev.nightly.flatpak.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nightly.flatpak.FlatpakInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the engine needs to know of a flatpak-builder manifest before running it: the application id
 * and the branch, if the manifest fixes one. flatpak-builder itself does the full parsing; this only
 * catches the common mistakes early, with a message that says where.
 *
 * @param path   the manifest file
 * @param appId  {@code app-id} (or {@code id})
 * @param branch {@code branch}, if set
 */
public record Manifest(Path path, String appId, Optional<String> branch) {
    private static final Pattern APP_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*){2,}");
    private static final Pattern YAML_TOP_LEVEL = Pattern.compile("^(app-id|id|branch|modules)\\s*:\\s*(.*?)\\s*$");

    /** Reads a JSON ({@code .json}) or YAML ({@code .yml}, {@code .yaml}) manifest. */
    public static Manifest read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new FlatpakInputException("manifest " + path + " does not exist");
        }
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FlatpakInputException("manifest " + path + " cannot be read: " + e.getMessage());
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        Manifest manifest = name.endsWith(".yml") || name.endsWith(".yaml") ? readYaml(path, text) : readJson(path, text);
        if (!APP_ID.matcher(manifest.appId()).matches()) {
            throw new FlatpakInputException("manifest " + path + ": app-id '" + manifest.appId()
                    + "' is not a valid application id (like org.example.App)");
        }
        return manifest;
    }

    private static Manifest readJson(Path path, String text) {
        JsonNode root;
        try {
            // flatpak-builder accepts /* */ comments in JSON manifests
            root = new ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_COMMENTS).readTree(text);
        } catch (JsonProcessingException e) {
            throw new FlatpakInputException("manifest " + path + " is not valid JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new FlatpakInputException("manifest " + path + " is not a JSON object");
        }
        String appId = root.hasNonNull("app-id") ? root.get("app-id").asText() : root.path("id").asText("");
        if (appId.isBlank()) {
            throw new FlatpakInputException("manifest " + path + " has no app-id");
        }
        if (!root.path("modules").isArray()) {
            throw new FlatpakInputException("manifest " + path + " has no modules list");
        }
        Optional<String> branch = root.hasNonNull("branch") ? Optional.of(root.get("branch").asText()) : Optional.empty();
        return new Manifest(path, appId, branch);
    }

    /** Top-level keys only: enough for app-id and branch without a YAML library. */
    private static Manifest readYaml(Path path, String text) {
        String appId = null;
        String branch = null;
        boolean modules = false;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replace("\r", "");
            if (line.indexOf('\t') >= 0 && line.strip().length() > 0 && line.startsWith("\t")) {
                throw new FlatpakInputException("manifest " + path + " line " + (i + 1) + ": YAML does not allow tabs for indentation");
            }
            Matcher m = YAML_TOP_LEVEL.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String value = unquote(m.group(2));
            switch (m.group(1)) {
                case "app-id", "id" -> appId = appId == null || m.group(1).equals("app-id") ? value : appId;
                case "branch" -> branch = value;
                default -> modules = true;
            }
        }
        if (appId == null || appId.isBlank()) {
            throw new FlatpakInputException("manifest " + path + " has no app-id");
        }
        if (!modules) {
            throw new FlatpakInputException("manifest " + path + " has no modules list");
        }
        return new Manifest(path, appId, Optional.ofNullable(branch).filter(b -> !b.isBlank()));
    }

    private static String unquote(String value) {
        String v = value;
        int comment = v.indexOf(" #");
        if (comment >= 0) {
            v = v.substring(0, comment).strip();
        }
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            v = v.substring(1, v.length() - 1);
        }
        return v;
    }
}
