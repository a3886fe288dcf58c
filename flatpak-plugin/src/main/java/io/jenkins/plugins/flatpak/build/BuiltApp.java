package io.jenkins.plugins.flatpak.build;

import dev.nightly.flatpak.build.BuildResult;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a build exported, as it travels from the agent back to the controller.
 *
 * @param repo   the repository on the agent
 * @param ref    e.g. {@code app/org.example.App/x86_64/nightly}
 * @param appId  the application id
 * @param arch   the architecture
 * @param branch the branch
 * @param commit the commit the ref points at
 */
public record BuiltApp(String repo, String ref, String appId, String arch, String branch, String commit)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    static BuiltApp of(BuildResult result) {
        return new BuiltApp(result.repo().toString(), result.ref().toString(), result.ref().id(), result.ref().arch(),
                result.ref().branch(), result.commit());
    }

    /** The step's return value, for the Jenkinsfile: {@code def app = flatpakBuild(...); echo app.commit}. */
    public Map<String, Object> toStepResult() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("repo", repo);
        result.put("ref", ref);
        result.put("appId", appId);
        result.put("arch", arch);
        result.put("branch", branch);
        result.put("commit", commit);
        return result;
    }
}
