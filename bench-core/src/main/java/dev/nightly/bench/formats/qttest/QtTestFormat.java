package dev.nightly.bench.formats.qttest;

import dev.nightly.bench.formats.FormatXml;
import dev.nightly.bench.formats.Place;
import dev.nightly.bench.formats.ResultsCollector;
import dev.nightly.bench.formats.XmlElement;
import dev.nightly.bench.ingest.ReadSettings;
import dev.nightly.bench.ingest.ResultFormat;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.SeriesKey;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * QtTest's XML log ({@code ./tst_foo -o results.xml,xml}): a {@code TestCase} with {@code TestFunction}s,
 * each {@code QBENCHMARK} giving a {@code BenchmarkResult metric tag value iterations}.
 *
 * <p>Mapping: dataset = the test class ({@code TestCase name}), measure = the test function, or
 * {@code function:Metric} for any metric but the default wall time; parameter {@code tag} = the data tag
 * when there is one. Since Qt 5 the XML logger writes the value per iteration (it divides the total by
 * {@code iterations} itself, read in qxmltestlogger.cpp); Qt 4 wrote the total, so a log whose
 * {@code QtVersion} is 4.x is divided here. Units: {@code ms} and {@code ns} for wall time, rates for the
 * per-second metrics, Qt's own unit names for counters (cycles, instructions, ...: lower is better). A
 * QtTest log has one value per benchmark, so no error; commit and time come from the ingest. Qt 4's metric
 * names ({@code walltime}, {@code callgrind}, {@code ticks}, {@code events}) give the measures and units of
 * Qt 5's. A log of several test classes (a binary that calls {@code qExec} more than once) holds one XML
 * document per class, one after another: all are read. A data tag that failed ({@code Incident type="fail"})
 * is noted as skipped and its benchmark result not kept.
 */
