package dev.nightly.benchmarks;

import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.SeriesKey;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A deterministic, seeded history of Kube-like HAWD benchmarks: several datasets with parameter sweeps
 * (one unit-less column per row, as HAWD's {@code rows}/{@code numBuffers}), written the way
 * {@code hawd json} prints it: keys sorted, four-space indentation (Qt's indented JSON), rows of a night
 * not in order, some integer columns as numeric strings, now and then an empty commit or an unset value.
 *
 * <p>Every value is a pure function of (seed, night, series), so the same night can be written as
 * {@code hawd json} text and built as {@link BenchmarkResults} directly, and both say the same thing.
 */
public final class HawdHistory {
    /** 200 series: the sum of parameter values times measures over the datasets. */
    private static final List<Dataset> SHAPE = List.of(
            new Dataset("buffer_creation", "Buffer Creation", "How fast buffers are created", "numBuffers",
                    new long[] {100, 1000, 10000, 50000},
                    List.of(m("time", "int", "ms", 0, 0, 40), m("ops", "float", "ops/ms", 3, 0, 900),
                            m("memory", "uint", "kb", 0, 0, 20000))),
            new Dataset("mail_query", "Mail Query", "Query the mail store with and without incremental updates", "rows",
                    new long[] {1000, 2000, 5000, 10000, 50000},
                    List.of(m("initialQueryTime", "int", "ms", 0, 400, 120), m("incrementalQueryTime", "int", "ms", 0, 0, 30),
                            m("queryResultPerMs", "float", "result/ms", 3, 0, 60), m("memory", "uint", "kb", 0, 0, 45000))),
            new Dataset("storage", "Storage", "Raw read and write performance of the storage layer", "count",
                    new long[] {100, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000},
                    List.of(m("write", "int", "ms", 0, 0, 300), m("read", "int", "ms", 0, 0, 90),
                            m("writeOps", "float", "ops/ms", 3, 0, 35), m("readOps", "float", "ops/ms", 3, 0, 120),
                            m("fileSize", "uint", "kb", 0, 0, 80000), m("bufferSize", "uint", "byte", 0, 0, 512))),
            new Dataset("pipeline", "Pipeline", "Entity pipeline: append, modify, remove", "entities",
                    new long[] {10, 50, 100, 500, 1000, 5000, 10000, 20000},
                    List.of(m("append", "int", "ms", 0, 0, 70), m("modify", "int", "ms", 0, 0, 85),
                            m("remove", "int", "ms", 0, 0, 40), m("appendOps", "float", "ops/ms", 3, 0, 14),
                            m("rss", "uint", "kb", 0, 0, 60000))),
            new Dataset("dummy_resource", "Dummy Resource", "Responsiveness of the dummy resource", "size",
                    new long[] {1, 10, 100, 1000},
                    List.of(m("time", "int", "ms", 0, 0, 15), m("rss", "uint", "kb", 0, 0, 30000),
                            m("cpu", "double", "%", 2, 90, 35), m("pages", "uint", "pages", 0, 0, 900))),
            new Dataset("sync_imap", "IMAP Synchronization", "Synchronize a local IMAP server", "messages",
                    new long[] {100, 1000, 5000, 10000, 20000, 30000, 40000, 50000},
                    List.of(m("fetch", "int", "ms", 0, 0, 2500), m("rate", "float", "result/ms", 3, 0, 8),
                            m("memory", "uint", "kb", 0, 0, 50000), m("overhead", "double", "%", 2, 0, 12))),
            new Dataset("indexing", "Indexing", "Full-text indexing of mail", "messages",
                    new long[] {500, 1000, 5000, 10000, 50000},
                    List.of(m("index", "int", "ms", 0, 0, 1400), m("throughput", "float", "ops/ms", 3, 0, 6),
                            m("size", "uint", "kb", 0, 0, 70000), m("dbPages", "uint", "pages", 0, 0, 3000))));

    private static final LocalDateTime FIRST_NIGHT = LocalDateTime.of(1999, 1, 1, 3, 0);
    private static final String HEX = "0123456789abcdef";

    private final long seed;
    /** Series keys shared by every night, as an engine that caches them would have them. */
    private final Map<String, SeriesKey> keys = new TreeMap<>();

    public HawdHistory(long seed) {
        this.seed = seed;
        for (Dataset dataset : SHAPE) {
            for (long parameter : dataset.parameterValues) {
                for (Measure measure : dataset.measures) {
                    keys.put(keyId(dataset, parameter, measure),
                            SeriesKey.of(dataset.id, measure.name, Map.of(dataset.parameter, Long.toString(parameter))));
                }
            }
        }
    }

    /** How many series a night has. */
    public static int seriesCount() {
        int count = 0;
        for (Dataset dataset : SHAPE) {
            count += dataset.parameterValues.length * dataset.measures.size();
        }
        return count;
    }

    /** How many rows (one per dataset and parameter value) a night has. */
    public static int rowsPerNight() {
        return SHAPE.stream().mapToInt(d -> d.parameterValues.length).sum();
    }

    public static List<String> datasetIds() {
        return SHAPE.stream().map(Dataset::id).toList();
    }

    /** The dataset with the most series: the heaviest dataset page. */
    public static String largestDataset() {
        return SHAPE.stream().max(java.util.Comparator.comparingInt(d -> d.parameterValues.length * d.measures.size()))
                .orElseThrow().id;
    }

    /** Writes one HAWD definition file (no extension) per dataset, with bounds on a few columns. */
    public void writeDefinitions(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (Dataset dataset : SHAPE) {
            StringBuilder json = new StringBuilder();
            json.append("{\n    \"columns\": [\n");
            json.append("        {\n            \"name\": \"").append(dataset.parameter).append("\",\n            \"type\": \"int\"\n        }");
            for (Measure measure : dataset.measures) {
                json.append(",\n        {\n");
                if (measure.max != 0) {
                    json.append("            \"max\": ").append(measure.max).append(",\n");
                }
                json.append("            \"name\": \"").append(measure.name).append("\",\n");
                json.append("            \"type\": \"").append(measure.type).append("\",\n");
                json.append("            \"unit\": \"").append(measure.unit).append("\"\n        }");
            }
            json.append("\n    ],\n    \"description\": \"").append(dataset.description).append("\",\n");
            json.append("    \"name\": \"").append(dataset.name).append("\"\n}\n");
            Files.writeString(folder.resolve(dataset.id), json, StandardCharsets.UTF_8);
        }
    }

    /**
     * Writes {@code hawd json <dataset>} of every dataset for nights {@code 0..nights-1} into
     * {@code folder/<dataset>.json}; returns the files.
     */
    public List<Path> writeExports(Path folder, int nights) throws IOException {
        return writeFiles(folder, (dataset, out) -> writeExport(dataset, nights, out));
    }

    /** Writes {@code hawd json} of night {@code night} alone of every dataset into {@code folder/<dataset>.json}. */
    public List<Path> writeNight(Path folder, int night) throws IOException {
        return writeFiles(folder, (dataset, out) -> {
            writeHeader(dataset, out);
            StringBuilder row = new StringBuilder(4096);
            for (int p = 0; p < dataset.parameterValues.length; p++) {
                row.setLength(0);
                if (p > 0) {
                    row.append(",\n");
                }
                appendRow(row, dataset, night, p);
                out.append(row);
            }
            out.write("\n    ]\n}\n");
        });
    }

    private interface DatasetText {
        void write(Dataset dataset, Writer out) throws IOException;
    }

    private static List<Path> writeFiles(Path folder, DatasetText text) throws IOException {
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        for (Dataset dataset : SHAPE) {
            Path file = folder.resolve(dataset.id + ".json");
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
                text.write(dataset, out);
            }
            files.add(file);
        }
        return files;
    }

    private static void writeHeader(Dataset dataset, Writer out) throws IOException {
        out.write("{\n    \"dataset\": \"" + dataset.id + "\",\n    \"description\": \"" + dataset.description
                + "\",\n    \"name\": \"" + dataset.name + "\",\n    \"rows\": [\n");
    }

    private void writeExport(Dataset dataset, int nights, Writer out) throws IOException {
        writeHeader(dataset, out);
        StringBuilder row = new StringBuilder(4096);
        boolean first = true;
        // LMDB key order is not time order: nights come in blocks whose order is shuffled a little.
        for (int block = 0; block < nights; block += 16) {
            int end = Math.min(nights, block + 16);
            int rotate = (int) (mixed(seed, block, 7) & 15) % (end - block);
            for (int k = 0; k < end - block; k++) {
                int night = block + (k + rotate) % (end - block);
                for (int p = 0; p < dataset.parameterValues.length; p++) {
                    row.setLength(0);
                    if (!first) {
                        row.append(",\n");
                    }
                    first = false;
                    appendRow(row, dataset, night, p);
                    out.append(row);
                }
            }
        }
        out.write("\n    ]\n}\n");
    }

    private void appendRow(StringBuilder out, Dataset dataset, int night, int p) {
        long parameter = dataset.parameterValues[p];
        out.append("        {\n            \"columns\": [\n");
        out.append("                {\n                    \"name\": \"").append(dataset.parameter)
                .append("\",\n                    \"unit\": \"\",\n                    \"value\": ").append(parameter)
                .append("\n                }");
        for (Measure measure : dataset.measures) {
            out.append(",\n                {\n                    \"name\": \"").append(measure.name)
                    .append("\",\n                    \"unit\": \"").append(measure.unit)
                    .append("\",\n                    \"value\": ");
            long scaled = scaledValue(dataset, night, parameter, measure);
            if (scaled == UNSET) {
                out.append("null");
            }
            else if (measure.type.equals("uint")) {
                // Qt writes unsigned integers as strings.
                out.append('"').append(scaled).append('"');
            }
            else {
                appendDecimal(out, scaled, measure.decimals);
            }
            out.append("\n                }");
        }
        out.append("\n            ],\n            \"commit\": \"").append(commit(night))
                .append("\",\n            \"timestamp\": \"").append(time(dataset, night, p))
                .append("\"\n        }");
    }

    /** What reading night {@code night} of every dataset gives, built directly (no JSON). */
    public BenchmarkResults night(int night, Map<String, DatasetInfo> datasets) {
        List<Observation> observations = new ArrayList<>(seriesCount());
        for (Dataset dataset : SHAPE) {
            for (int p = 0; p < dataset.parameterValues.length; p++) {
                long parameter = dataset.parameterValues[p];
                LocalDateTime time = LocalDateTime.parse(time(dataset, night, p));
                for (Measure measure : dataset.measures) {
                    long scaled = scaledValue(dataset, night, parameter, measure);
                    if (scaled != UNSET) {
                        double value = measure.decimals == 0 ? scaled : scaled / Math.pow(10, measure.decimals);
                        observations.add(new Observation(keys.get(keyId(dataset, parameter, measure)), measure.unit, time,
                                commit(night), value));
                    }
                }
            }
        }
        return new BenchmarkResults(datasets, observations);
    }

    private static final long UNSET = Long.MIN_VALUE;

    /**
     * The value in units of 10^-decimals: a base per series, a slow drift, a few percent of noise, now and
     * then a step (a regression or a fix) that lasts, rarely a spike, very rarely unset.
     */
    private long scaledValue(Dataset dataset, int night, long parameter, Measure measure) {
        long series = (dataset.id + '/' + measure.name + '/' + parameter).hashCode();
        if ((mixed(seed, night, series ^ 0x5bd1e995L) & 4095) == 0) {
            return UNSET;
        }
        double base = measure.base * (1 + Math.log10(parameter + 1) * (0.2 + 0.1 * (mixed(seed, 0, series) & 7)));
        double drift = 1 + 0.15 * Math.sin(night / (400.0 + (series & 255)));
        int era = night / 700;
        double step = 1 + 0.08 * ((mixed(seed, era, series ^ 0x9e3779b9L) & 7) - 3.5) / 3.5;
        double noise = 1 + 0.03 * gaussian(mixed(seed, night, series));
        double spike = (mixed(seed, night, series ^ 0x7f4a7c15L) % 997 == 0) ? 1.6 : 1.0;
        double value = Math.max(0, base * drift * step * noise * spike);
        return Math.round(value * Math.pow(10, measure.decimals));
    }

    private String commit(int night) {
        long bits = mixed(seed, night, 0xc0ffeeL);
        if ((bits & 127) == 0) {
            return "";
        }
        char[] hex = new char[9];
        for (int i = 0; i < hex.length; i++) {
            hex[i] = HEX.charAt((int) (bits >>> (4 * i + 8)) & 15);
        }
        return new String(hex);
    }

    /** HAWD's local time with milliseconds; the rows of a night are seconds apart. */
    private String time(Dataset dataset, int night, int p) {
        int datasetIndex = SHAPE.indexOf(dataset);
        long millis = Math.floorMod(mixed(seed, night, datasetIndex * 31L + p), 1000);
        LocalDateTime time = FIRST_NIGHT.plusDays(night).plusMinutes(datasetIndex * 4L).plusSeconds(p * 7L)
                .plusNanos(millis * 1_000_000);
        String text = time.toString();
        // LocalDateTime drops zero seconds and milliseconds; HAWD always writes both.
        if (text.length() == 16) {
            text += ":00";
        }
        if (text.length() == 19) {
            text += ".000";
        }
        return text;
    }

    private static void appendDecimal(StringBuilder out, long scaled, int decimals) {
        if (decimals == 0) {
            out.append(scaled);
            return;
        }
        long unit = (long) Math.pow(10, decimals);
        long whole = scaled / unit;
        long fraction = scaled % unit;
        out.append(whole);
        if (fraction != 0) {
            String digits = Long.toString(fraction);
            out.append('.');
            for (int i = digits.length(); i < decimals; i++) {
                out.append('0');
            }
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            out.append(digits, 0, end);
        }
    }

    private static double gaussian(long bits) {
        // Sum of four uniforms: close enough to normal, and a pure function of the bits.
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += ((bits >>> (16 * i)) & 0xffff) / 65535.0;
        }
        return (sum - 2) * Math.sqrt(3);
    }

    private static long mixed(long seed, long a, long b) {
        return new SplittableRandom(seed ^ (a * 0x9e3779b97f4a7c15L) ^ (b * 0xc2b2ae3d27d4eb4fL)).nextLong();
    }

    private static String keyId(Dataset dataset, long parameter, Measure measure) {
        return dataset.id + '/' + measure.name + '/' + parameter;
    }

    private static Measure m(String name, String type, String unit, int decimals, long max, double base) {
        return new Measure(name, type, unit, decimals, max, base);
    }

    private record Dataset(String id, String name, String description, String parameter, long[] parameterValues,
                           List<Measure> measures) {
    }

    /** A measured column; {@code max} is the definition's bound (0 for none). */
    private record Measure(String name, String type, String unit, int decimals, long max, double base) {
    }
}
