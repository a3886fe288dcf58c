package io.jenkins.plugins.hawd.build;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Api;
import hudson.model.Item;
import hudson.model.Run;
import io.jenkins.plugins.hawd.history.BuildFiles;
import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The "Benchmarks" page of a build. Only counts live in {@code build.xml}; the rows (every series with
 * value, baseline, change and verdict) are read on demand from the build's {@code hawd/checks.json}.
 */
@ExportedBean
public class BenchmarkBuildAction implements RunAction2 {
    private static final Logger LOGGER = Logger.getLogger(BenchmarkBuildAction.class.getName());
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    static final String URL_NAME = "benchmarks";

    private final int files;
    private final int series;
    private final int checks;
    private final int newPoints;
    private final int flagged;
    private final int failures;
    private final String result;
    private final String summary;

    private transient Run<?, ?> run;
    private transient SoftReference<List<ResultRow>> rows;

    /**
     * @param files     how many results files were read
     * @param series    how many series the build has values for
     * @param checks    how many checks ran on them (bounds and regression per series)
     * @param newPoints how many points the build added to the history
     * @param flagged   flagged checks
     * @param failures  flagged checks at level FAILURE
     * @param result    the result the quality gate set ({@code SUCCESS}, {@code UNSTABLE}, {@code FAILURE})
     * @param summary   the engine's one-line summary of the checks
     */
    public BenchmarkBuildAction(int files, int series, int checks, int newPoints, int flagged, int failures, String result,
            String summary) {
        this.files = files;
        this.series = series;
        this.checks = checks;
        this.newPoints = newPoints;
        this.flagged = flagged;
        this.failures = failures;
        this.result = result;
        this.summary = summary;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    public String getDisplayName() {
        return "Benchmarks";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** {@code .../benchmarks/api/json}: the counts and every row. */
    public Api getApi() {
        run.checkPermission(Item.READ);
        return new Api(this);
    }

    @Exported(visibility = 2)
    public int getFiles() {
        return files;
    }

    @Exported(visibility = 2)
    public int getSeries() {
        return series;
    }

    @Exported(visibility = 2)
    public int getChecks() {
        return checks;
    }

    @Exported(visibility = 2)
    public int getNewPoints() {
        return newPoints;
    }

    @Exported(visibility = 2)
    public int getFlagged() {
        return flagged;
    }

    @Exported(visibility = 2)
    public int getFailures() {
        return failures;
    }

    @Exported(visibility = 2)
    public String getResult() {
        return result;
    }

    @Exported(visibility = 2)
    public String getSummary() {
        return summary;
    }

    /**
     * Every series of the build, flagged ones first (the engine's order). In this action's
     * {@code api/json}; the build's own {@code api/json} shows only the counts (visibility 2).
     */
    @Exported
    public List<ResultRow> getResults() {
        List<ResultRow> cached = rows == null ? null : rows.get();
        if (cached == null) {
            cached = readRows();
            rows = new SoftReference<>(cached);
        }
        return cached;
    }

    public List<ResultRow> getFlaggedResults() {
        List<ResultRow> list = new ArrayList<>();
        for (ResultRow row : getResults()) {
            if (row.isFlagged()) {
                list.add(row);
            }
        }
        return list;
    }

    /** Link from this page to the job's trends, for the rows' series links. */
    @CheckForNull
    public String getJobUrl() {
        return run == null ? null : run.getParent().getUrl();
    }

    private List<ResultRow> readRows() {
        return run == null ? List.of() : readRows(BuildFiles.in(run.getRootDir().toPath()).reportFile());
    }

    /** The rows of a build's checks file; none when it is missing or unreadable (logged). */
    public static List<ResultRow> readRows(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return List.copyOf(JSON.readValue(file.toFile(), new TypeReference<List<ResultRow>>() { }));
        }
        catch (IOException e) {
            LOGGER.log(Level.WARNING, "Cannot read the benchmark checks in " + file, e);
            return List.of();
        }
    }

    /** The rows as the build's {@code hawd/checks.json} holds them. */
    public static String toJson(List<ResultRow> rows) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rows);
    }
}
