package dev.nightly.cli.flatpak;

import dev.nightly.flatpak.FlatpakInputException;
import dev.nightly.flatpak.gpg.GpgSigning;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The GPG options shared by build and publish (a picocli mixin). */
public final class GpgOptions {
    @Option(names = "--gpg-key", paramLabel = "ID", description = "GPG key id or fingerprint that signs.")
    String keyId;

    @Option(names = "--gpg-homedir", paramLabel = "DIR", description = "GPG homedir holding --gpg-key (default: gpg's).")
    Path homedir;

    @Option(names = "--gpg-key-file", paramLabel = "FILE",
            description = "Armored secret key to import into a temporary homedir, removed afterwards (instead of --gpg-homedir).")
    Path keyFile;

    @Option(names = "--gpg-passphrase-file", paramLabel = "FILE",
            description = "File whose first line is the passphrase of --gpg-key-file; never put on a command line.")
    Path passphraseFile;

    /** The signing configuration, or null when no key was given. */
    GpgSigning signing() {
        if (keyFile != null) {
            if (homedir != null) {
                throw new FlatpakInputException("--gpg-key-file and --gpg-homedir exclude each other: the key file is"
                        + " imported into a temporary homedir");
            }
            return GpgSigning.secretKeyFile(keyFile, passphraseFile).withKeyId(keyId);
        }
        if (passphraseFile != null) {
            throw new FlatpakInputException("--gpg-passphrase-file needs --gpg-key-file");
        }
        if (keyId == null) {
            if (homedir != null) {
                throw new FlatpakInputException("--gpg-homedir needs --gpg-key");
            }
            return null;
        }
        return GpgSigning.key(keyId, homedir);
    }
}
