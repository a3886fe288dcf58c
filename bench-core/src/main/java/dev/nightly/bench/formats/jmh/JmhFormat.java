package dev.nightly.bench.formats.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightly.bench.formats.FormatJson;
import dev.nightly.bench.formats.Place;
import dev.nightly.bench.formats.ResultsCollector;
import dev.nightly.bench.ingest.ReadSettings;
import dev.nightly.bench.ingest.ResultFormat;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.SeriesKey;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * JMH's JSON results ({@code java -jar benchmarks.jar -rf json -rff results.json}): an array with one
 * object per benchmark, mode and parameter combination.
 *
 * <p>Mapping: dataset = the benchmark class ({@code org.x.QueryBenchmark}), measure = the method
 * ({@code query}); parameters = the {@code @Param} values plus {@code mode} ({@code thrpt}, {@code avgt},
 * {@code sample}, {@code ss}), so that a second mode added later does not rename the first one's series.
 * The unit is JMH's {@code scoreUnit} as written: {@code ops/s} is a rate (higher is better),
 * {@code ms/op} a time (lower is better), which is what {@link Direction#fromUnit} infers. The error is
 * JMH's {@code scoreError}, the half-width of its 99.9% confidence interval ({@code NaN} with a single
 * iteration). A benchmark without a primary score (missing or NaN: it failed) is noted as skipped. Secondary metrics (profilers, {@code @AuxCounters}) become measures {@code method:metric};
 * JMH files carry neither commit nor time, so both come from the ingest.
 */
public final class JmhFormat implements ResultFormat {
    /** An array whose first object has JMH's own keys; "primaryMetric" is in every JMH version's output. */
    private static final Pattern START = Pattern.compile("\\A\\uFEFF?\\s*\\[\\s*\\{");

    @Override
    public String name() {
        return "jmh";
    }

    @Override
    public boolean recognizes(String head) {
        return START.matcher(head).find() && head.contains("\"primaryMetric\"") && head.contains("\"benchmark\"");
    }

    @Override
    public BenchmarkResults read(Path file, ReadSettings settings) {
        JsonNode root = FormatJson.read(file, '[', "JMH JSON results (-rf json)");
        if (!root.isArray()) {
            throw new Place(file, "top level").error("must be an array of benchmark results, found " + FormatJson.shape(root));
        }
        ResultsCollector results = new ResultsCollector(null, "");
        for (int i = 0; i < root.size(); i++) {
            readBenchmark(file, i, root.get(i), results);
        }
        return results.results();
    }

    private static void readBenchmark(Path file, int index, JsonNode benchmark, ResultsCollector results) {
        Place place = Place.item(file, "benchmark", index,
                benchmark.isObject() && benchmark.path("benchmark").isTextual() ? benchmark.get("benchmark").textValue() : null);
        if (!benchmark.isObject()) {
            throw place.error("must be an object, found " + FormatJson.shape(benchmark));
        }
        String name = FormatJson.text(benchmark, "benchmark", place);
        String mode = FormatJson.text(benchmark, "mode", place);
        int dot = name.lastIndexOf('.');
        String dataset = dot > 0 && dot < name.length() - 1 ? name.substring(0, dot) : name;
        String method = dot > 0 && dot < name.length() - 1 ? name.substring(dot + 1) : name;

        Map<String, String> parameters = new TreeMap<>();
        for (Map.Entry<String, JsonNode> param : FormatJson.optionalObject(benchmark, "params", place)) {
            JsonNode value = param.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw place.error("params." + param.getKey(), "must be a string, found " + FormatJson.kind(value));
            }
            parameters.put(param.getKey(), value.asText());
        }
        // A @Param called "mode" keeps its name; JMH's mode then goes under a name that cannot clash.
        parameters.put(parameters.containsKey("mode") ? "jmh.mode" : "mode", mode);

        JsonNode primary = benchmark.get("primaryMetric");
        if (primary == null || !primary.isObject()) {
            throw place.error("primaryMetric", primary == null ? "is missing" : "must be an object, found " + FormatJson.shape(primary));
        }
        JsonNode score = primary.get("score");
        if (score == null || score.isNull() || Metric.isNaN(score)) {
            // What JMH writes for a benchmark that failed or measured nothing: said, not stored, not refused.
            results.skip(file, name + parameterSuffix(benchmark), "no score" + (score == null ? "" : " (" + score.asText() + ")"));
            return;
        }
        Metric metric = Metric.read(primary, "primaryMetric", place, true);
        checkRawData(primary, place);
        results.dataset(dataset, "JMH benchmarks of " + dataset);
        results.add(SeriesKey.of(dataset, method, parameters), metric.unit, metric.score, metric.error, place);

