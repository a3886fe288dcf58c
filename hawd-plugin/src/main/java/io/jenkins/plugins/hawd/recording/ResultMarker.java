package io.jenkins.plugins.hawd.recording;

import hudson.model.Result;
import hudson.model.Run;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/** Where the quality gate's verdict goes: the build result, and in Pipeline also the stage. */
@FunctionalInterface
public interface ResultMarker {
    void mark(Result result, String message) throws IOException, InterruptedException;

    /** Freestyle: the build result only. */
    static ResultMarker of(Run<?, ?> run) {
        return (result, message) -> run.setResult(result);
    }

    /**
     * Pipeline: the build result and a {@link WarningAction} on the step's node, which marks the
     * enclosing stage in the Pipeline views (as plugin-util-api's PipelineResultHandler does).
     */
    static ResultMarker of(Run<?, ?> run, FlowNode node) {
        return (result, message) -> {
            run.setResult(result);
            if (node == null) {
                return;
            }
            WarningAction existing = node.getPersistentAction(WarningAction.class);
            if (existing == null || existing.getResult().isBetterThan(result)) {
                node.addOrReplaceAction(new WarningAction(result).withMessage(message));
            }
        };
    }
}
