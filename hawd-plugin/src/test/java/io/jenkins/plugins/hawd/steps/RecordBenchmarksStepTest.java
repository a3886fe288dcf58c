package io.jenkins.plugins.hawd.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Label;
import hudson.model.Result;
import io.jenkins.plugins.hawd.HawdSamples;
import io.jenkins.plugins.hawd.build.BenchmarkBuildAction;
import io.jenkins.plugins.hawd.build.ResultRow;
import io.jenkins.plugins.hawd.history.BuildFiles;
import io.jenkins.plugins.hawd.history.JobHistory;
import io.jenkins.plugins.hawd.trend.BenchmarkJobAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The Pipeline step with real workspace files: recording, quality gate, stage marking, return value. */
@WithJenkins
class RecordBenchmarksStepTest {
    private static WorkflowRun night(JenkinsRule r, WorkflowJob job, int night, int at1000, int at5000, String extra,
            Result expected) throws Exception {
        job.setDefinition(new CpsFlowDefinition(HawdSamples.pipeline(night, at1000, at5000, extra), true));
        return r.buildAndAssertStatus(expected, job);
    }

    /** Google Benchmark output of two benchmarks, the second of which failed (or both ran, with {@code failing} false). */
    private static String googleBenchmark(String date, boolean failing) {
        String second = failing
                ? "\"iterations\": 1, \"real_time\": 0.0, \"cpu_time\": 0.0, \"time_unit\": \"ns\","
                        + " \"error_occurred\": true, \"error_message\": \"could not allocate 2097152 doubles\""
                : "\"iterations\": 1500, \"real_time\": 4.61e+05, \"cpu_time\": 4.60e+05, \"time_unit\": \"ns\"";
        return "{\"context\": {\"date\": \"" + date + "\", \"library_version\": \"v1.9.1\", \"json_schema_version\": 1},"
                + " \"benchmarks\": [{\"name\": \"BM_Triad/1048576\", \"run_name\": \"BM_Triad/1048576\", \"run_type\": \"iteration\","
                + " \"iterations\": 3012, \"real_time\": 2.3224e+05, \"cpu_time\": 2.3190e+05, \"time_unit\": \"ns\"},"
                + " {\"name\": \"BM_Triad/2097152\", \"run_name\": \"BM_Triad/2097152\", \"run_type\": \"iteration\", " + second + "}]}";
    }

    @Test
    void aFailedBenchmarkIsSaidInTheLogAndItsSeriesIsMissing(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "gbench");
        job.setDefinition(new CpsFlowDefinition("node { writeFile file: 'out/triad.json', text: '''"
                + googleBenchmark("2026-11-20T03:05:10+00:00", false) + "'''\n recordBenchmarks results: 'out/*.json' }", true));
        r.buildAndAssertSuccess(job);

        job.setDefinition(new CpsFlowDefinition("node { writeFile file: 'out/triad.json', text: '''"
                + googleBenchmark("2026-11-21T03:05:10+00:00", true) + "'''\n recordBenchmarks results: 'out/*.json' }", true));
        WorkflowRun failed = r.buildAndAssertStatus(Result.UNSTABLE, job);

