package io.jenkins.plugins.flatpak.agent;

import java.nio.file.Path;

/** Step paths on the agent: relative ones are inside the workspace, absolute ones stay as they are. */
public final class WorkspacePaths {
    private WorkspacePaths() {
    }

    /** {@code path} resolved against {@code workspace}; null stays null. */
    public static Path resolve(Path workspace, String path) {
        return path == null ? null : workspace.resolve(path).normalize();
    }
}
