package dev.nightly.flatpak.gpg;

import dev.nightly.flatpak.FlatpakFailureException;
import dev.nightly.flatpak.FlatpakInputException;
import dev.nightly.flatpak.process.Command;
import dev.nightly.flatpak.process.CommandExecutor;
import dev.nightly.flatpak.files.TempDirs;
import dev.nightly.flatpak.process.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A resolved signing key, ready for {@code --gpg-sign=}{@link #keyId()} {@code --gpg-homedir=}{@link
 * #homedir()}. Opening checks that the key exists and can sign; with a key file it imports the key into
 * a temporary homedir under /tmp (short: gpg-agent's socket path is limited to about 108 bytes) which
 * {@link #close()} removes after stopping its agent.
 */
public final class GpgSession implements AutoCloseable {
    /** Temporary homedirs are {@code /tmp/nfg<random>} (see {@link dev.nightly.flatpak.files.TempDirs}). */
    public static final String PREFIX = "nfg";

    private final CommandExecutor executor;
    private final Tools tools;
    private final String keyId;
    private final Path homedir;
    /** The temporary homedir of an imported key, locked while in use; null for a user's homedir. */
    private final TempDirs.Owned temporary;

    private GpgSession(CommandExecutor executor, Tools tools, String keyId, Path homedir, TempDirs.Owned temporary) {
        this.executor = executor;
        this.tools = tools;
        this.keyId = keyId;
        this.homedir = homedir;
        this.temporary = temporary;
    }

    /**
     * Resolves the key.
     *
     * @throws FlatpakInputException if the homedir, key file or key does not exist, or the key expired
     */
    public static GpgSession open(GpgSigning signing, CommandExecutor executor, Tools tools) {
        if (signing.secretKeyFile() != null) {
            return importKeyFile(signing, executor, tools);
        }
        if (signing.keyId() == null || signing.keyId().isBlank()) {
            throw new FlatpakInputException("no GPG key given: pass a key id (--gpg-key) or a secret key file");
        }
        if (signing.homedir() != null && !Files.isDirectory(signing.homedir())) {
            throw new FlatpakInputException("GPG homedir " + signing.homedir() + " does not exist");
        }
        String fingerprint = findSecretKey(executor, tools, signing.homedir(), signing.keyId(),
                () -> "unknown GPG key " + signing.keyId() + ": no such secret key in "
                        + (signing.homedir() == null ? "the default GPG homedir" : "GPG homedir " + signing.homedir()));
        return new GpgSession(executor, tools, fingerprint, signing.homedir(), null);
    }

    private static GpgSession importKeyFile(GpgSigning signing, CommandExecutor executor, Tools tools) {
        Path file = signing.secretKeyFile();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new FlatpakInputException("GPG secret key file " + file + " does not exist or is not readable");
        }
        if (signing.passphraseFile() != null && !Files.isReadable(signing.passphraseFile())) {
            throw new FlatpakInputException("GPG passphrase file " + signing.passphraseFile() + " is not readable");
        }
        TempDirs.Owned owned = TempDirs.create(homedirBase(), PREFIX);
        Path home = owned.dir();
        GpgSession session = new GpgSession(executor, tools, null, home, owned);
        try {
            if (signing.passphraseFile() != null) {
                // Only this agent, in this throw-away homedir, accepts preset passphrases.
                Files.writeString(home.resolve("gpg-agent.conf"), "allow-preset-passphrase\n");
            }
            int exit = executor.exitCode(Command.of(tools.gpg()).args("--homedir", home.toString(), "--batch",
                    "--import", file.toString()).build());
            if (exit != 0) {
                throw new FlatpakInputException("cannot import GPG secret key file " + file + ": not an armored secret key?");
            }
            String id = signing.keyId() == null ? "" : signing.keyId();
            String fingerprint = findSecretKey(executor, tools, home, id.isEmpty() ? null : id,
                    () -> id.isEmpty() ? "GPG key file " + file + " holds no secret key"
                            : "unknown GPG key " + id + ": not in key file " + file);
            if (signing.passphraseFile() != null) {
                presetPassphrase(executor, tools, home, fingerprint, signing.passphraseFile());
            }
            return new GpgSession(executor, tools, fingerprint, home, owned);
        } catch (IOException e) {
            session.close();
            throw new UncheckedIOException("cannot prepare GPG homedir " + home + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Where temporary homedirs go: /tmp, short, because gpg-agent's socket path is limited. */
    public static Path homedirBase() {
        Path tmp = Path.of("/tmp");
        return Files.isDirectory(tmp) ? tmp : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** Returns the fingerprint of the secret key that {@code id} names (the first one if id is null). */
    private static String findSecretKey(CommandExecutor executor, Tools tools, Path home, String id,
                                        java.util.function.Supplier<String> unknown) {
        Command.Builder list = gpg(tools, home).args("--with-colons", "--list-secret-keys");
        if (id != null) {
            list.arg("--").arg(id);
        }
        String listing;
        try {
            listing = executor.capture(list.build());
        } catch (FlatpakFailureException e) {
            throw new FlatpakInputException(unknown.get());
        }
        String validity = null;
        for (String line : listing.split("\n")) {
            String[] fields = line.split(":", -1);
            if (fields[0].equals("sec") && validity == null) {
                validity = fields.length > 1 ? fields[1] : "";
            } else if (fields[0].equals("fpr") && validity != null && fields.length > 9) {
                if (validity.equals("e")) {
                    throw new FlatpakInputException("GPG key " + fields[9] + " has expired: extend it or use another key");
                }
                if (validity.equals("r")) {
                    throw new FlatpakInputException("GPG key " + fields[9] + " is revoked: use another key");
                }
                return fields[9];
            }
        }
        throw new FlatpakInputException(unknown.get());
    }

    private static void presetPassphrase(CommandExecutor executor, Tools tools, Path home, String fingerprint,
                                         Path passphraseFile) throws IOException {
        String listing = executor.capture(gpg(tools, home).args("--with-colons", "--with-keygrip",
                "--list-secret-keys", "--", fingerprint).build());
        List<String> keygrips = new ArrayList<>();
        for (String line : listing.split("\n")) {
            String[] fields = line.split(":", -1);
            if (fields[0].equals("grp") && fields.length > 9) {
                keygrips.add(fields[9]);
            }
        }
        String passphrase = Files.readAllLines(passphraseFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
        String hex = HexFormat.of().formatHex(passphrase.getBytes(StandardCharsets.UTF_8)).toUpperCase(Locale.ROOT);
        StringBuilder script = new StringBuilder();
        for (String keygrip : keygrips) {
            script.append("PRESET_PASSPHRASE ").append(keygrip).append(" -1 ").append(hex).append('\n');
        }
        // The passphrase goes to the agent through a 0600 file in the private homedir, never argv.
        Path commands = home.resolve("preset");
        Files.createFile(commands, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(commands, script);
            executor.run(Command.of(tools.gpgConnectAgent()).args("--homedir", home.toString(),
                    "--run", commands.toString(), "/bye").build());
        } finally {
            Files.deleteIfExists(commands);
        }
    }

    private static Command.Builder gpg(Tools tools, Path home) {
        Command.Builder gpg = Command.of(tools.gpg());
        if (home != null) {
            gpg.args("--homedir", home.toString());
        }
        return gpg.arg("--batch");
    }

    /** Fingerprint of the signing key. */
    public String keyId() {
        return keyId;
    }

    /** The homedir to pass as {@code --gpg-homedir}, or null for gpg's default. */
    public Path homedir() {
        return homedir;
    }

    /** The {@code --gpg-sign=} and {@code --gpg-homedir=} options for flatpak and ostree. */
    public List<String> signingOptions() {
        List<String> options = new ArrayList<>();
        options.add("--gpg-sign=" + keyId);
        if (homedir != null) {
            options.add("--gpg-homedir=" + homedir);
        }
        return options;
    }

    /** {@code gpg --export KEY}: the binary public key. */
    public byte[] exportPublicKey() {
        byte[] key = executor.captureBytes(gpg(tools, homedir).args("--export", keyId).build());
        if (key.length == 0) {
            throw new FlatpakFailureException("gpg exported no public key for " + keyId);
        }
        return key;
    }

    /** The public key as flatpak's ref files want it: base64 of {@code gpg --export KEY}, one line. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(exportPublicKey());
    }

    /** Stops the agent of a temporary homedir and deletes it; nothing to do for a user's homedir. */
    @Override
    public void close() {
        if (temporary == null) {
            return;
        }
        try {
            executor.exitCode(Command.of(tools.gpgconf()).args("--homedir", homedir.toString(),
                    "--kill", "gpg-agent").build());
        } catch (RuntimeException e) {
            executor.log().println("warning: could not stop gpg-agent of " + homedir + ": " + e.getMessage());
        } finally {
            temporary.close();
        }
    }
}