        r.assertLogContains("1 benchmark(s) without a value (failed, crashed or skipped), not recorded:", failed);
        r.assertLogContains("out/triad.json: BM_Triad/2097152 (", failed);
        r.assertLogContains("could not allocate 2097152 doubles", failed);
        assertThat(failed.getAction(BenchmarkBuildAction.class).getResults())
                .anySatisfy(row -> assertThat(row.getVerdict()).isEqualTo("MISSING"));
    }

    @Test
    void recordsNightsAndFlagsRegressionAndBoundsMarkingTheStage(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "kube-benchmarks");
        night(r, job, 1, 120, 300, "", Result.SUCCESS);
        night(r, job, 2, 122, 302, "", Result.SUCCESS);
        WorkflowRun third = night(r, job, 3, 119, 299, "", Result.SUCCESS);
        r.assertLogContains("result=SUCCESS series=", third);

        // Night 4: 5000 rows take 520 ms: a regression and beyond the definition's max of 400 ms.
        WorkflowRun fourth = night(r, job, 4, 121, 520, "", Result.UNSTABLE);
        r.assertLogContains("result=UNSTABLE", fourth);
        r.assertLogContains("ids=[mail_query/queryTime{rows=5000}]", fourth);

        List<WarningAction> warnings = new DepthFirstScanner().allNodes(fourth.getExecution()).stream()
                .map(node -> node.getPersistentAction(WarningAction.class))
                .filter(action -> action != null).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getResult()).isEqualTo(Result.UNSTABLE);
        assertThat(warnings.get(0).getMessage()).contains("mail_query/queryTime{rows=5000}");

        BenchmarkBuildAction action = fourth.getAction(BenchmarkBuildAction.class);
        assertThat(action).isNotNull();
        assertThat(action.getResult()).isEqualTo("UNSTABLE");
        List<ResultRow> rows = action.getResults();
        assertThat(rows).isNotEmpty();
        // Flagged first, then the rest; the series at 1000 rows is fine.
        assertThat(rows.get(0).isFlagged()).isTrue();
        assertThat(rows.get(0).getId()).isEqualTo("mail_query/queryTime{rows=5000}");
        assertThat(rows).filteredOn(ResultRow::isFlagged).extracting(ResultRow::getVerdict)
                .contains("REGRESSED", "OUT_OF_BOUNDS");
        assertThat(rows).filteredOn(row -> row.getId().equals("mail_query/queryTime{rows=1000}"))
                .allMatch(row -> !row.isFlagged());
        assertThat(rows.get(0).getValue()).isEqualTo(520.0);
        assertThat(rows.get(0).getCommit()).isEqualTo("cafe00004");

        // The build keeps its own copy; the job keeps the history.
        assertThat(fourth.getRootDir().toPath().resolve("hawd/results.json")).isRegularFile();
        assertThat(fourth.getRootDir().toPath().resolve("hawd/checks.json")).isRegularFile();
        assertThat(job.getRootDir().toPath().resolve("hawd-history")).isDirectory();
        assertThat(job.getAction(BenchmarkJobAction.class)).isNotNull();
    }

    @Test
    void parsesOnTheAgentAndOnlyPlainDataCrossesTheChannel(JenkinsRule r) throws Exception {
        // An agent in its own JVM: the results come back through Remoting and its class filter.
        r.createOnlineSlave(Label.get("benchmarks"));
        WorkflowJob job = r.createProject(WorkflowJob.class, "on-agent");
        job.setDefinition(new CpsFlowDefinition(HawdSamples.pipelineOn("benchmarks", 1, 120, 300, ""), true));
        WorkflowRun run = r.buildAndAssertSuccess(job);
        r.assertLogContains("matched 1 file(s): out/mail_query.json", run);
        r.assertLogContains("result=SUCCESS series=2", run);
        assertThat(run.getAction(BenchmarkBuildAction.class).getSeries()).isEqualTo(2);

        job.setDefinition(new CpsFlowDefinition("node('benchmarks') {\n"
                + "  writeFile file: 'out/broken.json', text: 'Could not load dataset mail_query'\n"
                + "  recordBenchmarks results: 'out/*.json'\n}", true));
        WorkflowRun broken = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("broken.json", broken);
        assertThat(JobHistory.of(job).snapshot().series().get(0).count()).isEqualTo(1);
    }

    @Test
    void aWholeHawdHistoryEveryNightKeepsOnlyTheNewNight(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "whole-history");
        for (int nights = 1; nights <= 3; nights++) {
            job.setDefinition(new CpsFlowDefinition("node {\n"
                    + "  writeFile file: 'hawd_defs/mail_query', text: '''" + HawdSamples.DEFINITION + "'''\n"
                    + "  writeFile file: 'out/mail_query.json', text: '''" + HawdSamples.history(nights) + "'''\n"
                    + "  recordBenchmarks results: 'out/*.json', definitions: 'hawd_defs'\n}", true));
            WorkflowRun run = r.buildAndAssertSuccess(job);
            if (nights > 1) {
                r.assertLogContains((nights - 1) * 2 + " value(s) not newer than their series in the job's history were left out", run);
            }
            // What travelled and what the build keeps is its own night, not the whole history again.
            assertThat(BuildFiles.in(run.getRootDir().toPath()).readResults().observations())
                    .extracting(observation -> observation.commit()).containsOnly(String.format("cafe%05d", nights)).hasSize(2);
        }
        assertThat(JobHistory.of(job).snapshot().series()).hasSize(2).allMatch(info -> info.count() == 3);

        // The same export again: nothing new, nothing stored twice, and not taken for an empty run.
        job.setDefinition(new CpsFlowDefinition("node {\n"
                + "  recordBenchmarks results: 'out/*.json', definitions: 'hawd_defs', failIfEmpty: true\n}", true));
        WorkflowRun again = r.buildAndAssertSuccess(job);
        r.assertLogContains("nothing new to record: all 6 value(s) are in the job's history already", again);
        assertThat(JobHistory.of(job).snapshot().series()).allMatch(info -> info.count() == 3);

        // The builds' own copies still add up to the whole history.
        JobHistory.of(job).rebuild();
        assertThat(JobHistory.of(job).snapshot().series()).hasSize(2).allMatch(info -> info.count() == 3);
    }

    @Test
    void twoRecordingsInOneBuildBothSurviveAStoreRebuild(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "two-stages");
        String buffers = "{\"dataset\": \"buffer_creation\", \"name\": \"Buffer Creation\", \"description\": \"\", \"rows\": ["
                + "{\"timestamp\": \"2026-11-01T03:00:00.000\", \"commit\": \"\", \"columns\": ["
                + "{\"name\": \"numBuffers\", \"unit\": \"\", \"value\": 10000},"
                + " {\"name\": \"time\", \"unit\": \"ms\", \"value\": 78}]}]}";
        job.setDefinition(new CpsFlowDefinition(HawdSamples.pipeline(1, 120, 300, "")
                + "node {\n  writeFile file: 'more/buffer_creation.json', text: '''" + buffers + "'''\n"
                + "  def second = recordBenchmarks results: 'more/*.json'\n"
                + "  echo \"second series=${second.series}\"\n}\n", true));
        WorkflowRun run = r.buildAndAssertSuccess(job);
        r.assertLogContains("second series=3", run);
        assertThat(run.getAction(BenchmarkBuildAction.class).getSeries()).isEqualTo(3);

        JobHistory.of(job).rebuild();
        assertThat(JobHistory.of(job).snapshot().series()).hasSize(3);
    }

    @Test
    void stepChecksSetFailure(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "strict");
        String strict = ", defaultChecks: false, checks: [[kind: 'regression', baseline: 'median', window: 3,"
                + " tolerance: 10, level: 'failure']]";
        night(r, job, 1, 120, 300, strict, Result.SUCCESS);
        night(r, job, 2, 121, 301, strict, Result.SUCCESS);
        WorkflowRun third = night(r, job, 3, 122, 302, strict, Result.SUCCESS);
        r.assertLogContains("flagged=0", third);
        // +25% and +49% over the median (FAILURE); 450 ms is beyond the bounds, but the built-in bounds check is off.
        WorkflowRun fourth = night(r, job, 4, 151, 450, strict, Result.FAILURE);
        r.assertLogContains("result=FAILURE", fourth);
        assertThat(fourth.getAction(BenchmarkBuildAction.class).getFailures()).isGreaterThanOrEqualTo(1);
        assertThat(fourth.getAction(BenchmarkBuildAction.class).getResults())
                .noneMatch(row -> row.getVerdict().equals("OUT_OF_BOUNDS"));
    }

    @Test
    void badCheckAndEmptyResultsFailWithOneLine(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "bad-input");
        WorkflowRun bad = night(r, job, 1, 120, 300, ", checks: [[kind: 'regression', level: 'explode']]", Result.FAILURE);
        r.assertLogContains("level", bad);
        r.assertLogContains("explode", bad);
        assertThat(bad.getAction(BenchmarkBuildAction.class)).isNull();

        job.setDefinition(new CpsFlowDefinition("node { recordBenchmarks results: 'nothing/*.json', failIfEmpty: true }", true));
        WorkflowRun empty = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("no benchmark results in 'nothing/*.json'", empty);

        job.setDefinition(new CpsFlowDefinition(
                "node { def r = recordBenchmarks results: 'nothing/*.json'\n echo \"summary=${r.summary}\" }", true));
        WorkflowRun tolerated = r.buildAndAssertSuccess(job);
        r.assertLogContains("summary=no benchmark results", tolerated);
    }

    @Test
    void patternsCannotLeaveTheWorkspace(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "escape");
        job.setDefinition(new CpsFlowDefinition("node { recordBenchmarks results: '../*/*.json' }", true));
        WorkflowRun dots = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("must stay inside the workspace", dots);

        job.setDefinition(new CpsFlowDefinition("node { recordBenchmarks results: '/etc/*.json' }", true));
        r.assertLogContains("must be relative to the workspace", r.buildAndAssertStatus(Result.FAILURE, job));

        // A symbolic link in the workspace to results outside of it: never read.
        Path outside = Files.createTempDirectory("hawd-outside");
        Files.writeString(outside.resolve("mail_query.json"), HawdSamples.night(1, 777, 7777));
        Path workspace = Path.of(r.jenkins.getWorkspaceFor(job).getRemote());
        Files.createDirectories(workspace);
        Files.createSymbolicLink(workspace.resolve("linked"), outside);
        Files.createSymbolicLink(workspace.resolve("secret.json"), outside.resolve("mail_query.json"));
        job.setDefinition(new CpsFlowDefinition(
                "node { recordBenchmarks results: 'linked/*.json,secret.json', failIfEmpty: true }", true));
        WorkflowRun linked = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogNotContains("7777", linked);
        assertThat(linked.getRootDir().toPath().resolve("hawd/results.json")).doesNotExist();
        assertThat(job.getRootDir().toPath().resolve("hawd-history")).doesNotExist();
    }
}
