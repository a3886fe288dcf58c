package io.jenkins.plugins.hawd.trend;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nightly.bench.chart.ChartJson;
import dev.nightly.bench.chart.ChartSettings;
import dev.nightly.bench.chart.PointMark;
import dev.nightly.bench.chart.PointMarks;
import dev.nightly.bench.chart.TrendChart;
import dev.nightly.bench.chart.TrendCharts;
import dev.nightly.bench.chart.XAxis;
import dev.nightly.bench.check.Verdict;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.model.SeriesKey;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.SeriesInfo;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Action;
import hudson.model.Api;
import hudson.model.Item;
import hudson.model.Job;
import io.jenkins.plugins.hawd.build.BenchmarkBuildAction;
import io.jenkins.plugins.hawd.build.ResultRow;
import io.jenkins.plugins.hawd.changes.JobChanges;
import io.jenkins.plugins.hawd.history.BuildFiles;
import io.jenkins.plugins.hawd.history.JobHistory;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.bind.JavaScriptMethod;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;
import org.kohsuke.stapler.verb.POST;

/**
 * The job's "Benchmark Trends" page and the trend chart on the job's main page ({@code floatingBox.jelly}).
 * Charts come from the engine's chart model as ECharts options and are drawn by the ECharts library
 * of the echarts-api plugin; all data comes from the job's history store, never from loaded builds.
 * Contributed by {@link BenchmarkJobActionFactory}, so it stays when the latest build failed early.
 */
@ExportedBean
public class BenchmarkJobAction implements Action {
    private static final Logger LOGGER = Logger.getLogger(BenchmarkJobAction.class.getName());
    /** The last problem logged per job folder: a damaged store is logged once, not on every page view. */
    private static final Map<String, String> LOGGED = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Builds shown when the user has not chosen. */
    public static final int DEFAULT_BUILDS = 50;

    private final Job<?, ?> job;

    public BenchmarkJobAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    public String getDisplayName() {
        return "Benchmark Trends";
    }

    @Override
    public String getUrlName() {
        return "benchmarks";
    }

    public int getDefaultBuilds() {
        return DEFAULT_BUILDS;
    }

    /** Whether the current user may rebuild the history (the page shows the button only then). */
    public boolean isConfigurable() {
        return job.hasPermission(Item.CONFIGURE);
    }

    /** {@code job/NAME/benchmarks/api/json}: the series of the job. */
    public Api getApi() {
        job.checkPermission(Item.READ);
        return new Api(this);
    }

    /** Every series the job has recorded, with its point count and build range. */
    @Exported(name = "series", inline = true)
    public List<SeriesSummary> getSeriesList() {
        List<SeriesSummary> list = new ArrayList<>();
        for (SeriesInfo info : read(HistorySnapshot::series, problem -> List.<SeriesInfo>of())) {
            list.add(new SeriesSummary(info));
        }
        return list;
    }

    /** {@code job/NAME/benchmarks/series/TOKEN/}: one series' trend page and {@code api/json}. */
    @CheckForNull
    public SeriesView getSeries(String token) {
        job.checkPermission(Item.READ);
        String id = SeriesLinks.seriesId(token);
        if (id == null) {
            return null;
        }
        for (SeriesInfo info : read(HistorySnapshot::series, problem -> List.<SeriesInfo>of())) {
            if (info.key().id().equals(id)) {
                return new SeriesView(this, info.key());
            }
        }
        return null;
    }

    /** Whether there is anything to draw (the job page's chart is hidden otherwise). */
    public boolean isTrendVisible() {
        // A damaged history shows too (empty is false then): the box says what is wrong instead of a chart.
        return JobHistory.of(job).exists() && !read(HistorySnapshot::isEmpty, problem -> false);
    }

    /**
     * The charts of all datasets: {@code [{"id", "title", "description", "points", "option"}]}, each
     * option ready for {@code echarts.setOption}.
     *
     * @param builds how many of the newest builds to show; 0 or less for all
     * @param axis   {@code BUILD} or {@code TIME}
     */
    @JavaScriptMethod
    public String getCharts(int builds, String axis) {
        job.checkPermission(Item.READ);
        // Dataset by dataset: one dataset's points are in memory at a time, not the whole job's.
        return read(snapshot -> ChartJson.page(charts(snapshot, builds, axis).job(snapshot)), BenchmarkJobAction::errorJson);
    }

    /**
     * The job page's chart: the dataset of the newest flagged series, else the first dataset. Only that
     * dataset's series are read.
     */
    @JavaScriptMethod
    public String getMainChart(int builds, String axis) {
        job.checkPermission(Item.READ);
        return read(snapshot -> {
            if (snapshot.isEmpty()) {
                return "[]";
            }
            String featured = featuredDataset(snapshot);
            if (snapshot.series(featured).isEmpty()) {
                featured = snapshot.series().get(0).key().dataset();
            }
            List<TrendChart> charts = charts(snapshot, builds, axis).datasetByUnit(snapshot, featured);
            return ChartJson.page(charts.subList(0, Math.min(1, charts.size())));
        }, BenchmarkJobAction::errorJson);
    }

