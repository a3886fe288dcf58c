package io.jenkins.plugins.hawd.history;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.listeners.RunListener;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Removes a deleted build's points from its job's history. {@link Run#delete()} fires this before it
 * removes the build folder; builds that never recorded benchmarks are recognised by their missing
 * results file and cost one file test.
 */
@Extension
public class BuildDeletionListener extends RunListener<Run<?, ?>> {
    private static final Logger LOGGER = Logger.getLogger(BuildDeletionListener.class.getName());

    @Override
    public void onDeleted(Run<?, ?> run) {
        if (!BuildFiles.in(run.getRootDir().toPath()).hasResults()) {
            return;
        }
        try {
            int removed = JobHistory.of(run.getParent()).removeBuild(run.getNumber());
            LOGGER.fine(() -> "Removed " + removed + " benchmark points of deleted " + run);
        }
        catch (RuntimeException e) {
            // Deleting the build must go on; the next rebuild drops the points (their file is gone).
            LOGGER.log(Level.WARNING, "Could not remove the benchmark points of deleted " + run, e);
        }
    }
}
