package dev.nightly.bench.formats.gbench;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Google Benchmark's JSON output ({@code --benchmark_out=results.json --benchmark_out_format=json}):
 * {@code context} (with the run's date) and {@code benchmarks}, one entry per run and, with
 * {@code --benchmark_repetitions=N}, one per repetition plus aggregates ({@code mean}, {@code median},
 * {@code stddev}, {@code cv}).
 *
 * <p>Mapping: dataset = the benchmark family, the name's first part ({@code BM_Query} of
 * {@code BM_Query/1000/threads:4}); the other parts become parameters: {@code key:value} parts under their
 * key ({@code threads=4}), plain arguments as {@code arg0}, {@code arg1}... (as {@code state.range(0)} calls
 * them), and {@code real_time}/{@code manual_time}/{@code process_time} as {@code timing}. Measures:
 * {@code real_time} and {@code cpu_time} in {@code time_unit} (ns, us, ms, s: lower is better),
 * {@code bytes_per_second} ({@code B/s}) and {@code items_per_second} ({@code items/s}) as rates, memory
 * figures in bytes, and user counters by name, with a rate unit when the name says one ({@link #counterUnit}).
 * With repetitions the value is their mean and the error the standard error, stddev/sqrt(n); a single run has
 * no error. Aggregates of versions without {@code run_type} (1.4 and older: {@code BM_x/repeats:3_stddev}) are
 * read as aggregates. Entries skipped or stopped with an error are noted as skipped; complexity fits (BigO,
 * RMS) are left out. The time is the context's date; the commit comes from the ingest.
 */
public final class GoogleBenchmarkFormat implements ResultFormat {
    private static final Pattern START = Pattern.compile("\\A\\uFEFF?\\s*\\{\\s*\"context\"\\s*:");
    private static final Set<String> TIME_UNITS = Set.of("ns", "us", "ms", "s");
    private static final Set<String> TIMINGS = Set.of("real_time", "manual_time", "process_time");
    private static final Pattern KEY_VALUE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*):(.*)");
    /** Fields of an entry that are not measurements (everything else numeric is a counter). */
    private static final Set<String> NOT_COUNTERS = Set.of("name", "family_index", "per_family_instance_index",
            "run_name", "run_type", "repetitions", "repetition_index", "threads", "aggregate_name", "aggregate_unit",
            "error_occurred", "error_message", "skipped", "skip_message", "iterations", "real_time", "cpu_time",
            "time_unit", "cpu_coefficient", "real_coefficient", "big_o", "rms", "label");
    /** An aggregate of Google Benchmark 1.4 and older, which wrote no run_type: "BM_x/repeats:3_stddev". */
    private static final Pattern OLD_AGGREGATE = Pattern.compile("(.+)_(mean|median|stddev)");
    /** A rate unit at the end of a counter's name: "GB/s", "FOM: MB/sec", "rows/s". */
    private static final Pattern RATE_IN_NAME = Pattern.compile("([A-Za-z]+)/(?:s|sec|second)\\s*$");
    /** A counter named for a rate: "rows_per_second", "bytesPerSecond". */
    private static final Pattern PER_SECOND = Pattern.compile("(?i)(.*?[a-z].*?)[_ ]?per[_ ]?sec(?:ond)?");
    private static final Map<String, String> COUNTER_UNITS = Map.of(
            "bytes_per_second", "B/s",
            "items_per_second", "items/s",
            "max_bytes_used", "B",
            "total_allocated_bytes", "B",
            "net_heap_growth", "B");

    private final ZoneId zone;

    public GoogleBenchmarkFormat() {
        this(ZoneId.systemDefault());
    }

    /** @param zone the zone the history keeps local times in */
    public GoogleBenchmarkFormat(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public String name() {
        return "gbench";
    }

    @Override
    public boolean recognizes(String head) {
        return START.matcher(head).find() && head.contains("\"benchmarks\"");
    }

    @Override
    public BenchmarkResults read(Path file, ReadSettings settings) {
        JsonNode root = FormatJson.read(file, '{', "Google Benchmark JSON results (--benchmark_out_format=json)");
        Place top = new Place(file, "top level");
        if (!root.isObject()) {
            throw top.error("must be an object, found " + FormatJson.shape(root));
        }
        JsonNode context = root.get("context");
        if (context == null || !context.isObject()) {
            throw top.error("context", context == null ? "is missing" : "must be an object, found " + FormatJson.shape(context));
        }
        Place contextPlace = new Place(file, "context");
        LocalDateTime time = null;
        String date = FormatJson.optionalText(context, "date", contextPlace, null);
        if (date != null) {
            time = Times.parse(date, zone, null).orElseThrow(() -> contextPlace.error("date",
                    "not a date and time: " + Place.quote(date)));
        }
        String executable = FormatJson.optionalText(context, "executable", contextPlace, "");
        JsonNode benchmarks = root.get("benchmarks");
        if (benchmarks == null || !benchmarks.isArray()) {
            throw top.error("benchmarks", benchmarks == null ? "is missing" : "must be an array, found " + FormatJson.shape(benchmarks));
        }

        Map<String, Run> runs = new LinkedHashMap<>();
        ResultsCollector results = new ResultsCollector(time, "");
        for (int i = 0; i < benchmarks.size(); i++) {
            JsonNode entry = benchmarks.get(i);
            Place place = Place.item(file, "benchmark", i,
                    entry.isObject() && entry.path("name").isTextual() ? entry.get("name").textValue() : null);
            if (!entry.isObject()) {
                throw place.error("must be an object, found " + FormatJson.shape(entry));
            }
            String name = FormatJson.text(entry, "name", place);
            String runType = FormatJson.optionalText(entry, "run_type", place, "iteration");
            String aggregate = FormatJson.optionalText(entry, "aggregate_name", place, null);
            if (!entry.has("run_type") && aggregate == null) {
                // Google Benchmark 1.4 and older name their aggregates "BM_x/repeats:3_mean" and say no more;
                // they follow the repetitions of their run (a run of its own may end in "_mean" too).
                Matcher old = OLD_AGGREGATE.matcher(name);
                if (old.matches() && (runs.containsKey(old.group(1)) || old.group(1).contains("/repeats:"))) {
                    runType = "aggregate";
                    aggregate = old.group(2);
                }
            }
            if (!runType.equals("iteration") && !runType.equals("aggregate")) {
                throw place.error("run_type", "must be \"iteration\" or \"aggregate\", found " + Place.quote(runType));
            }
            if (runType.equals("aggregate") && aggregate == null) {
                throw place.error("aggregate_name", "is missing in an aggregate");
            }
            if (isTrue(entry, "error_occurred", place)) {
                results.skip(file, name, "error_occurred" + reason(entry, "error_message", place));
                continue;
            }
            if (isSkipped(entry, place)) {
                results.skip(file, name, "skipped" + reason(entry, "skip_message", place));
                continue;
            }
            if (entry.has("big_o") || entry.has("rms")) {
                continue;
            }
            // Versions before run_name (1.4) named aggregates "<run>_mean"; the run is the name without it.
            String runName = FormatJson.optionalText(entry, "run_name", place, null);
            if (runName == null) {
                runName = aggregate != null && name.endsWith("_" + aggregate)
                        ? name.substring(0, name.length() - aggregate.length() - 1) : name;
            }
            Map<String, Measured> values = measurements(entry, place);
            Run run = runs.computeIfAbsent(runName, n -> new Run(place));
            if (runType.equals("aggregate")) {
                run.aggregates.put(aggregate, values);
                run.repetitions = Math.max(run.repetitions, FormatJson.whole(entry, "repetitions", place, 0, 0));
            }
            else {
                run.iterations.add(values);
            }
        }

        for (Map.Entry<String, Run> entry : runs.entrySet()) {
            addRun(entry.getKey(), entry.getValue(), executable, results);
        }
        return results.results();
    }

    private static boolean isTrue(JsonNode entry, String field, Place place) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw place.error(field, "must be true or false, found " + FormatJson.kind(value));
        }
        return value.booleanValue();
    }

    private static String reason(JsonNode entry, String field, Place place) {
        String message = FormatJson.optionalText(entry, field, place, "");
        return message.isBlank() ? "" : ": " + Place.quote(message);
    }

    /** Newer versions write {@code "skipped": true}, some a number for the kind of skip (0 is not skipped). */
    private static boolean isSkipped(JsonNode entry, Place place) {
        JsonNode value = entry.get("skipped");
        if (value != null && value.isNumber()) {
            return value.doubleValue() != 0;
        }
        return isTrue(entry, "skipped", place);
    }

    /**
     * The unit of a counter, which Google Benchmark's JSON does not write (nor the counter's flags): known
     * names, then a rate spelled in the name ({@code items_per_second}, {@code FOM: GB/s}, {@code rows/s}).
     * A counter of {@code kIsRate} is divided by the time, so its name says "per second" where its author
     * named it for people. Without either the unit stays empty: the direction is unknown, the series is
     * tracked and charted, and not judged unless the checks name a direction.
     */
    public static String counterUnit(String name) {
        String known = COUNTER_UNITS.get(name);
        if (known != null) {
            return known;
        }
        Matcher rate = RATE_IN_NAME.matcher(name);
        if (rate.find()) {
            return rate.group(1) + "/s";
        }
        Matcher perSecond = PER_SECOND.matcher(name);
        if (perSecond.matches()) {
            return perSecond.group(1) + "/s";
        }
        return "";
    }

    /** The measured values of one entry by measure, in file order. */
    private static Map<String, Measured> measurements(JsonNode entry, Place place) {
        Map<String, Measured> values = new LinkedHashMap<>();
        String timeUnit = FormatJson.text(entry, "time_unit", place);
        if (!TIME_UNITS.contains(timeUnit)) {
            throw place.error("time_unit", "must be one of ns, us, ms, s, found " + Place.quote(timeUnit));
        }
        values.put("real_time", new Measured(FormatJson.finite(entry, "real_time", place), timeUnit));
        values.put("cpu_time", new Measured(FormatJson.finite(entry, "cpu_time", place), timeUnit));
        for (Map.Entry<String, JsonNode> field : entry.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (NOT_COUNTERS.contains(name) || !value.isNumber()) {
                continue;
            }
            // A counter that could not be computed is printed as NaN or Infinity: no value this time.
            if (!Double.isFinite(value.doubleValue())) {
                continue;
            }
            values.put(name, new Measured(value.doubleValue(), counterUnit(name)));
        }
        return values;
    }

    private static void addRun(String runName, Run run, String executable, ResultsCollector results) {
        List<String> parts = List.of(runName.split("/", -1));
        String family = parts.get(0).isEmpty() ? runName : parts.get(0);
        Map<String, String> parameters = new TreeMap<>();
        List<String> timings = new ArrayList<>();
        int positional = 0;
        for (String part : parts.subList(1, parts.size())) {
            var keyValue = KEY_VALUE.matcher(part);
            if (TIMINGS.contains(part)) {
                timings.add(part);
            }
            else if (keyValue.matches()) {
                parameters.put(keyValue.group(1), keyValue.group(2));
            }
            else {
                parameters.put("arg" + positional++, part);
            }
        }
        if (!timings.isEmpty()) {
            parameters.put("timing", String.join("+", timings));
        }
        results.dataset(family, "Google Benchmark family " + family + (executable.isEmpty() ? "" : " of " + executable));

        Map<String, Measured> mean = run.aggregates.get("mean");
        Map<String, Measured> stddev = run.aggregates.get("stddev");
        Map<String, Measured> chosen;
        long count;
        if (mean != null) {
            chosen = mean;
            count = run.repetitions > 0 ? run.repetitions : run.iterations.size();
        }
        else if (!run.iterations.isEmpty()) {
            chosen = run.iterations.size() == 1 ? run.iterations.get(0) : meanOf(run.iterations);
            count = run.iterations.size();
            stddev = run.iterations.size() > 1 ? stddevOf(run.iterations, chosen) : null;
        }
        else if (run.aggregates.containsKey("median")) {
            // Only user-chosen aggregates were reported; the median is the best value left, its error unknown.
            chosen = run.aggregates.get("median");
            count = 0;
            stddev = null;
        }
        else {
            return;
        }
        for (Map.Entry<String, Measured> measure : chosen.entrySet()) {
            Measured spread = stddev == null ? null : stddev.get(measure.getKey());
            double error = spread == null ? Double.NaN : ResultsCollector.standardError(spread.value, count);
            results.add(SeriesKey.of(family, measure.getKey(), parameters), measure.getValue().unit,
                    measure.getValue().value, error, run.firstPlace);
        }
    }

    private static Map<String, Measured> meanOf(List<Map<String, Measured>> repetitions) {
        Map<String, Measured> mean = new LinkedHashMap<>();
        for (String measure : repetitions.get(0).keySet()) {
            double sum = 0;
            int n = 0;
            for (Map<String, Measured> repetition : repetitions) {
                Measured value = repetition.get(measure);
                if (value != null) {
                    sum += value.value;
                    n++;
                }
            }
            mean.put(measure, new Measured(sum / n, repetitions.get(0).get(measure).unit));
        }
        return mean;
    }

    private static Map<String, Measured> stddevOf(List<Map<String, Measured>> repetitions, Map<String, Measured> mean) {
        Map<String, Measured> stddev = new LinkedHashMap<>();
        for (Map.Entry<String, Measured> measure : mean.entrySet()) {
            double squares = 0;
            int n = 0;
            for (Map<String, Measured> repetition : repetitions) {
                Measured value = repetition.get(measure.getKey());
                if (value != null) {
                    squares += Math.pow(value.value - measure.getValue().value, 2);
                    n++;
                }
            }
            if (n > 1) {
                stddev.put(measure.getKey(), new Measured(Math.sqrt(squares / (n - 1)), measure.getValue().unit));
            }
        }
        return stddev;
    }

    private record Measured(double value, String unit) {
    }

    /** One benchmark instance: its repetitions and aggregates. */
    private static final class Run {
        private final Place firstPlace;
        private final List<Map<String, Measured>> iterations = new ArrayList<>();
        private final Map<String, Map<String, Measured>> aggregates = new LinkedHashMap<>();
        private long repetitions;

        Run(Place firstPlace) {
            this.firstPlace = firstPlace;
        }
    }
}
