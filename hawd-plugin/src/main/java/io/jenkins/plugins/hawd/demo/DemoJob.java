package io.jenkins.plugins.hawd.demo;

import hudson.Util;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Action;
import hudson.model.InvisibleAction;
import hudson.model.Queue;
import hudson.model.TopLevelItem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.SystemProperties;

/**
 * Seeds the demo job of {@code mvn hpi:run}: a Pipeline job that records one night of HAWD results per
 * build, and the first nights queued, so that a newcomer sees the Benchmark Trends at once.
 *
 * <p>Off unless the system property {@code io.jenkins.plugins.hawd.demo.DemoJob.enabled} is
 * {@code true}, which only this plugin's {@code hpi:run} configuration sets. With
 * {@code io.jenkins.plugins.hawd.demo.DemoJob.examples} pointing at the repository's
 * {@code examples/hawd} the builds read its sample nights; otherwise the pipeline writes its own.
 */
public final class DemoJob {
    private static final Logger LOGGER = Logger.getLogger(DemoJob.class.getName());
    static final String NAME = "hawd-demo";
    static final String ENABLED = DemoJob.class.getName() + ".enabled";
    static final String EXAMPLES = DemoJob.class.getName() + ".examples";
    static final String NIGHTS = DemoJob.class.getName() + ".nights";
    /** Builds queued at the first start (the sample nights); each records the night of its build number. */
    static final int DEFAULT_NIGHTS = 16;

    private DemoJob() {
    }

    @Initializer(after = InitMilestone.JOB_CONFIG_ADAPTED)
    public static void seed() throws IOException {
        if (!SystemProperties.getBoolean(ENABLED)) {
            return;
        }
        Jenkins jenkins = Jenkins.get();
        if (jenkins.getItem(NAME) != null) {
            return;
        }
        for (String plugin : new String[] {"workflow-job", "workflow-cps", "workflow-basic-steps",
                "workflow-durable-task-step", "pipeline-stage-step"}) {
            if (jenkins.getPluginManager().getPlugin(plugin) == null) {
                LOGGER.warning(() -> "Not creating the HAWD demo job: plugin " + plugin + " is not installed");
                return;
            }
        }
        String examples = SystemProperties.getString(EXAMPLES);
        String folder = examples != null && Files.isDirectory(Path.of(examples)) ? Path.of(examples).toAbsolutePath().toString() : "";
        String xml;
        try (InputStream in = DemoJob.class.getResourceAsStream("demo-job.xml")) {
            if (in == null) {
                throw new IOException("demo-job.xml is missing from the plugin");
            }
            // A Groovy string literal inside XML: escaped for Groovy first, then for XML.
            String literal = folder.replace("\\", "\\\\").replace("'", "\\'");
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@EXAMPLES@", Util.xmlEscape(literal));
        }
        TopLevelItem job = jenkins.createProjectFromXML(NAME, new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        LOGGER.info(() -> "Created the HAWD demo job " + NAME + (folder.isEmpty() ? "" : " reading " + folder));
        if (job instanceof Queue.Task task) {
            int nights = SystemProperties.getInteger(NIGHTS, DEFAULT_NIGHTS);
            for (int night = 1; night <= nights; night++) {
                jenkins.getQueue().schedule2(task, 0, new SeparateBuild());
            }
        }
    }

    /** Keeps the queue from folding the seeded builds into one: each is a night of its own. */
    private static final class SeparateBuild extends InvisibleAction implements Queue.QueueAction {
        @Override
        public boolean shouldSchedule(List<Action> actions) {
            return true;
        }
    }
}
