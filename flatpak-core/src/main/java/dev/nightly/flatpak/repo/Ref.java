package dev.nightly.flatpak.repo;

import java.util.Optional;

/**
 * A flatpak ref, {@code app/ID/ARCH/BRANCH} or {@code runtime/ID/ARCH/BRANCH}.
 */
public record Ref(Kind kind, String id, String arch, String branch) {
    /** Application or runtime. */
    public enum Kind { APP, RUNTIME }

    /** Parses a ref; empty for OSTree refs that are not flatpak apps or runtimes (appstream/..., etc.). */
    public static Optional<Ref> parse(String ref) {
        String[] parts = ref.strip().split("/");
        if (parts.length != 4) {
            return Optional.empty();
        }
        Kind kind = switch (parts[0]) {
            case "app" -> Kind.APP;
            case "runtime" -> Kind.RUNTIME;
            default -> null;
        };
        return kind == null ? Optional.empty() : Optional.of(new Ref(kind, parts[1], parts[2], parts[3]));
    }

    public boolean isApp() {
        return kind == Kind.APP;
    }

    @Override
    public String toString() {
        return (kind == Kind.APP ? "app/" : "runtime/") + id + "/" + arch + "/" + branch;
    }
}
