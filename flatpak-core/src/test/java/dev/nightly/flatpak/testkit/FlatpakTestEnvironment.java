package dev.nightly.flatpak.testkit;

import dev.nightly.flatpak.files.FileTrees;
import dev.nightly.flatpak.process.Command;
import dev.nightly.flatpak.process.CommandExecutor;
import dev.nightly.flatpak.process.JdkCommandRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An isolated flatpak world for tests of the engine and of code built on it (CLI, Jenkins plugin):
 * its own HOME, XDG and flatpak directories and GNUPGHOME under one short temporary directory, a GPG
 * key without passphrase, and a tiny runtime and SDK made of the host's own binaries, as flatpak's test
 * suite does, installed into its user installation. Everything runs for real; nothing is downloaded.
 * {@link #close()} stops the gpg-agents and deletes the directory.
 */
public final class FlatpakTestEnvironment implements AutoCloseable {
    /** Host programs copied into the tiny runtime, with the libraries ldd lists for them. */
    private static final List<String> RUNTIME_PROGRAMS = List.of("bash", "ls", "cat", "echo", "mkdir", "cp",
            "install", "rm", "chmod", "env");

    private final Path root;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<Path> gnupgHomes = new ArrayList<>();

    private FlatpakTestEnvironment(Path root) throws IOException {
        this.root = root;
        Path home = root.resolve("h");
        put("HOME", home);
        put("XDG_DATA_HOME", home.resolve(".local/share"));
        put("XDG_CONFIG_HOME", home.resolve(".config"));
        put("XDG_CACHE_HOME", home.resolve(".cache"));
        put("XDG_RUNTIME_DIR", root.resolve("r"));
        put("FLATPAK_SYSTEM_DIR", root.resolve("sys"));
        put("FLATPAK_CONFIG_DIR", root.resolve("conf"));
        put("FLATPAK_RUN_DIR", root.resolve("run"));
        put("GNUPGHOME", root.resolve("g"));
        for (String name : List.of("XDG_RUNTIME_DIR", "GNUPGHOME")) {
            Files.setPosixFilePermissions(Path.of(environment.get(name)), PosixFilePermissions.fromString("rwx------"));
        }
        gnupgHomes.add(gnupgHome());
    }

    private void put(String name, Path dir) throws IOException {
        Files.createDirectories(dir);
        environment.put(name, dir.toString());
    }

    /** Creates the directories; short path under /tmp because of the gpg-agent socket length limit. */
    public static FlatpakTestEnvironment create() {
        try {
            return new FlatpakTestEnvironment(Files.createTempDirectory(Path.of("/tmp"), "nft"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    /** The variables that isolate this world; give them to every process. */
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    public Path gnupgHome() {
        return Path.of(environment.get("GNUPGHOME"));
    }

    /** A command runner whose processes live in this world. */
    public JdkCommandRunner runner(PrintStream log) {
        return new JdkCommandRunner(log, environment);
    }

    private CommandExecutor executor() {
        return new CommandExecutor(runner(System.out), System.out);
    }

    /** Generates an ed25519 signing key without passphrase in {@link #gnupgHome()}; returns its fingerprint. */
    public String generateKey(String name) {
        CommandExecutor executor = executor();
        executor.run(Command.of("gpg").args("--homedir", gnupgHome().toString(), "--batch", "--passphrase", "",
                "--quick-gen-key", name + " <nightly-test@example.invalid>", "ed25519", "sign", "never").build());
        String listing = executor.capture(Command.of("gpg").args("--homedir", gnupgHome().toString(), "--batch",
                "--with-colons", "--list-secret-keys", name).build());
        return listing.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
    }

    /**
     * Generates a passphrase-protected key in a separate homedir and writes it, armored, to
     * {@code armoredSecretKey}; the passphrase is taken from {@code passphraseFile}. Returns the fingerprint.
     */
    public String generateProtectedKeyFile(String name, Path passphraseFile, Path armoredSecretKey) {
        Path home = root.resolve("pg");
        try {
            Files.createDirectories(home);
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gnupgHomes.add(home);
        CommandExecutor executor = executor();
        List<String> loopback = List.of("--homedir", home.toString(), "--batch", "--pinentry-mode", "loopback",
                "--passphrase-file", passphraseFile.toString());
        executor.run(Command.of("gpg").args(loopback).args("--quick-gen-key", name + " <nightly-test@example.invalid>",
                "ed25519", "sign", "never").build());
        executor.run(Command.of("gpg").args(loopback).args("--armor", "--output", armoredSecretKey.toString(),
                "--export-secret-keys", name).build());
        String listing = executor.capture(Command.of("gpg").args("--homedir", home.toString(), "--batch",
                "--with-colons", "--list-secret-keys", name).build());
        return listing.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
    }

    /**
     * Makes a runtime and an SDK (both {@code branch master}) from host binaries, exports them signed with
     * {@code keyId} into a repository in this world, adds it as remote {@code test-runtimes} and installs
     * both into the user installation. Returns the repository.
     */
    public Path installTinyRuntime(String runtimeId, String sdkId, String keyId) {
        CommandExecutor executor = executor();
        Path repo = root.resolve("runtime-repo");
        for (String id : List.of(runtimeId, sdkId)) {
            Path dir = root.resolve("rt-" + id);
            makeRuntimeDir(dir, id);
            executor.run(Command.of("flatpak").args("build-export", "--runtime", "--disable-sandbox",
                    "--gpg-sign=" + keyId, "--gpg-homedir=" + gnupgHome(), repo.toString(), dir.toString(), "master").build());
            FileTrees.deleteQuietly(dir);
        }
        executor.run(Command.of("flatpak").args("build-update-repo", "--gpg-sign=" + keyId,
                "--gpg-homedir=" + gnupgHome(), repo.toString()).build());
        addRuntimeRemote(repo, exportKey(keyId));
        installRuntimes(runtimeId, sdkId);
        return repo;
    }

    /** Adds a runtime repository made by another environment and installs the runtime from it. */
    public void installRuntimeFrom(Path runtimeRepo, Path publicKey, String... ids) {
        addRuntimeRemote(runtimeRepo, publicKey);
        executor().run(Command.of("flatpak").args("--user", "install", "-y", "--noninteractive", "test-runtimes")
                .args(ids).build());
    }

    private void addRuntimeRemote(Path repo, Path publicKey) {
        executor().run(Command.of("flatpak").args("--user", "remote-add", "--if-not-exists",
                "--gpg-import=" + publicKey, "test-runtimes", repo.toUri().toString()).build());
    }

    /** Installs refs from the {@code test-runtimes} remote added by {@link #installTinyRuntime}. */
    public void installRuntimes(String... ids) {
        executor().run(Command.of("flatpak").args("--user", "install", "-y", "--noninteractive", "test-runtimes")
                .args(ids).build());
    }

    /** Writes the binary public key of {@code keyId} to a file in this world and returns it. */
    public Path exportKey(String keyId) {
        Path file = root.resolve("key-" + keyId.substring(Math.max(0, keyId.length() - 8)) + ".gpg");
        try {
            Files.write(file, executor().captureBytes(Command.of("gpg").args("--homedir", gnupgHome().toString(),
                    "--batch", "--export", keyId).build()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static void makeRuntimeDir(Path dir, String id) {
        try {
            Path bin = dir.resolve("usr/bin");
            Path lib = dir.resolve("usr/lib");
            Files.createDirectories(bin);
            Files.createDirectories(lib);
            Files.createDirectories(dir.resolve("files"));
            Files.createSymbolicLink(dir.resolve("usr/lib64"), Path.of("lib"));
            Files.writeString(dir.resolve("metadata"), "[Runtime]\nname=" + id + "\n");
            Set<Path> libraries = new LinkedHashSet<>();
            for (String program : RUNTIME_PROGRAMS) {
                Path binary = which(program);
                Files.copy(binary.toRealPath(), bin.resolve(program));
                libraries.addAll(ldd(binary));
            }
            Files.createSymbolicLink(bin.resolve("sh"), Path.of("bash"));
            for (Path library : libraries) {
                Path target = lib.resolve(library.getFileName().toString());
                if (!Files.exists(target)) {
                    Files.copy(library.toRealPath(), target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make tiny runtime " + id + ": " + e.getMessage(), e);
        }
    }

    private static Path which(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(program + " not found on PATH");
    }

    private static List<Path> ldd(Path binary) throws IOException {
        Process process = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        List<Path> libraries = new ArrayList<>();
        for (String line : out.split("\n")) {
            for (String word : line.strip().split("\\s+")) {
                if (word.startsWith("/")) {
                    libraries.add(Path.of(word));
                }
            }
        }
        return libraries;
    }

    /**
     * Writes a JSON manifest for {@code appId} on the tiny runtime whose command {@code hello} prints
     * {@code message}; returns the manifest.
     */
    public static Path writeHelloApp(Path dir, String appId, String runtimeId, String sdkId, String message) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("hello.sh"), "#!/bin/sh\necho '" + message.replace("'", "") + "'\n");
            Path manifest = dir.resolve(appId + ".json");
            Files.writeString(manifest, """
                    {
                      "app-id": "%s",
                      "runtime": "%s",
                      "runtime-version": "master",
                      "sdk": "%s",
                      "command": "hello",
                      "modules": [{
                        "name": "hello",
                        "buildsystem": "simple",
                        "build-commands": ["install -D -m 755 hello.sh /app/bin/hello"],
                        "sources": [{"type": "file", "path": "hello.sh"}]
                      }]
                    }
                    """.formatted(appId, runtimeId, sdkId));
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the gpg-agents of this world's homedirs and deletes everything. */
    @Override
    public void close() {
        for (Path home : gnupgHomes) {
            try {
                new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            } catch (IOException e) {
                // nothing to stop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        FileTrees.deleteQuietly(root);
    }
}
