package io.jenkins.plugins.hawd.trend;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import io.jenkins.plugins.hawd.history.JobHistory;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/**
 * Gives every job that has a benchmark history its trend action. Unlike
 * {@code SimpleBuildStep.LastBuildAction} (asked of the last successful build only) this keeps the
 * trend on the job page when the newest build failed before it recorded anything, and it costs one
 * directory test, no build loading.
 */
@Extension
@SuppressWarnings("rawtypes")
public class BenchmarkJobActionFactory extends TransientActionFactory<Job> {
    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @Override
    public Class<? extends Action> actionType() {
        return BenchmarkJobAction.class;
    }

    @NonNull
    @Override
    public Collection<? extends Action> createFor(@NonNull Job target) {
        if (!JobHistory.of(target).exists()) {
            return List.of();
        }
        return List.of(new BenchmarkJobAction((Job<?, ?>) target));
    }
}
