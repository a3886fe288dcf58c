package dev.nightly.bench.formats.pytest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightly.bench.formats.FormatJson;
import dev.nightly.bench.formats.Place;
import dev.nightly.bench.formats.ResultsCollector;
import dev.nightly.bench.formats.Times;
import dev.nightly.bench.ingest.ReadSettings;
import dev.nightly.bench.ingest.ResultFormat;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.SeriesKey;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * pytest-benchmark's JSON ({@code pytest --benchmark-json=results.json}, also what
 * {@code --benchmark-autosave} stores): {@code machine_info}, {@code commit_info}, {@code benchmarks} with
 * {@code group}, {@code name}, {@code fullname}, {@code params} and {@code stats} (in seconds), and the run's
 * {@code datetime}.
 *
 * <p>Mapping: dataset = the benchmark group, or the test module ({@code tests/test_parse.py}) without one;
 * measure = the test ({@code test_parse}, {@code TestParser::test_parse} in a class) for the mean, with
 * {@code :median} and {@code :min} for those statistics; parameters = {@code params}, or pytest's stable
 * parametrize id as {@code param} when they are not given (pytest-benchmark 2: the id in the name) or one of
 * them holds a memory address ({@code UNSERIALIZABLE[<function f at 0x7f...>]}). Unit {@code s} (lower is better); the mean's error is
 * the standard error stddev/sqrt(rounds). The commit is {@code commit_info.id}; the time is when the
 * benchmarks ran ({@code datetime}, UTC), or {@code commit_info.time} in files without it.
 */
public final class PytestBenchmarkFormat implements ResultFormat {
    /** How pytest-benchmark writes a parameter value that JSON cannot hold. */
    private static final String UNSERIALIZABLE = "UNSERIALIZABLE[";
    /** A memory address in a repr ({@code <object at 0x7f3a2c1d5e80>}): different in every run. */
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{6,}");

    private final ZoneId zone;

    public PytestBenchmarkFormat() {
        this(ZoneId.systemDefault());
    }

