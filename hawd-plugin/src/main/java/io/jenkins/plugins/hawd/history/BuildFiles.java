package io.jenkins.plugins.hawd.history;

import dev.nightly.bench.ingest.ResultsJson;
import dev.nightly.bench.model.BenchmarkResults;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/**
 * The files one build keeps in its own folder ({@code builds/N/hawd/}): the parsed results with the
 * defaults they were ingested with (enough to rebuild the job's history store without loading the
 * build), and the check report shown on the build page.
 */
public final class BuildFiles {
    static final String FOLDER = "hawd";
    private static final String RESULTS = "results.json";
    private static final String BUILD = "build.properties";
    private static final String REPORT = "checks.json";

    private final Path folder;

    private BuildFiles(Path folder) {
        this.folder = folder;
    }

    /** The files of the build whose folder is {@code buildDir} (a {@code Run}'s root directory). */
    public static BuildFiles in(Path buildDir) {
        return new BuildFiles(buildDir.resolve(FOLDER));
    }

    public boolean hasResults() {
        return Files.isRegularFile(folder.resolve(RESULTS)) && Files.isRegularFile(folder.resolve(BUILD));
    }

    public Path reportFile() {
        return folder.resolve(REPORT);
    }

    /** Writes the results and their defaults; each file appears complete or not at all. */
    public void writeResults(BenchmarkResults results, String defaultCommit, LocalDateTime defaultTime) throws IOException {
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, ".results", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                ResultsJson.write(results, out);
            }
            move(temp, folder.resolve(RESULTS));
        }
        finally {
            Files.deleteIfExists(temp);
        }
        Properties defaults = new Properties();
        defaults.setProperty("commit", defaultCommit);
        defaults.setProperty("time", defaultTime.toString());
        Path props = Files.createTempFile(folder, ".build", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(props)) {
                defaults.store(out, "defaults of observations without commit or time");
            }
            move(props, folder.resolve(BUILD));
        }
        finally {
            Files.deleteIfExists(props);
        }
    }

    /** Writes the check report text (JSON of the build page rows) atomically. */
    public void writeReport(String json) throws IOException {
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, ".checks", ".tmp");
        try {
            Files.writeString(temp, json);
            move(temp, reportFile());
        }
        finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The results as written; a damaged file throws the engine's {@code BadInputException}. */
    public BenchmarkResults readResults() {
        return ResultsJson.read(folder.resolve(RESULTS));
    }

    public String defaultCommit() throws IOException {
        return readDefaults().getProperty("commit", "");
    }

    public LocalDateTime defaultTime() throws IOException {
        String time = readDefaults().getProperty("time");
        try {
            return time == null ? null : LocalDateTime.parse(time);
        }
        catch (DateTimeParseException e) {
            throw new IOException(folder.resolve(BUILD) + ": bad time \"" + time + "\"", e);
        }
    }

    private Properties readDefaults() throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = Files.newInputStream(folder.resolve(BUILD))) {
            defaults.load(in);
        }
        return defaults;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
