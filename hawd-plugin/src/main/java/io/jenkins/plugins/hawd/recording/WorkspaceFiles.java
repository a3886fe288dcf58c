package io.jenkins.plugins.hawd.recording;

import hudson.AbortException;
import hudson.Util;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.tools.ant.BuildException;
import org.apache.tools.ant.DirectoryScanner;
import org.apache.tools.ant.Project;
import org.apache.tools.ant.types.FileSet;

/**
 * Resolves user-given patterns and folders inside a workspace, on the machine that has the workspace.
 * Nothing a user types (or a symbolic link in the workspace) may lead outside it: patterns are
 * relative, have no {@code ..} segments, symbolic links are not followed while scanning, and every
 * match is checked by its real path.
 */
public final class WorkspaceFiles {
    private final Path root;

    WorkspaceFiles(File workspace) throws IOException {
        if (!workspace.isDirectory()) {
            throw new AbortException("workspace " + workspace + " does not exist");
        }
        this.root = workspace.toPath().toRealPath();
    }

    Path root() {
        return root;
    }

    /** Files matching the Ant pattern (comma-separated patterns allowed), sorted by their relative path. */
    List<Path> match(String pattern) throws IOException {
        checkRelative("results", pattern);
        FileSet fileSet = Util.createFileSet(root.toFile(), pattern);
        fileSet.setFollowSymlinks(false);
        String[] names;
        try {
            DirectoryScanner scanner = fileSet.getDirectoryScanner(new Project());
            names = scanner.getIncludedFiles();
        }
        catch (BuildException e) {
            throw new AbortException("results pattern \"" + pattern + "\" is not a valid Ant pattern: " + e.getMessage());
        }
        List<String> sorted = new ArrayList<>(List.of(names));
        sorted.sort(null);
        List<Path> files = new ArrayList<>(sorted.size());
        for (String name : sorted) {
            files.add(inside("results file", name, root.resolve(name)));
        }
        return files;
    }

    /** A folder given relative to the workspace, which must exist inside it. */
    Path folder(String what, String relative) throws IOException {
        checkRelative(what, relative);
        Path folder = root.resolve(relative.strip());
        if (!Files.isDirectory(folder)) {
            throw new AbortException(what + " folder \"" + relative + "\" does not exist in the workspace");
        }
        return inside(what + " folder", relative, folder);
    }

    /** A file given relative to the workspace, which must exist inside it. */
    Path file(String what, String relative) throws IOException {
        checkRelative(what, relative);
        Path file = root.resolve(relative.strip());
        if (!Files.isRegularFile(file)) {
            throw new AbortException(what + " \"" + relative + "\" does not exist in the workspace");
        }
        return inside(what, relative, file);
    }

    private Path inside(String what, String name, Path path) throws IOException {
        Path real = path.toRealPath();
        if (!real.startsWith(root)) {
            throw new AbortException(what + " \"" + name + "\" resolves outside the workspace;"
                    + " symbolic links out of the workspace are refused");
        }
        return real;
    }

    public static void checkRelative(String what, String pattern) throws AbortException {
        if (pattern == null || pattern.isBlank()) {
            throw new AbortException(what + ": no pattern given");
        }
        for (String part : pattern.split(",")) {
            String one = part.strip().replace('\\', '/');
            if (one.startsWith("/") || one.startsWith("~") || one.matches("(?i)^[a-z]:.*")) {
                throw new AbortException(what + " \"" + part.strip()
                        + "\" must be relative to the workspace, not an absolute path");
            }
            for (String segment : one.split("/")) {
                if (segment.equals("..")) {
                    throw new AbortException(what + " \"" + part.strip() + "\" must stay inside the workspace (no '..')");
                }
            }
        }
    }
}