    /** @param zone the zone the history keeps local times in */
    public PytestBenchmarkFormat(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public String name() {
        return "pytest-benchmark";
    }

    @Override
    public boolean recognizes(String head) {
        return head.stripLeading().startsWith("{") && head.contains("\"machine_info\"") && head.contains("\"benchmarks\"");
    }

    @Override
    public BenchmarkResults read(Path file, ReadSettings settings) {
        JsonNode root = FormatJson.read(file, '{', "pytest-benchmark JSON (--benchmark-json)");
        Place top = new Place(file, "top level");
        if (!root.isObject()) {
            throw top.error("must be an object, found " + FormatJson.shape(root));
        }
        JsonNode benchmarks = root.get("benchmarks");
        if (benchmarks == null || !benchmarks.isArray()) {
            throw top.error("benchmarks", benchmarks == null ? "is missing" : "must be an array, found " + FormatJson.shape(benchmarks));
        }
        String commit = "";
        String commitTime = null;
        JsonNode commitInfo = root.get("commit_info");
        if (commitInfo != null && !commitInfo.isNull()) {
            Place place = new Place(file, "commit_info");
            if (!commitInfo.isObject()) {
                throw top.error("commit_info", "must be an object, found " + FormatJson.shape(commitInfo));
            }
            // Outside a git checkout commit_info holds only an "error"; then the ingest's commit is used.
            commit = FormatJson.optionalText(commitInfo, "id", place, "");
            commitTime = FormatJson.optionalText(commitInfo, "time", place, null);
        }
        LocalDateTime time = null;
        String datetime = FormatJson.optionalText(root, "datetime", top, null);
        if (datetime != null) {
            time = Times.parse(datetime, zone, Times.UTC).orElseThrow(() -> top.error("datetime",
                    "not a date and time: " + Place.quote(datetime)));
        }
        else if (commitTime != null) {
            String text = commitTime;
            time = Times.parse(text, zone, null).orElseThrow(() -> new Place(file, "commit_info").error("time",
                    "not a date and time: " + Place.quote(text)));
        }

        ResultsCollector results = new ResultsCollector(time, commit);
        for (int i = 0; i < benchmarks.size(); i++) {
            JsonNode benchmark = benchmarks.get(i);
            Place place = Place.item(file, "benchmark", i,
                    benchmark.isObject() && benchmark.path("fullname").isTextual() ? benchmark.get("fullname").textValue()
                            : benchmark.isObject() && benchmark.path("name").isTextual() ? benchmark.get("name").textValue() : null);
            if (!benchmark.isObject()) {
                throw place.error("must be an object, found " + FormatJson.shape(benchmark));
            }
            readBenchmark(benchmark, place, results);
        }
        return results.results();
    }

    private static void readBenchmark(JsonNode benchmark, Place place, ResultsCollector results) {
        String name = FormatJson.text(benchmark, "name", place);
        String fullname = FormatJson.optionalText(benchmark, "fullname", place, name);
        String group = FormatJson.optionalText(benchmark, "group", place, "");
        int separator = fullname.indexOf("::");
        String module = separator > 0 ? fullname.substring(0, separator) : "";
        String test = withoutId(separator > 0 ? fullname.substring(separator + 2) : name);
        String dataset = !group.isBlank() ? group : !module.isEmpty() ? module : "pytest";

        Map<String, String> parameters = parameters(benchmark, name, fullname, place);
        JsonNode stats = benchmark.get("stats");
        if (stats == null || !stats.isObject()) {
            throw place.error("stats", stats == null ? "is missing" : "must be an object, found " + FormatJson.shape(stats));
        }
        Place at = place.within("stats");
        double mean = FormatJson.finite(stats, "mean", at);
        double median = FormatJson.finite(stats, "median", at);
        double min = FormatJson.finite(stats, "min", at);
        long rounds = FormatJson.whole(stats, "rounds", at, 1, 1);
        // Python writes a standard deviation it could not compute as NaN: the error is then unknown.
        JsonNode stddevNode = stats.get("stddev");
        double stddev = stddevNode == null || stddevNode.isNull() || (stddevNode.isNumber() && Double.isNaN(stddevNode.doubleValue()))
                ? Double.NaN : FormatJson.finite(stats, "stddev", at);
        if (stddev < 0) {
            throw at.error("stddev", "must not be negative");
        }
        results.dataset(dataset, group.isBlank() ? "pytest-benchmark tests of " + dataset : "pytest-benchmark group " + group);
        results.add(SeriesKey.of(dataset, test, parameters), "s", mean, ResultsCollector.standardError(stddev, rounds), place);
        results.add(SeriesKey.of(dataset, test + ":median", parameters), "s", median, Double.NaN, place);
        results.add(SeriesKey.of(dataset, test + ":min", parameters), "s", min, Double.NaN, place);
    }

    /**
     * The parameters of a benchmark: {@code params} as they are, unless one of them is text that changes from
     * run to run; then pytest's parametrize id ({@code param}), which is stable. pytest-benchmark writes a value
     * JSON cannot hold as {@code UNSERIALIZABLE[repr]}, and a repr such as {@code <function f at 0x7f3a...>}
     * holds a memory address: keyed by it, every run would make new series. Files of pytest-benchmark 2
     * have neither {@code params} nor {@code param}; then the id comes from the name ({@code test_x[0]}).
     */
    private static Map<String, String> parameters(JsonNode benchmark, String name, String fullname, Place place) {
        Map<String, String> parameters = new TreeMap<>();
        boolean unstable = false;
        for (Map.Entry<String, JsonNode> param : FormatJson.optionalObject(benchmark, "params", place)) {
            JsonNode value = param.getValue();
            // Parameters can be any Python value; pytest-benchmark writes what JSON can hold as it is.
            String text = value.isValueNode() ? (value.isNull() ? "None" : value.asText()) : value.toString();
            unstable |= text.startsWith(UNSERIALIZABLE) || ADDRESS.matcher(text).find();
            parameters.put(param.getKey(), text);
        }
        if (!parameters.isEmpty() && !unstable) {
            return parameters;
        }
        parameters.clear();
        String id = FormatJson.optionalText(benchmark, "param", place, null);
        if (id == null || id.isEmpty()) {
            id = idOf(fullname).orElse(idOf(name).orElse(""));
        }
        if (!id.isEmpty()) {
            // An id made from a repr may hold an address too; without it the id stays the same from run to run.
            parameters.put("param", ADDRESS.matcher(id).replaceAll("0x?"));
        }
        return parameters;
    }

    /** The parametrize id of {@code test_parse[small-10]}: {@code small-10}. */
    private static Optional<String> idOf(String test) {
        int bracket = test.indexOf('[');
        return bracket > 0 && test.endsWith("]") ? Optional.of(test.substring(bracket + 1, test.length() - 1))
                : Optional.empty();
    }

    /** {@code test_parse[small-10]} without its parameter id: the id's values are the parameters. */
    private static String withoutId(String test) {
        int bracket = test.indexOf('[');
        return bracket > 0 && test.endsWith("]") ? test.substring(0, bracket) : test;
    }
}
