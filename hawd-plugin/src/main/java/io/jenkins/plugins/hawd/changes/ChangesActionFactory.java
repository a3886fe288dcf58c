package io.jenkins.plugins.hawd.changes;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import io.jenkins.plugins.hawd.history.JobHistory;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/** Gives every job that has a benchmark history its Benchmark Changes page (one directory test, no build loaded). */
@Extension
@SuppressWarnings("rawtypes")
public class ChangesActionFactory extends TransientActionFactory<Job> {
    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @Override
    public Class<? extends Action> actionType() {
        return ChangesAction.class;
    }

    @NonNull
    @Override
    public Collection<? extends Action> createFor(@NonNull Job target) {
        if (!JobHistory.of(target).exists()) {
            return List.of();
        }
        return List.of(new ChangesAction((Job<?, ?>) target));
    }
}
