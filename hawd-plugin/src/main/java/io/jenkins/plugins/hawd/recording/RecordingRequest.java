package io.jenkins.plugins.hawd.recording;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nightly.bench.check.CheckSettings;
import hudson.AbortException;
import java.util.List;

/**
 * What the step (Pipeline) or the recorder (freestyle) was asked to do; both hand it to
 * {@link BenchmarkRecording}.
 *
 * @param results       Ant pattern of results files in the workspace
 * @param definitions   folder of HAWD definitions in the workspace, or {@code null}
 * @param parameters    parameter column override spec (engine syntax), or {@code null}
 * @param format        results format name, or {@code null} to detect it per file
 * @param failIfEmpty   whether no results fail the build
 * @param checksFile    the CLI's checks file in the workspace, or {@code null}
 * @param defaultChecks whether the built-in checks apply where no rule matches
 * @param checks        check rules given as step parameters; they come after the checks file's rules
 */
public record RecordingRequest(String results, String definitions, String parameters, String format,
        boolean failIfEmpty, String checksFile, boolean defaultChecks, List<CheckRuleSpec> checks) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public RecordingRequest {
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /** Refuses paths and patterns that are absolute or leave the workspace; the agent checks real paths again. */
    public void checkPaths() throws AbortException {
        WorkspaceFiles.checkRelative("results", results);
        if (definitions != null) {
            WorkspaceFiles.checkRelative("definitions", definitions);
        }
        if (checksFile != null) {
            WorkspaceFiles.checkRelative("checks file", checksFile);
        }
    }

    /**
     * The engine's check settings: the checks file's rules, then the step's rules, with the step's
     * choice on the built-in checks. The step's rules are turned into the checks file's JSON and parsed
     * by the engine, so both are validated (and their errors worded) the same way.
     */
    public CheckSettings checkSettings(String checksFileText) {
        CheckSettings fromFile = checksFileText == null ? CheckSettings.defaults() : CheckSettings.parse(checksFileText);
        ObjectNode root = JSON.createObjectNode();
        root.put("defaults", defaultChecks && fromFile.useDefaults());
        ArrayNode rules = root.putArray("checks");
        for (CheckRuleSpec check : checks) {
            rules.add(check.toJson(JSON));
        }
        CheckSettings fromStep = CheckSettings.parse(root.toString());
        return CheckSettings.builder()
                .defaults(fromStep.useDefaults())
                .rules(fromFile.rules())
                .rules(fromStep.rules())
                .build();
    }

    /** One check rule as step parameters, in the words of the checks file. */
    public interface CheckRuleSpec {
        ObjectNode toJson(ObjectMapper json);
    }
}
