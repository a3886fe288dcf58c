package dev.nightly.flatpak.repo;

import dev.nightly.flatpak.FlatpakInputException;
import dev.nightly.flatpak.process.Command;
import dev.nightly.flatpak.process.CommandExecutor;
import dev.nightly.flatpak.process.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads an OSTree repository with the {@code ostree} tool: refs, their commits, history length. */
public final class OstreeRepo {
    private final Path path;
    private final CommandExecutor executor;
    private final Tools tools;

    public OstreeRepo(Path path, CommandExecutor executor, Tools tools) {
        this.path = path;
        this.executor = executor;
        this.tools = tools;
    }

    /** Checks that {@code path} looks like an OSTree repository (has {@code config} and {@code objects}). */
    public static void requireRepository(Path path, String what) {
        if (!Files.isDirectory(path)) {
            throw new FlatpakInputException(what + " " + path + " does not exist or is not a directory");
        }
        if (!Files.isRegularFile(path.resolve("config")) || !Files.isDirectory(path.resolve("objects"))) {
            throw new FlatpakInputException(what + " " + path + " is not an OSTree repository (no config/objects)");
        }
    }

    public Path path() {
        return path;
    }

    /** All refs, sorted. */
    public List<String> refs() {
        String out = executor.capture(ostree("refs").build());
        return Arrays.stream(out.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).sorted().toList();
    }

    /** Flatpak app and runtime refs. */
    public List<Ref> flatpakRefs() {
        return refs().stream().map(Ref::parse).flatMap(Optional::stream).toList();
    }

    /** The commit a ref points at. */
    public String commit(String ref) {
        return executor.capture(ostree("rev-parse").arg(ref).build()).strip();
    }

    /** Commit ids from the ref's head down to the oldest one still in the repository. */
    public List<String> history(String ref) {
        String out = executor.capture(ostree("log").arg(ref).build());
        return Arrays.stream(out.split("\n")).filter(l -> l.startsWith("commit ")).map(l -> l.substring(7).strip()).toList();
    }

    private Command.Builder ostree(String verb) {
        return Command.of(tools.ostree()).arg(verb).arg("--repo=" + path);
    }
}
