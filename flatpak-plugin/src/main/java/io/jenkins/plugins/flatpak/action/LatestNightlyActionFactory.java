package io.jenkins.plugins.flatpak.action;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/**
 * Adds {@link LatestNightlyAction} to jobs that published recently. It looks at the last few builds
 * only (a nightly job publishes every build), so a job page never walks its whole history; a publish
 * older than that is no longer "the latest nightly" anyway.
 */
@Extension
@SuppressWarnings("rawtypes")
public final class LatestNightlyActionFactory extends TransientActionFactory<Job> {
    /** How many of the newest builds are searched for a publication. */
    static final int BUILDS_SEARCHED = 10;

    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @Override
    public Class<? extends Action> actionType() {
        return LatestNightlyAction.class;
    }

    @NonNull
    @Override
    public Collection<? extends Action> createFor(@NonNull Job target) {
        for (Object item : target.getBuilds().limit(BUILDS_SEARCHED)) {
            Run<?, ?> run = (Run<?, ?>) item;
            FlatpakBuildAction action = run.getAction(FlatpakBuildAction.class);
            if (action != null && action.getLastPublication() != null) {
                return List.of(new LatestNightlyAction(run, action.getLastPublication()));
            }
        }
        return List.of();
    }
}
