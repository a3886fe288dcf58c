package io.jenkins.plugins.hawd.build;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nightly.bench.check.CheckResult;
import dev.nightly.bench.model.Numbers;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.hawd.trend.SeriesLinks;
import java.util.Map;
import java.util.TreeMap;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One series of a build as the Benchmarks page and {@code api/json} show it: the engine's
 * {@link CheckResult} flattened to text and numbers, kept in the build's {@code hawd/checks.json}.
 */
@ExportedBean(defaultVisibility = 2)
public final class ResultRow {
    private final String id;
    private final String dataset;
    private final String measure;
    private final Map<String, String> parameters;
    private final String unit;
    private final double value;
    private final long build;
    private final String commit;
    private final Double baseline;
    private final String baselineText;
    private final Double changePercent;
    private final Double tolerance;
    private final String verdict;
    private final String level;
    private final String kind;
    private final String description;

    @JsonCreator
    public ResultRow(@JsonProperty("id") String id, @JsonProperty("dataset") String dataset,
            @JsonProperty("measure") String measure, @JsonProperty("parameters") Map<String, String> parameters,
            @JsonProperty("unit") String unit, @JsonProperty("value") double value, @JsonProperty("build") long build,
            @JsonProperty("commit") String commit, @JsonProperty("baseline") Double baseline,
            @JsonProperty("baselineText") String baselineText, @JsonProperty("changePercent") Double changePercent,
            @JsonProperty("tolerance") Double tolerance, @JsonProperty("verdict") String verdict,
            @JsonProperty("level") String level, @JsonProperty("kind") String kind,
            @JsonProperty("description") String description) {
        this.id = id;
        this.dataset = dataset;
        this.measure = measure;
        this.parameters = parameters == null ? Map.of() : new TreeMap<>(parameters);
        this.unit = unit == null ? "" : unit;
        this.value = value;
        this.build = build;
        this.commit = commit == null ? "" : commit;
        this.baseline = baseline;
        this.baselineText = baselineText == null ? "" : baselineText;
        this.changePercent = changePercent;
        this.tolerance = tolerance;
        this.verdict = verdict;
        this.level = level;
        this.kind = kind;
        this.description = description == null ? "" : description;
    }

    /** The row of one check result of the engine. */
    public static ResultRow of(CheckResult result) {
        String unitSuffix = result.unit().isEmpty() ? "" : " " + result.unit();
        return new ResultRow(result.key().id(), result.key().dataset(), result.key().measure(),
                result.key().parameters(), result.unit(), result.point().value(), result.point().build(),
                result.point().commit(),
                result.baseline() == null ? null : result.baseline().value(),
                result.baseline() == null ? "" : result.baseline().describe(unitSuffix),
                result.changePercent(), result.tolerance(), result.verdict().name(),
                result.isFlagged() ? result.level().name() : null, result.kind().name(), result.describe());
    }

    @Exported
    public String getId() {
        return id;
    }

    @Exported
    public String getDataset() {
        return dataset;
    }

    @Exported
    public String getMeasure() {
        return measure;
    }

    @Exported
    public Map<String, String> getParameters() {
        return parameters;
    }

    @Exported
    public String getUnit() {
        return unit;
    }

    @Exported
    public double getValue() {
        return value;
    }

    @Exported
    public long getBuild() {
        return build;
    }

    @Exported
    public String getCommit() {
        return commit;
    }

    @Exported
    @CheckForNull
    public Double getBaseline() {
        return baseline;
    }

    @Exported
    public String getBaselineText() {
        return baselineText;
    }

    @Exported
    @CheckForNull
    public Double getChangePercent() {
        return changePercent;
    }

    @Exported
    @CheckForNull
    public Double getTolerance() {
        return tolerance;
    }

    /** {@code OUT_OF_BOUNDS}, {@code REGRESSED}, {@code IMPROVED}, {@code OK} or {@code NO_BASELINE}. */
    @Exported
    public String getVerdict() {
        return verdict;
    }

    /** {@code UNSTABLE} or {@code FAILURE} for flagged rows, else {@code null}. */
    @Exported
    @CheckForNull
    public String getLevel() {
        return level;
    }

    @Exported
    public String getKind() {
        return kind;
    }

    @Exported
    public String getDescription() {
        return description;
    }

    @Exported
    @JsonIgnore
    public boolean isFlagged() {
        return level != null;
    }

    // For the page only (not exported, not stored).

    @JsonIgnore
    public String getParameterText() {
        StringBuilder text = new StringBuilder();
        parameters.forEach((name, val) -> text.append(text.length() == 0 ? "" : ", ").append(name).append('=').append(val));
        return text.toString();
    }

    @JsonIgnore
    public String getValueText() {
        return Numbers.format(value);
    }

    @JsonIgnore
    public String getChangeText() {
        return changePercent == null ? "" : Numbers.percent(changePercent);
    }

    @JsonIgnore
    public String getVerdictText() {
        return verdict == null ? "" : verdict.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /**
     * How the page colours the verdict, in the words of Jenkins' colour classes ({@code jenkins-!-error-color}
     * and so on): a flagged row by its level, an improvement as a success, the rest as plain text.
     */
    @JsonIgnore
    public String getTone() {
        if (isFlagged()) {
            return "FAILURE".equals(level) ? "error" : "warning";
        }
        return "IMPROVED".equals(verdict) ? "success" : "text";
    }

    /** The Jenkins symbol that goes with the verdict. */
    @JsonIgnore
    public String getVerdictSymbol() {
        if (verdict == null) {
            return "symbol-help-circle";
        }
        return switch (verdict) {
            case "OUT_OF_BOUNDS", "REGRESSED" -> "FAILURE".equals(level) ? "symbol-close-circle" : "symbol-warning";
            case "IMPROVED" -> "symbol-arrow-up";
            case "OK" -> "symbol-check";
            default -> "symbol-information-circle";
        };
    }

    /** The baseline's value with its unit, or empty when there is none. */
    @JsonIgnore
    public String getBaselineValueText() {
        return baseline == null ? "" : Numbers.format(baseline) + (unit.isEmpty() ? "" : " " + unit);
    }

    /**
     * How the baseline was chosen ({@code median of last 10 values}), or why there is none. Rows store it
     * inside {@code baselineText} as {@code "VALUE UNIT (HOW)"}; rows without a value hold only the reason.
     */
    @JsonIgnore
    public String getBaselineBasis() {
        if (baseline == null) {
            return baselineText;
        }
        int open = baselineText.indexOf(" (");
        return open >= 0 && baselineText.endsWith(")") ? baselineText.substring(open + 2, baselineText.length() - 1) : "";
    }

    @JsonIgnore
    public String getKindText() {
        return kind == null ? "" : kind.toLowerCase(java.util.Locale.ROOT);
    }

    /** Relative link from the build's Benchmarks page to the series' trend on the job. */
    @JsonIgnore
    public String getSeriesToken() {
        return SeriesLinks.token(id);
    }
}
