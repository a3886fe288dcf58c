package io.jenkins.plugins.hawd;

import hudson.model.Result;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jvnet.hudson.test.JenkinsRule;

/** Small HAWD files written by the tests: one night of {@code hawd json mail_query} and its definition. */
public final class HawdSamples {
    /** The definition of mail_query: queryTime is bounded to [0, 400] ms. */
    public static final String DEFINITION = "{\"name\": \"Mail Query\", \"description\": \"Queries <all> mails\","
            + " \"columns\": [{\"name\": \"rows\", \"type\": \"int\"},"
            + " {\"name\": \"queryTime\", \"type\": \"int\", \"unit\": \"ms\", \"min\": 0, \"max\": 400}]}";

    private HawdSamples() {
    }

    /** One night: queryTime at 1000 and at 5000 rows, measured on day {@code night} at commit cafe0000N. */
    public static String night(int night, int timeAt1000, int timeAt5000) {
        String time = String.format(Locale.ROOT, "2026-11-%02dT03:04:12.345", night);
        String commit = String.format(Locale.ROOT, "cafe%05d", night);
        return "{\"dataset\": \"mail_query\", \"name\": \"Mail Query\", \"description\": \"Queries <all> mails\", \"rows\": ["
                + row(time, commit, 1000, timeAt1000) + ", " + row(time, commit, 5000, timeAt5000) + "]}";
    }

    /**
     * What {@code hawd json mail_query} prints after {@code nights} nights: every night so far, as HAWD
     * prints a dataset's whole history on every run (queryTime 120+N ms at 1000 rows, 300+N at 5000).
     */
    public static String history(int nights) {
        StringBuilder rows = new StringBuilder();
        for (int night = 1; night <= nights; night++) {
            String time = String.format(Locale.ROOT, "2026-11-%02dT03:04:12.345", night);
            String commit = String.format(Locale.ROOT, "cafe%05d", night);
            rows.append(night == 1 ? "" : ", ").append(row(time, commit, 1000, 120 + night)).append(", ")
                    .append(row(time, commit, 5000, 300 + night));
        }
        return "{\"dataset\": \"mail_query\", \"name\": \"Mail Query\", \"description\": \"Queries <all> mails\", \"rows\": ["
                + rows + "]}";
    }

    /** One night measured at {@code time} (tonight, say, where the fixed November nights are history). */
    public static String nightAt(LocalDateTime time, String commit, int timeAt1000, int timeAt5000) {
        String at = time.truncatedTo(ChronoUnit.MILLIS).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS"));
        return "{\"dataset\": \"mail_query\", \"name\": \"Mail Query\", \"description\": \"Queries <all> mails\", \"rows\": ["
                + row(at, commit, 1000, timeAt1000) + ", " + row(at, commit, 5000, timeAt5000) + "]}";
    }

    /** A pipeline that writes the given {@code hawd json} output into its workspace and records it. */
    public static String pipelineRecording(String resultsJson) {
        return "node {\n"
                + "  writeFile file: 'hawd_defs/mail_query', text: '''" + DEFINITION + "'''\n"
                + "  writeFile file: 'out/mail_query.json', text: '''" + resultsJson + "'''\n"
                + "  recordBenchmarks(results: 'out/*.json', definitions: 'hawd_defs')\n"
                + "}\n";
    }

    private static String row(String time, String commit, int rows, int queryTime) {
        return "{\"timestamp\": \"" + time + "\", \"commit\": \"" + commit + "\", \"columns\": ["
                + "{\"name\": \"rows\", \"unit\": \"\", \"value\": " + rows + "},"
                + " {\"name\": \"queryTime\", \"unit\": \"ms\", \"value\": " + queryTime + "}]}";
    }

    /** A pipeline that writes one night into its workspace and records it with the given extra arguments. */
    public static String pipeline(int night, int timeAt1000, int timeAt5000, String extraArguments) {
        return pipelineOn("", night, timeAt1000, timeAt5000, extraArguments);
    }

    /** As {@link #pipeline}, on an agent with the label ({@code ""} for any). */
    public static String pipelineOn(String label, int night, int timeAt1000, int timeAt5000, String extraArguments) {
        return "node(" + (label.isEmpty() ? "" : "'" + label + "'") + ") {\n"
                + "  stage('Benchmarks') {\n"
                + "    writeFile file: 'hawd_defs/mail_query', text: '''" + DEFINITION + "'''\n"
                + "    writeFile file: 'out/mail_query.json', text: '''" + night(night, timeAt1000, timeAt5000) + "'''\n"
                + "    def r = recordBenchmarks(results: 'out/*.json', definitions: 'hawd_defs'" + extraArguments + ")\n"
                + "    echo \"result=${r.result} series=${r.series} flagged=${r.flagged} ids=${r.flaggedSeries}\"\n"
                + "  }\n"
                + "}\n";
    }

    /**
     * A Pipeline job with {@code nights} recorded nights. With more than three nights the last one is out
     * of bounds and regressed at 5000 rows (520 ms against ~300 ms), so that build is unstable.
     */
    public static WorkflowJob jobWithNights(JenkinsRule r, String name, int nights) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, name);
        for (int night = 1; night <= nights; night++) {
            boolean bad = night == nights && nights > 3;
            job.setDefinition(new CpsFlowDefinition(pipeline(night, 120 + night % 2, bad ? 520 : 300 + night % 3, ""), true));
            r.buildAndAssertStatus(bad ? Result.UNSTABLE : Result.SUCCESS, job);
        }
        return job;
    }
}