        JsonNode secondaries = benchmark.get("secondaryMetrics");
        if (secondaries == null || secondaries.isNull()) {
            return;
        }
        if (!secondaries.isObject()) {
            throw place.error("secondaryMetrics", "must be an object, found " + FormatJson.shape(secondaries));
        }
        for (Map.Entry<String, JsonNode> entry : secondaries.properties()) {
            String field = "secondaryMetrics." + entry.getKey();
            if (!entry.getValue().isObject()) {
                throw place.error(field, "must be an object, found " + FormatJson.shape(entry.getValue()));
            }
            // Older JMH versions prefix profiler metrics with a middle dot ("·gc.alloc.rate").
            String metricName = entry.getKey().startsWith("\u00b7") ? entry.getKey().substring(1) : entry.getKey();
            Metric secondary = Metric.read(entry.getValue(), field, place, false);
            if (secondary == null || isGcRate(metricName, secondary.unit)) {
                continue;
            }
            results.add(SeriesKey.of(dataset, method + ":" + metricName, parameters), secondary.unit,
                    secondary.score, secondary.error, place);
        }
    }

    /** {@code [size=10, mode=thrpt]} for messages, or the empty string without parameters. */
    private static String parameterSuffix(JsonNode benchmark) {
        JsonNode params = benchmark.get("params");
        String mode = benchmark.path("mode").asText("");
        StringBuilder text = new StringBuilder();
        if (params != null && params.isObject()) {
            params.properties().forEach(p -> text.append(text.length() == 0 ? "" : ", ").append(p.getKey()).append('=')
                    .append(p.getValue().asText()));
        }
        if (!mode.isEmpty()) {
            text.append(text.length() == 0 ? "" : ", ").append("mode=").append(mode);
        }
        return text.length() == 0 ? "" : " [" + text + "]";
    }

    /**
     * The GC profiler's rates ({@code gc.alloc.rate} in MB/sec, {@code gc.churn.*}) are allocation per wall
     * time: they rise with throughput, repeat what {@code gc.alloc.rate.norm} (B/op) says per operation, and
     * their unit would read as a higher-is-better rate. The normalised figures are kept, the rates are not.
     */
    private static boolean isGcRate(String metricName, String unit) {
        return metricName.startsWith("gc.") && Direction.fromUnit(unit) == Direction.HIGHER_IS_BETTER;
    }

    /** rawData is optional (sample mode has a histogram instead), but when present it must be numbers. */
    private static void checkRawData(JsonNode primary, Place place) {
        JsonNode raw = primary.get("rawData");
        if (raw == null || raw.isNull()) {
            return;
        }
        if (!raw.isArray()) {
            throw place.error("primaryMetric.rawData", "must be an array of arrays of numbers, found " + FormatJson.shape(raw));
        }
        for (int fork = 0; fork < raw.size(); fork++) {
            JsonNode iterations = raw.get(fork);
            if (!iterations.isArray()) {
                throw place.error("primaryMetric.rawData[" + fork + "]", "must be an array of numbers, found " + FormatJson.shape(iterations));
            }
            for (int i = 0; i < iterations.size(); i++) {
                JsonNode value = iterations.get(i);
                if (!value.isNumber() && !"NaN".equals(value.textValue())) {
                    throw place.error("primaryMetric.rawData[" + fork + "][" + i + "]", "not a number: " + FormatJson.kind(value));
                }
            }
        }
    }

    private record Metric(double score, double error, String unit) {
        /**
         * Reads score, scoreError and scoreUnit. JMH writes a value it could not compute as the string "NaN":
         * for scoreError that means "unknown"; for a primary score it is refused, a secondary one is skipped
         * (profilers report NaN for counters that did not move), then {@code null} is returned.
         */
        static Metric read(JsonNode metric, String field, Place place, boolean primary) {
            Place at = place.within(field);
            String unit = FormatJson.text(metric, "scoreUnit", at);
            JsonNode score = metric.get("score");
            if (score == null || score.isNull()) {
                throw at.error("score", "is missing");
            }
            double value;
            if (isNaN(score)) {
                if (primary) {
                    throw at.error("score", "is NaN; JMH could not compute the result");
                }
                return null;
            }
            if (!score.isNumber()) {
                throw at.error("score", "not a number: " + FormatJson.kind(score));
            }
            value = score.doubleValue();
            if (!Double.isFinite(value)) {
                throw at.error("score", "not a finite number: " + score.asText());
            }
            JsonNode errorNode = metric.get("scoreError");
            double error = Double.NaN;
            if (errorNode != null && !errorNode.isNull() && !isNaN(errorNode)) {
                if (!errorNode.isNumber() || errorNode.doubleValue() < 0 || Double.isInfinite(errorNode.doubleValue())) {
                    throw at.error("scoreError", "must be a non-negative number or \"NaN\", found "
                            + FormatJson.kind(errorNode));
                }
                error = errorNode.doubleValue();
            }
            return new Metric(value, error, unit);
        }

        static boolean isNaN(JsonNode node) {
            return "NaN".equals(node.textValue()) || (node.isNumber() && Double.isNaN(node.doubleValue()));
        }
    }
}
