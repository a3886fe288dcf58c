package io.jenkins.plugins.hawd.steps;

import dev.nightly.bench.ingest.ParameterColumns;
import dev.nightly.bench.model.BadInputException;
import hudson.AbortException;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.hawd.recording.WorkspaceFiles;

/** Form checks shared by the step and the recorder; text only, nothing is read. */
final class Forms {
    private Forms() {
    }

    static FormValidation checkPattern(String value, boolean required) {
        if (Util.fixEmptyAndTrim(value) == null) {
            return required ? FormValidation.error("Required") : FormValidation.ok();
        }
        try {
            WorkspaceFiles.checkRelative("path", value);
            return FormValidation.ok();
        }
        catch (AbortException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation checkParameters(String value) {
        try {
            ParameterColumns.parse(value);
            return FormValidation.ok();
        }
        catch (BadInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
