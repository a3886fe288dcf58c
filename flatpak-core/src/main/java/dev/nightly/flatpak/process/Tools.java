package dev.nightly.flatpak.process;

/**
 * The programs the engine runs, by name or path. The defaults rely on the PATH; a Jenkins node or a
 * test can point at other locations.
 */
public record Tools(String flatpak, String flatpakBuilder, String ostree, String gpg, String gpgconf,
                    String gpgConnectAgent, String rsync) {
    /** Looks every program up on the PATH. */
    public static Tools defaults() {
        return new Tools("flatpak", "flatpak-builder", "ostree", "gpg", "gpgconf", "gpg-connect-agent", "rsync");
    }

    public Tools withFlatpakBuilder(String path) {
        return new Tools(flatpak, path, ostree, gpg, gpgconf, gpgConnectAgent, rsync);
    }

    public Tools withFlatpak(String path) {
        return new Tools(path, flatpakBuilder, ostree, gpg, gpgconf, gpgConnectAgent, rsync);
    }
}