public final class QtTestFormat implements ResultFormat {
    private static final String WALLTIME = "WalltimeMilliseconds";
    /**
     * Qt 4 wrote the measurer's name instead of the metric's ({@code walltime}, {@code callgrind},
     * {@code ticks}, {@code events}; Qt 4.5 {@code msecs}): the same measures and units as Qt 5's names.
     */
    private static final Map<String, String> QT4_METRICS = Map.of(
            "walltime", WALLTIME,
            "msecs", WALLTIME,
            "callgrind", "InstructionReads",
            "ticks", "CPUTicks",
            "events", "Events");
    /** A failure that names no data tag fails every tag of its function. */
    private static final String ALL_TAGS = "\u0000all";
    /** Qt's metric names (qbenchmarkmetric.cpp) with units that {@code Direction.fromUnit} reads right. */
    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry(WALLTIME, "ms"),
            Map.entry("WalltimeNanoseconds", "ns"),
            Map.entry("FramesPerSecond", "fps"),
            Map.entry("BitsPerSecond", "bits/s"),
            Map.entry("BytesPerSecond", "bytes/s"),
            Map.entry("BytesAllocated", "bytes"),
            Map.entry("CPUTicks", "CPU ticks"),
            Map.entry("InstructionReads", "instruction reads"),
            Map.entry("Events", "events"),
            Map.entry("CPUMigrations", "CPU migrations"),
            Map.entry("CPUCycles", "CPU cycles"),
            Map.entry("RefCPUCycles", "reference CPU cycles"),
            Map.entry("BusCycles", "bus cycles"),
            Map.entry("StalledCycles", "stalled cycles"),
            Map.entry("Instructions", "instructions"),
            Map.entry("BranchInstructions", "branch instructions"),
            Map.entry("BranchMisses", "branch misses"),
            Map.entry("CacheReferences", "cache references"),
            Map.entry("CacheReads", "cache loads"),
            Map.entry("CacheWrites", "cache stores"),
            Map.entry("CachePrefetches", "cache prefetches"),
            Map.entry("CacheMisses", "cache misses"),
            Map.entry("CacheReadMisses", "cache load misses"),
            Map.entry("CacheWriteMisses", "cache store misses"),
            Map.entry("CachePrefetchMisses", "cache prefetch misses"),
            Map.entry("ContextSwitches", "context switches"),
            Map.entry("PageFaults", "page faults"),
            Map.entry("MinorPageFaults", "minor page faults"),
            Map.entry("MajorPageFaults", "major page faults"),
            Map.entry("AlignmentFaults", "alignment faults"),
            Map.entry("EmulationFaults", "emulation faults"));

    @Override
    public String name() {
        return "qttest";
    }

    @Override
    public boolean recognizes(String head) {
        return FormatXml.rootName(head).equals("TestCase") && (head.contains("<QTestVersion>") || head.contains("<TestFunction"));
    }

    @Override
    public BenchmarkResults read(Path file, ReadSettings settings) {
        ResultsCollector results = new ResultsCollector(null, "");
        for (XmlElement root : FormatXml.readAll(file, "a QtTest XML log (-o file.xml,xml)")) {
            readTestCase(file, root, results);
        }
        return results.results();
    }

    private static void readTestCase(Path file, XmlElement root, ResultsCollector results) {
        Place rootPlace = root.place(file, null);
        if (!root.name().equals("TestCase")) {
            throw rootPlace.error("the root element must be <TestCase>, this is not a QtTest XML log");
        }
        String testCase = root.required("name", rootPlace);
        boolean totals = isQt4(root);
        results.dataset(testCase, "QtTest benchmarks of " + testCase);
        for (XmlElement function : root.children("TestFunction")) {
            String functionName = function.required("name", function.place(file, Place.quote(testCase)));
            Set<String> failedTags = failedTags(file, testCase, functionName, function, results);
            for (XmlElement result : function.children("BenchmarkResult")) {
                Place place = result.place(file, Place.quote(testCase + "::" + functionName));
                String metric = result.required("metric", place);
                String tag = result.attribute("tag").orElse("");
                double value = result.number("value", place);
                double iterations = result.number("iterations", place);
                if (iterations < 1 || iterations != Math.rint(iterations)) {
                    throw place.error("attribute \"iterations\" must be a whole number of at least 1, found "
                            + result.attribute("iterations").orElse(""));
                }
                if (failedTags.contains(tag) || failedTags.contains(ALL_TAGS)) {
                    // Said once per failure above; a failed run's figure is not a measurement to keep.
                    continue;
                }
                Map<String, String> parameters = new TreeMap<>();
                if (!tag.isEmpty()) {
                    parameters.put("tag", tag);
                }
                String name = QT4_METRICS.getOrDefault(metric, metric);
                String measure = name.equals(WALLTIME) ? functionName : functionName + ":" + name;
                results.add(SeriesKey.of(testCase, measure, parameters), UNITS.getOrDefault(name, name),
                        totals ? value / iterations : value, Double.NaN, place);
            }
        }
    }

    /**
     * The data tags of {@code function} that failed ({@code <Incident type="fail">}, or an unexpected pass),
     * each noted as skipped with the first line of its description; {@link #ALL_TAGS} when an incident names
     * no tag (the function as a whole failed).
     */
    private static Set<String> failedTags(Path file, String testCase, String functionName, XmlElement function,
            ResultsCollector results) {
        Set<String> failed = new HashSet<>();
        for (XmlElement incident : function.children("Incident")) {
            String type = incident.attribute("type").orElse("");
            if (!type.equals("fail") && !type.equals("xpass")) {
                continue;
            }
            String tag = incident.child("DataTag").map(XmlElement::text).orElse(incident.attribute("tag").orElse(""));
            failed.add(tag.isEmpty() ? ALL_TAGS : tag);
            String description = incident.child("Description").map(XmlElement::text).orElse("").strip();
            int newline = description.indexOf('\n');
            String firstLine = newline < 0 ? description : description.substring(0, newline).strip();
            results.skip(file, testCase + "::" + functionName + (tag.isEmpty() ? "" : "(" + tag + ")"),
                    (type.equals("fail") ? "failed" : "passed unexpectedly") + " at line " + incident.line()
                    + (firstLine.isEmpty() ? "" : ": " + Place.quote(firstLine)));
        }
        return failed;
    }

    /** Qt 4's XML logger wrote the total over all iterations rather than the value per iteration. */
    private static boolean isQt4(XmlElement root) {
        return root.child("Environment").flatMap(env -> env.child("QtVersion"))
                .map(version -> version.text().startsWith("4.")).orElse(false);
    }
}
