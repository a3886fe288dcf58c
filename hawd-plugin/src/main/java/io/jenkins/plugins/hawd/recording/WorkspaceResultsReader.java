package io.jenkins.plugins.hawd.recording;

import dev.nightly.bench.ingest.ParameterColumns;
import dev.nightly.bench.ingest.ResultsJson;
import dev.nightly.bench.ingest.ResultsReader;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Skipped;
import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Finds and parses the results files on the agent that holds the workspace, so that only the parsed
 * observations travel to the controller (never the files, never a path the controller would open).
 */
public final class WorkspaceResultsReader extends MasterToSlaveFileCallable<WorkspaceResultsReader.Parsed> {
    private static final long serialVersionUID = 1L;

    private final String results;
    private final String definitions;
    private final String parameters;
    private final String format;
    private final String checksFile;
    /** Series id to the newest time the job's history holds of it (ISO text: only strings cross). */
    private final HashMap<String, String> lastTimes;

    /**
     * @param lastTimes the newest stored time of each series of the job's history, by series id: values
     *                  not after it are already recorded and are left on the agent (HAWD prints a
     *                  dataset's whole history on every run; only the new nights travel and are kept)
     */
    public WorkspaceResultsReader(RecordingRequest request, Map<String, LocalDateTime> lastTimes) {
        this.results = request.results();
        this.definitions = request.definitions();
        this.parameters = request.parameters();
        this.format = request.format();
        this.checksFile = request.checksFile();
        this.lastTimes = new HashMap<>();
        lastTimes.forEach((series, time) -> this.lastTimes.put(series, time.toString()));
    }

    @Override
    public Parsed invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        WorkspaceFiles files = new WorkspaceFiles(workspace);
        try {
            // Settings first: a bad definition or parameter spec fails before any results are read.
            ResultsReader reader = ResultsReader.create()
                    .withParameterColumns(ParameterColumns.parse(parameters))
                    .withFormat(format);
            if (definitions != null) {
                reader = reader.withDefinitions(files.folder("definitions", definitions));
            }
            String checks = null;
            if (checksFile != null) {
                checks = Files.readString(files.file("checks file", checksFile), StandardCharsets.UTF_8);
            }
            List<Path> matches = files.match(results);
            List<String> names = new ArrayList<>(matches.size());
            for (Path match : matches) {
                names.add(files.root().relativize(match).toString().replace(File.separatorChar, '/'));
            }
            BenchmarkResults parsed = matches.isEmpty() ? BenchmarkResults.empty() : reader.read(matches);
            Map<String, LocalDateTime> stored = new HashMap<>();
            lastTimes.forEach((series, time) -> stored.put(series, LocalDateTime.parse(time)));
            BenchmarkResults fresh = parsed.newerThan(stored);
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            ResultsJson.write(fresh, json);
            List<String> skipped = new ArrayList<>();
            for (Skipped entry : parsed.skipped()) {
                String file = entry.file();
                // Named relative to the workspace in the log, as the matched files are.
                if (file != null && file.startsWith(files.root().toString() + File.separator)) {
                    file = file.substring(files.root().toString().length() + 1);
                }
                skipped.add(new Skipped(file, entry.entry(), entry.reason()).toString());
            }
            return new Parsed(names, json.toByteArray(), checks, parsed.observations().size() - fresh.observations().size(),
                    skipped);
        }
        catch (BadInputException e) {
            // The engine's message names file, dataset, row and column; it is all the user needs.
            throw new AbortException(e.getMessage());
        }
    }

    /**
     * What comes back from the agent: the matched file names, the new results in the engine's own JSON
     * form, the checks file text, and how many values were left out as already recorded. Only strings,
     * bytes and numbers cross the channel: the engine's classes live in a library jar, which Jenkins'
     * class filter (JEP-200) would refuse to deserialize.
     */
    public record Parsed(ArrayList<String> files, byte[] resultsJson, String checksText, int alreadyRecorded,
            ArrayList<String> skipped) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Parsed(List<String> files, byte[] resultsJson, String checksText, int alreadyRecorded, List<String> skipped) {
            this(new ArrayList<>(files), resultsJson, checksText, alreadyRecorded, new ArrayList<>(skipped));
        }

        /** The results, parsed on the controller (the engine validates the JSON again). */
        public BenchmarkResults results() throws IOException {
            Path temp = Files.createTempFile("hawd-results", ".json");
            try {
                Files.write(temp, resultsJson);
                return ResultsJson.read(temp);
            }
            finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
