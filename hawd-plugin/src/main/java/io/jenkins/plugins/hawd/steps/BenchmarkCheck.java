package io.jenkins.plugins.hawd.steps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nightly.bench.check.CheckRule;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.hawd.recording.RecordingRequest;
import java.io.Serializable;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * One check rule as step parameters, with the fields and words of a rule in the CLI's checks file:
 * {@code [dataset: 'mail_*', measure: 'time', parameters: 'rows=5000', kind: 'regression',
 * baseline: 'median', window: 5, tolerance: 10, direction: 'lower', level: 'failure']}.
 * The engine validates it ({@link RecordingRequest#checkSettings}).
 */
public class BenchmarkCheck implements Describable<BenchmarkCheck>, RecordingRequest.CheckRuleSpec, Serializable {
    private static final long serialVersionUID = 1L;

    private String dataset = "*";
    private String measure = "*";
    private String parameters;
    private String kind = "regression";
    private String baseline = "auto";
    private int window = CheckRule.DEFAULT_WINDOW;
    private Integer build;
    private Double tolerance;
    private String direction = "auto";
    private String level = "unstable";
    private boolean enabled = true;

    @DataBoundConstructor
    public BenchmarkCheck() {
        // every field is optional: the rule matches all series with the built-in regression check's settings
    }

    public String getDataset() {
        return dataset;
    }

    /** Dataset id or glob ({@code *} for all). */
    @DataBoundSetter
    public void setDataset(String dataset) {
        this.dataset = orDefault(dataset, "*");
    }

    public String getMeasure() {
        return measure;
    }

    @DataBoundSetter
    public void setMeasure(String measure) {
        this.measure = orDefault(measure, "*");
    }

    @CheckForNull
    public String getParameters() {
        return parameters;
    }

    /** Parameter patterns, {@code rows=5000,numBuffers=*}. */
    @DataBoundSetter
    public void setParameters(String parameters) {
        this.parameters = Util.fixEmptyAndTrim(parameters);
    }

    public String getKind() {
        return kind;
    }

    @DataBoundSetter
    public void setKind(String kind) {
        this.kind = orDefault(kind, "regression");
    }

    public String getBaseline() {
        return baseline;
    }

    @DataBoundSetter
    public void setBaseline(String baseline) {
        this.baseline = orDefault(baseline, "auto");
    }

    public int getWindow() {
        return window;
    }

    @DataBoundSetter
    public void setWindow(int window) {
        this.window = window;
    }

    @CheckForNull
    public Integer getBuild() {
        return build;
    }

    @DataBoundSetter
    public void setBuild(Integer build) {
        this.build = build;
    }

    @CheckForNull
    public Double getTolerance() {
        return tolerance;
    }

    @DataBoundSetter
    public void setTolerance(Double tolerance) {
        this.tolerance = tolerance;
    }

    public String getDirection() {
        return direction;
    }

    @DataBoundSetter
    public void setDirection(String direction) {
        this.direction = orDefault(direction, "auto");
    }

    public String getLevel() {
        return level;
    }

    @DataBoundSetter
    public void setLevel(String level) {
        this.level = orDefault(level, "unstable");
    }

    public boolean isEnabled() {
        return enabled;
    }

    @DataBoundSetter
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    private static String orDefault(String value, String fallback) {
        String fixed = Util.fixEmptyAndTrim(value);
        return fixed == null ? fallback : fixed;
    }

    @Override
    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode rule = json.createObjectNode();
        ObjectNode series = rule.putObject("series");
        series.put("dataset", dataset);
        series.put("measure", measure);
        if (parameters != null) {
            ObjectNode values = series.putObject("parameters");
            for (String pair : parameters.split(",")) {
                int equals = pair.indexOf('=');
                // A malformed pair is passed on as it is, so that the engine names it in its error.
                values.put(equals < 0 ? pair.strip() : pair.substring(0, equals).strip(),
                        equals < 0 ? "" : pair.substring(equals + 1).strip());
            }
        }
        rule.put("kind", kind);
        rule.put("baseline", baseline);
        rule.put("window", window);
        if (build != null) {
            rule.put("build", build);
        }
        if (tolerance != null) {
            rule.put("tolerance", tolerance);
        }
        rule.put("direction", direction);
        rule.put("level", level);
        rule.put("enabled", enabled);
        return rule;
    }

    @Extension
    @Symbol("benchmarkCheck")
    public static class DescriptorImpl extends Descriptor<BenchmarkCheck> {
        @Override
        public String getDisplayName() {
            return "Benchmark check";
        }

        public ListBoxModel doFillKindItems() {
            return options("regression", "bounds");
        }

        public ListBoxModel doFillBaselineItems() {
            return options("auto", "median", "previous", "build");
        }

        public ListBoxModel doFillDirectionItems() {
            return options("auto", "lower", "higher");
        }

        public ListBoxModel doFillLevelItems() {
            return options("unstable", "failure");
        }

        public FormValidation doCheckWindow(@QueryParameter String value) {
            return FormValidation.validatePositiveInteger(value);
        }

        public FormValidation doCheckTolerance(@QueryParameter String value) {
            if (Util.fixEmptyAndTrim(value) == null) {
                return FormValidation.ok("Empty: the series' own noise decides");
            }
            try {
                double percent = Double.parseDouble(value.strip());
                return percent >= 0 ? FormValidation.ok() : FormValidation.error("Must be a percentage of 0 or more");
            }
            catch (NumberFormatException e) {
                return FormValidation.error("Not a number: " + value);
            }
        }

        private static ListBoxModel options(String... values) {
            ListBoxModel model = new ListBoxModel();
            for (String value : values) {
                model.add(value);
            }
            return model;
        }
    }
}
