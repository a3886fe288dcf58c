package io.jenkins.plugins.flatpak.publish;

import dev.nightly.flatpak.destination.Destinations;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code flatpakPublishLock(dest) { ... }}: holds an rsync destination for the body, across jobs. The
 * wait happens on the controller without a thread or an executor (put the block outside {@code node}),
 * and both the wait and the hold survive a controller restart. A {@code flatpakPublish} to the same
 * destination inside the body uses the block's hold.
 *
 * <pre>
 * flatpakPublishLock('deploy@files.example.org:/srv/www/flatpak/nightly') {
 *     node('flatpak') { flatpakPublish dest: 'deploy@files.example.org:/srv/www/flatpak/nightly', ... }
 * }
 * </pre>
 */
public class FlatpakPublishLockStep extends Step {
    private final String dest;

    /** @param dest the rsync destination, {@code [user@]host:/path}, as flatpakPublish names it */
    @DataBoundConstructor
    public FlatpakPublishLockStep(String dest) {
        this.dest = Util.fixEmptyAndTrim(dest);
    }

    public String getDest() {
        return dest;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        if (dest == null || !Destinations.isRemote(dest)) {
            throw new AbortException("flatpakPublishLock: dest must be an rsync destination [user@]host:/path, not '"
                    + dest + "' (a directory of an agent is locked by flatpakPublish itself)");
        }
        return new Execution(context, PublishLocks.key(dest, true, null, null));
    }

    /**
     * Waits for the destination (queued in {@link PublishLocks}, no thread), runs the body, lets go.
     * Its fields are saved with the Pipeline, so after a restart {@link #onResume()} queues it again or
     * finds its hold.
     */
    static final class Execution extends StepExecution {
        private static final long serialVersionUID = 1L;
        private static final Logger LOGGER = Logger.getLogger(Execution.class.getName());

        private final String key;
        private String id;
        private String owner;
        private String run;
        private boolean bodyStarted;

        Execution(StepContext context, String key) {
            super(context);
            this.key = key;
        }

        @Override
        public boolean start() throws Exception {
            Run<?, ?> build = getContext().get(Run.class);
            run = build.getExternalizableId();
            owner = build.getFullDisplayName();
            id = run + " " + UUID.randomUUID();
            queue();
            return false;
        }

        private void queue() throws Exception {
            String current = PublishLocks.takeOrQueue(key, claim());
            if (current == null) {
                startBody();
            } else {
                log("flatpakPublishLock: waiting for " + current + " to finish publishing to " + destination());
            }
        }

        private void log(String line) throws Exception {
            getContext().get(TaskListener.class).getLogger().println(line);
        }

        private String destination() {
            return key.substring("rsync:".length());
        }

        private PublishLocks.Claim claim() {
            return new PublishLocks.Claim(id, owner, run, this::granted);
        }

        private void granted() {
            try {
                startBody();
            } catch (Exception e) {
                PublishLocks.release(key, id);
                getContext().onFailure(e);
            }
        }

        private synchronized void startBody() throws Exception {
            if (bodyStarted) {
                return;
            }
            bodyStarted = true;
            log("flatpakPublishLock: holding " + destination());
            getContext().newBodyInvoker()
                    .withContext(HeldDestinations.with(getContext().get(HeldDestinations.class), key))
                    .withCallback(new Release(key, id))
                    .start();
        }

        @Override
        public synchronized void onResume() {
            try {
                if (bodyStarted) {
                    // The hold was read back from disk; the body resumes by itself.
                    if (!PublishLocks.holds(key, id) && PublishLocks.takeOrQueue(key, claim()) != null) {
                        LOGGER.log(Level.WARNING, "flatpakPublishLock: {0} lost its hold of {1} over a restart",
                                new Object[] {id, key});
                    }
                    log("flatpakPublishLock: still holding " + destination() + " after the restart");
                } else {
                    log("flatpakPublishLock: queued again for " + destination() + " after the restart");
                    queue();
                }
            } catch (Exception e) {
                getContext().onFailure(e);
            }
        }

        @Override
        public void stop(@NonNull Throwable cause) throws Exception {
            PublishLocks.release(key, id);
            super.stop(cause);
        }

        @Override
        public synchronized String getStatus() {
            return bodyStarted ? "holding " + key : "waiting for " + key;
        }
    }

    /** Lets the destination go when the body ends, however it ends. */
    private static final class Release extends BodyExecutionCallback.TailCall {
        private static final long serialVersionUID = 1L;

        private final String key;
        private final String id;

        Release(String key, String id) {
            this.key = key;
            this.id = id;
        }

        @Override
        protected void finished(StepContext context) {
            PublishLocks.release(key, id);
        }
    }

    /** The step's name and context. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "flatpakPublishLock";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Hold a Flatpak rsync destination for a block, waiting without an executor";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