    /** The chart of one series (the series page). */
    String seriesChart(SeriesKey key, int builds, String axis) {
        return read(snapshot -> {
            Series series = snapshot.read(key);
            TrendChart chart = charts(snapshot, builds, axis).dataset(snapshot.dataset(key.dataset()), List.of(series));
            return ChartJson.page(List.of(chart));
        }, BenchmarkJobAction::errorJson);
    }

    Series readSeries(SeriesKey key) {
        return read(snapshot -> snapshot.read(key), problem -> new Series(key, "", List.of()));
    }

    /** The newest {@code count} points of a series (fewer when it has fewer), oldest first. */
    Series readNewest(SeriesKey key, int count) {
        return read(snapshot -> snapshot.readRecent(key, count), problem -> new Series(key, "", List.of()));
    }

    /** The unit of a series from the store's manifest, without reading its points. */
    String seriesUnit(SeriesKey key) {
        return read(snapshot -> snapshot.info(key).map(SeriesInfo::unit).orElse(""), problem -> "");
    }

    /** Rebuilds the history from the builds' own files; changes state, so POST and Configure only. */
    @POST
    public HttpResponse doRebuild() {
        job.checkPermission(Item.CONFIGURE);
        JobHistory.of(job).rebuild();
        return HttpResponses.redirectToDot();
    }

    private TrendCharts charts(HistorySnapshot snapshot, int builds, String axis) {
        XAxis xAxis = "TIME".equalsIgnoreCase(axis) ? XAxis.TIME : XAxis.BUILD;
        // Job pages draw many lines at once: fewer points per line keep the JSON small and the page quick.
        ChartSettings settings = ChartSettings.jobPage().withXAxis(xAxis).withMaxBuilds(Math.max(0, builds));
        // Change points as the report marks them; only the series drawn are searched, and only read.
        return TrendCharts.with(settings, latestMarks(snapshot)).withChanges(JobChanges.of(snapshot).marks());
    }

    /** Verdict marks of the newest build, read from its checks file (no build is loaded). */
    private PointMarks latestMarks(HistorySnapshot snapshot) {
        Map<String, List<PointMark>> marks = new HashMap<>();
        for (ResultRow row : latestRows(snapshot)) {
            PointMark mark = new PointMark(row.getBuild(), Verdict.valueOf(row.getVerdict()), row.getDescription());
            if (mark.isDrawn()) {
                marks.computeIfAbsent(row.getId(), id -> new ArrayList<>()).add(mark);
            }
        }
        // By key: the charts then read each series' values without making its points.
        return PointMarks.byKey(key -> marks.getOrDefault(key.id(), List.of()));
    }

    private String featuredDataset(HistorySnapshot snapshot) {
        for (ResultRow row : latestRows(snapshot)) {
            if (row.isFlagged()) {
                return row.getDataset();
            }
        }
        return "";
    }

    private List<ResultRow> latestRows(HistorySnapshot snapshot) {
        long latest = snapshot.latestBuild();
        if (latest <= 0) {
            return List.of();
        }
        return BenchmarkBuildAction.readRows(
                BuildFiles.in(job.getBuildDir().toPath().resolve(Long.toString(latest))).reportFile());
    }

    /**
     * Why the history cannot be read (the file and what is wrong with it), or {@code null} when it can.
     * The pages show it in place of the charts.
     */
    @CheckForNull
    public String getProblem() {
        JobHistory history = JobHistory.of(job);
        if (!history.exists()) {
            return null;
        }
        try {
            history.snapshot();
            return null;
        }
        catch (BadInputException | UncheckedIOException e) {
            return problem(e);
        }
    }

    /**
     * Runs a read on the current snapshot. A damaged store is never rebuilt here: a page view must not
     * change state. The reader gets the fallback and the log says why, once per store and problem.
     */
    private <T> T read(Function<HistorySnapshot, T> reader, Function<String, T> onProblem) {
        try {
            return reader.apply(JobHistory.of(job).snapshot());
        }
        catch (BadInputException | UncheckedIOException e) {
            return onProblem.apply(problem(e));
        }
    }

    /** What the chart methods answer for a history that cannot be read: {@code {"error": "..."}}, shown as text. */
    private static String errorJson(String problem) {
        return JSON.createObjectNode().put("error", "The benchmark history cannot be read: " + problem).toString();
    }

    private String problem(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String key = job.getRootDir().getAbsolutePath();
        if (!message.equals(LOGGED.put(key, message))) {
            LOGGER.log(Level.WARNING, "The benchmark history of " + job.getFullName() + " cannot be read;"
                    + " a recording or \"Rebuild history\" on its Benchmark Trends page rebuilds it from the builds", e);
        }
        return message;
    }
}
