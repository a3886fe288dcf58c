package io.jenkins.plugins.flatpak.agent;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.security.MasterToSlaveCallable;

/**
 * Finds programs on an agent, on the PATH of the step's environment (the one the processes get, which
 * {@code withEnv} can change), and answers with their absolute paths. The engine then runs those paths,
 * so what was checked is what runs.
 */
public final class ToolProbe extends MasterToSlaveCallable<ToolProbe.Found, RuntimeException> {
    private static final long serialVersionUID = 1L;

    private final ArrayList<String> programs;
    private final String path;

    /**
     * @param programs program names, e.g. {@code flatpak-builder}
     * @param path     the PATH to search, null for the agent process's own
     */
    public ToolProbe(List<String> programs, String path) {
        this.programs = new ArrayList<>(programs);
        this.path = path;
    }

    @Override
    public Found call() {
        String search = path != null ? path : System.getenv("PATH");
        Map<String, String> located = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String program : programs) {
            String where = locate(program, search);
            if (where == null) {
                missing.add(program);
            } else {
                located.put(program, where);
            }
        }
        return new Found(new LinkedHashMap<>(located), new ArrayList<>(missing), search == null ? "" : search);
    }

    private static String locate(String program, String search) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program)) ? program : null;
        }
        if (search == null) {
            return null;
        }
        for (String dir : search.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath().toString();
            }
        }
        return null;
    }

    /**
     * The answer: absolute path of each program found, the names of those missing, and the PATH searched.
     */
    public record Found(LinkedHashMap<String, String> located, ArrayList<String> missing, String searchedPath)
            implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        public Found {
            located = new LinkedHashMap<>(located);
            missing = new ArrayList<>(missing);
        }

        public String get(String program) {
            return located.getOrDefault(program, program);
        }
    }
}
