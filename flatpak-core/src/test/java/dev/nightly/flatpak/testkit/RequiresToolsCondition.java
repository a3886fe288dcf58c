package dev.nightly.flatpak.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Evaluates {@link RequiresTools}: enabled when every program is on the PATH. */
public final class RequiresToolsCondition implements ExecutionCondition {
    static final String REQUIRE = "NIGHTLY_REQUIRE_TOOLS";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<String> tools = AnnotationSupport.findAnnotation(context.getElement(), RequiresTools.class)
                .map(annotation -> List.of(annotation.value())).orElse(List.of());
        List<String> missing = missing(tools, System.getenv("PATH"));
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("found " + String.join(", ", tools));
        }
        String message = "not on the PATH: " + String.join(", ", missing);
        String required = System.getenv(REQUIRE);
        if (required != null && !required.isBlank()) {
            throw new IllegalStateException(message + " (" + REQUIRE + " is set: install them, see .ci/run)");
        }
        return ConditionEvaluationResult.disabled(message);
    }

    static List<String> missing(List<String> tools, String path) {
        List<String> missing = new ArrayList<>();
        for (String tool : tools) {
            if (!onPath(tool, path == null ? "" : path)) {
                missing.add(tool);
            }
        }
        return missing;
    }

    private static boolean onPath(String tool, String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
