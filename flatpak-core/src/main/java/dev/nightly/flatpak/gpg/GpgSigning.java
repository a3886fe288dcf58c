package dev.nightly.flatpak.gpg;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Which GPG key signs commits and summaries, in one of two forms:
 * <ul>
 * <li>{@link #key(String, Path)}: a key id (or fingerprint) in an existing homedir (null: gpg's default);</li>
 * <li>{@link #secretKeyFile(Path, Path)}: an armored secret key file that is imported into a fresh,
 *     short-path homedir for the duration of one build or publish, and removed afterwards. A
 *     passphrase, if the key has one, is read from a file and handed to the gpg-agent of that
 *     homedir; it never appears on a command line.</li>
 * </ul>
 *
 * @param keyId          key id or fingerprint; with a key file it selects one of its keys (may be null)
 * @param homedir        GPG homedir of {@code keyId}, null for gpg's default; unused with a key file
 * @param secretKeyFile  armored secret key to import, or null
 * @param passphraseFile file holding the key's passphrase (first line), or null
 */
public record GpgSigning(String keyId, Path homedir, Path secretKeyFile, Path passphraseFile) {
    public static GpgSigning key(String keyId, Path homedir) {
        return new GpgSigning(keyId, homedir, null, null);
    }

    public static GpgSigning secretKeyFile(Path armoredSecretKey, Path passphraseFile) {
        return new GpgSigning(null, null, armoredSecretKey, passphraseFile);
    }

    public GpgSigning withKeyId(String id) {
        return new GpgSigning(id, homedir, secretKeyFile, passphraseFile);
    }

    public Optional<Path> keyFile() {
        return Optional.ofNullable(secretKeyFile);
    }

    /** A description for messages: never the key material or passphrase. */
    public String describe() {
        if (secretKeyFile != null) {
            return "GPG key file " + secretKeyFile;
        }
        return "GPG key " + keyId + (homedir == null ? "" : " in homedir " + homedir);
    }
}
