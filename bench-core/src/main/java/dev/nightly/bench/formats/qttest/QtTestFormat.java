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
import java.util.Map;
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
 * QtTest log has one value per benchmark, so no error; commit and time come from the ingest.
 */
public final class QtTestFormat implements ResultFormat {
    private static final String WALLTIME = "WalltimeMilliseconds";
    /** Qt 4 wrote the measurer's text instead of the metric's name. */
    private static final String QT4_WALLTIME = "msecs";
    /** Qt's metric names (qbenchmarkmetric.cpp) with units that {@code Direction.fromUnit} reads right. */
    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry(WALLTIME, "ms"),
            Map.entry(QT4_WALLTIME, "ms"),
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
        XmlElement root = FormatXml.read(file, "a QtTest XML log (-o file.xml,xml)");
        Place rootPlace = root.place(file, null);
        if (!root.name().equals("TestCase")) {
            throw rootPlace.error("the root element must be <TestCase>, this is not a QtTest XML log");
        }
        String testCase = root.required("name", rootPlace);
        boolean totals = isQt4(root);
        ResultsCollector results = new ResultsCollector(null, "");
        results.dataset(testCase, "QtTest benchmarks of " + testCase);
        for (XmlElement function : root.children("TestFunction")) {
            String functionName = function.required("name", function.place(file, Place.quote(testCase)));
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
                Map<String, String> parameters = new TreeMap<>();
                if (!tag.isEmpty()) {
                    parameters.put("tag", tag);
                }
                String measure = metric.equals(WALLTIME) || metric.equals(QT4_WALLTIME) ? functionName : functionName + ":" + metric;
                results.add(SeriesKey.of(testCase, measure, parameters), UNITS.getOrDefault(metric, metric),
                        totals ? value / iterations : value, Double.NaN, place);
            }
        }
        return results.results();
    }

    /** Qt 4's XML logger wrote the total over all iterations rather than the value per iteration. */
    private static boolean isQt4(XmlElement root) {
        return root.child("Environment").flatMap(env -> env.child("QtVersion"))
                .map(version -> version.text().startsWith("4.")).orElse(false);
    }
}
