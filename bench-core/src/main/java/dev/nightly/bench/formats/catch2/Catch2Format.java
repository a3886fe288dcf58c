package dev.nightly.bench.formats.catch2;

import dev.nightly.bench.formats.FormatXml;
import dev.nightly.bench.formats.Place;
import dev.nightly.bench.formats.ResultsCollector;
import dev.nightly.bench.formats.XmlElement;
import dev.nightly.bench.ingest.ReadSettings;
import dev.nightly.bench.ingest.ResultFormat;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.SeriesKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Catch2's XML reporter with benchmarks ({@code ./tests "[!benchmark]" --reporter xml --out results.xml}):
 * {@code Catch2TestRun} (Catch2 3; Catch2 2 writes {@code Catch} with {@code Group}s) holding
 * {@code TestCase}s, optionally {@code Section}s, and {@code BenchmarkResults} with {@code mean},
 * {@code standardDeviation} and {@code outliers}, all in nanoseconds.
 *
 * <p>Mapping: dataset = the test case name, measure = the benchmark name, parameter {@code section} = the
 * path of enclosing sections ({@code outer/inner}) when the benchmark is inside one. Value = the mean in
 * {@code ns}; error = the standard error of that mean, standardDeviation/sqrt(samples). A benchmark that
 * failed ({@code <failed>} instead of results) is noted as skipped. Commit and time come from the ingest.
 */
public final class Catch2Format implements ResultFormat {
    @Override
    public String name() {
        return "catch2";
    }

    @Override
    public boolean recognizes(String head) {
        String root = FormatXml.rootName(head);
        return root.equals("Catch2TestRun") || root.equals("Catch");
    }

    @Override
    public BenchmarkResults read(Path file, ReadSettings settings) {
        XmlElement root = FormatXml.read(file, "a Catch2 XML report (--reporter xml)");
        if (!root.name().equals("Catch2TestRun") && !root.name().equals("Catch")) {
            throw root.place(file, null).error("the root element must be <Catch2TestRun> or <Catch>, this is not a Catch2 XML report");
        }
        ResultsCollector results = new ResultsCollector(null, "");
        List<XmlElement> testCases = new ArrayList<>(root.children("TestCase"));
        for (XmlElement group : root.children("Group")) {
            testCases.addAll(group.children("TestCase"));
        }
        for (XmlElement testCase : testCases) {
            String name = testCase.required("name", testCase.place(file, null));
            readChildren(file, testCase, name, new ArrayList<>(), results);
        }
        return results.results();
    }

    private static void readChildren(Path file, XmlElement parent, String testCase, List<String> sections,
            ResultsCollector results) {
        for (XmlElement child : parent.children()) {
            switch (child.name()) {
                case "Section" -> {
                    sections.add(child.required("name", child.place(file, Place.quote(testCase))));
                    readChildren(file, child, testCase, sections, results);
                    sections.remove(sections.size() - 1);
                }
                case "BenchmarkResults" -> readBenchmark(file, child, testCase, sections, results);
                default -> {
                    // Expressions, output and overall results are about tests, not benchmarks.
                }
            }
        }
    }

    private static void readBenchmark(Path file, XmlElement benchmark, String testCase, List<String> sections,
            ResultsCollector results) {
        Place place = benchmark.place(file, Place.quote(testCase));
        String name = benchmark.required("name", place);
        Place named = benchmark.place(file, Place.quote(testCase + " / " + name));
        Optional<XmlElement> failed = benchmark.child("failed");
        if (failed.isPresent()) {
            String message = failed.get().attribute("message").orElse(failed.get().text()).strip();
            results.skip(file, testCase + " / " + (sections.isEmpty() ? "" : String.join("/", sections) + " / ") + name,
                    "failed at line " + failed.get().line() + (message.isEmpty() ? "" : ": " + Place.quote(message)));
            return;
        }
        Optional<XmlElement> mean = benchmark.child("mean");
        if (mean.isEmpty()) {
            throw named.error("has no <mean> element");
        }
        double value = mean.get().number("value", mean.get().place(file, Place.quote(testCase + " / " + name)));
        double error = Double.NaN;
        Optional<XmlElement> deviation = benchmark.child("standardDeviation");
        if (deviation.isPresent() && benchmark.attribute("samples").isPresent()) {
            double stddev = deviation.get().number("value", deviation.get().place(file, Place.quote(testCase + " / " + name)));
            double samples = benchmark.number("samples", named);
            if (stddev < 0 || samples < 1 || samples != Math.rint(samples)) {
                throw named.error("standard deviation " + stddev + " with " + samples + " samples is not possible");
            }
            error = ResultsCollector.standardError(stddev, (long) samples);
        }
        Map<String, String> parameters = new TreeMap<>();
        if (!sections.isEmpty()) {
            parameters.put("section", String.join("/", sections));
        }
        results.dataset(testCase, "Catch2 benchmarks of test case " + testCase);
        results.add(SeriesKey.of(testCase, name, parameters), "ns", value, error, named);
    }
}
