package io.jenkins.plugins.hawd.history;

import hudson.Extension;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.listeners.RunListener;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.stapler.Stapler;

/**
 * What becomes of a deleted build's benchmark points. The history is the job's: a build removed by a
 * build discarder (no person asked for it; it runs after builds and in the background) takes none of
 * them, so a job that keeps ten builds keeps years of nights. A build that a person deletes on its page
 * takes only its own night with it, the points measured from a day before it started; the history it
 * imported from before its own time stays. The rewrite runs off the request thread.
 */
@Extension
public class BuildDeletionListener extends RunListener<Run<?, ?>> {
    private static final Logger LOGGER = Logger.getLogger(BuildDeletionListener.class.getName());

    @Override
    public void onDeleted(Run<?, ?> run) {
        if (!BuildFiles.in(run.getRootDir().toPath()).hasResults()) {
            return;
        }
        if (Stapler.getCurrentRequest2() == null) {
            LOGGER.fine(() -> "Kept the benchmark points of discarded " + run);
            return;
        }
        JobHistory history = JobHistory.of(run.getParent());
        long number = run.getNumber();
        String name = run.getFullDisplayName();
        // A day of slack, as when recording: agents' clocks may run behind the controller's.
        LocalDateTime ownFrom = LocalDateTime.ofInstant(Instant.ofEpochMilli(run.getStartTimeInMillis()),
                ZoneId.systemDefault()).minusDays(1);
        Computer.threadPoolForRemoting.submit(() -> {
            try {
                int removed = history.removeBuild(number, ownFrom);
                LOGGER.fine(() -> "Removed " + removed + " benchmark points of deleted " + name);
            }
            catch (RuntimeException e) {
                // The build is gone either way; a rebuild of the history leaves its points out.
                LOGGER.log(Level.WARNING, "Could not remove the benchmark points of deleted " + name, e);
            }
        });
    }
}
