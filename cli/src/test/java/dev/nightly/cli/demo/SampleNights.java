package dev.nightly.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Writes the demo's sample data, {@code examples/hawd}: HAWD definitions and sixteen nights (Thursday to
 * Friday two weeks later) of nightly {@code hawd json} output of a Sink-like project, as a benchmark
 * machine that keeps its HAWD results across nights would have printed them. Deterministic (fixed seed,
 * no clock), so the files can be regenerated and {@code SampleNightsTest} can tell when they no longer
 * match this class.
 *
 * <p>The story the nights tell, on top of a few percent of jitter:
 * <ul>
 *   <li>night {@value #REGRESSION_NIGHT}: {@code mail_query} at 5000 rows gets about 30% slower (its
 *       {@code queryTime} and, with it, {@code queryResultPerMs}) - a real regression at that night's commit;</li>
 *   <li>night {@value #IMPROVEMENT_NIGHT}: {@code buffer_creation} at 50000 buffers gets 40% more
 *       {@code ops} per ms (and its {@code time} drops accordingly) - an improvement;</li>
 *   <li>{@code dummy_resource_write}'s {@code memory} creeps up about 1% a night, never enough for a
 *       night-to-night regression, until the last night it is above the definition's {@code max}.</li>
 * </ul>
 * The regression lands a few nights before the end so that the last night still shows it: the default
 * baseline (median of the last 10 values) takes a lasting change in after about five nights.
 *
 * <p>Run it without a build: {@code java cli/src/test/java/dev/nightly/cli/demo/SampleNights.java examples/hawd}.
 * It uses the JDK only, so that this single-file launch works.
 */
public final class SampleNights {
    public static final int NIGHTS = 16;
    public static final int REGRESSION_NIGHT = 12;
    public static final int IMPROVEMENT_NIGHT = 14;
    public static final LocalDate FIRST_NIGHT = LocalDate.of(2026, 11, 12);
    static final long SEED = 20261112L;
    static final int MEMORY_MAX_KB = 40000;

    private static final DateTimeFormatter HAWD_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT);

    private final Random random = new Random(SEED);

    /** One {@code hawd json} row: when, on which commit, and its columns in definition order. */
    record Row(LocalDateTime time, String commit, List<Column> columns) {
    }

    /** A column as {@code hawd json} exports it; a value is a Number or a numeric String (a HAWD quirk). */
    record Column(String name, String unit, Object value) {
    }

    /** A dataset: its definition text and every night's rows. */
    record Dataset(String id, String name, String description, String definition, List<List<Row>> nights) {
    }

    public static void main(String... args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java SampleNights.java OUTPUT_DIR   (e.g. examples/hawd)");
            System.exit(2);
        }
        new SampleNights().writeTo(Path.of(args[0]));
    }

    /** Writes {@code hawd_defs/<id>} and {@code nights/night-NN/<id>.json} into {@code dir}. */
    public void writeTo(Path dir) throws IOException {
        List<Dataset> datasets = generate();
        Files.createDirectories(dir.resolve("hawd_defs"));
        for (Dataset dataset : datasets) {
            Files.writeString(dir.resolve("hawd_defs").resolve(dataset.id()), dataset.definition(), StandardCharsets.UTF_8);
        }
        for (int night = 1; night <= NIGHTS; night++) {
            Path nightDir = dir.resolve("nights").resolve(nightName(night));
            Files.createDirectories(nightDir);
            for (Dataset dataset : datasets) {
                List<Row> history = new ArrayList<>();
                for (int n = 1; n <= night; n++) {
                    history.addAll(dataset.nights().get(n - 1));
                }
                Files.writeString(nightDir.resolve(dataset.id() + ".json"), hawdJson(dataset, history), StandardCharsets.UTF_8);
            }
        }
    }

    public static String nightName(int night) {
        return String.format(Locale.ROOT, "night-%02d", night);
    }

    /** Everything, in a fixed order of random draws. */
    List<Dataset> generate() {
        List<String> commits = commits();
        List<Dataset> datasets = new ArrayList<>();
        datasets.add(bufferCreation(commits));
        datasets.add(mailQuery(commits));
        datasets.add(dummyResourceWrite(commits));
        datasets.add(pipeline(commits));
        return datasets;
    }

    /**
     * The commit each night built: a new one on weekdays; nobody pushes at weekends, so Saturday's and
     * Sunday's nights measure Friday's commit again (except the very first night).
     */
    private List<String> commits() {
        List<String> commits = new ArrayList<>();
        for (int night = 1; night <= NIGHTS; night++) {
            DayOfWeek day = date(night).getDayOfWeek();
            boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
            commits.add(weekend && night > 1 ? commits.get(night - 2) : String.format(Locale.ROOT, "%09x", random.nextLong() & 0xfffffffffL));
        }
        return commits;
    }

    private Dataset bufferCreation(List<String> commits) {
        String definition = definition("Buffer Creation",
                "Creates flatbuffers for new entities in a loop; time for the whole loop and buffers per ms",
                column("numBuffers", "int", null, 0, 0),
                column("time", "int", "ms", 0, 0),
                column("ops", "float", "ops/ms", 0, 0));
        List<List<Row>> nights = nights(night -> {
            List<Row> rows = new ArrayList<>();
            LocalDateTime time = startOf(night, 0, 4);
            for (int numBuffers : new int[] {10000, 50000}) {
                double opsPerMs = numBuffers == 10000 ? 128.0 : 119.0;
                if (numBuffers == 50000 && night >= IMPROVEMENT_NIGHT) {
                    opsPerMs *= 1.40;
                }
                long ms = Math.round(numBuffers / opsPerMs * jitter(0.012));
                rows.add(new Row(time, commits.get(night - 1), List.of(
                        new Column("numBuffers", "", numBuffers),
                        new Column("time", "ms", ms),
                        new Column("ops", "ops/ms", numBuffers / (double) ms))));
                time = time.plusNanos((ms + 150 + random.nextInt(80)) * 1_000_000L);
            }
            return rows;
        });
        return new Dataset("buffer_creation", "Buffer Creation",
                "Creates flatbuffers for new entities in a loop; time for the whole loop and buffers per ms", definition, nights);
    }

    private Dataset mailQuery(List<String> commits) {
        String description = "Queries all mails of one folder through the store facade and measures how fast results arrive";
        String definition = definition("Mail Query", description,
                column("rows", "int", null, 0, 0),
                column("queryResultPerMs", "float", "result/ms", 0, 0),
                column("queryTime", "int", "ms", 0, 400));
        List<List<Row>> nights = nights(night -> {
            List<Row> rows = new ArrayList<>();
            LocalDateTime time = startOf(night, 0, 21);
            for (int count : new int[] {1000, 5000}) {
                double ms = count == 1000 ? 41.0 : 214.0;
                if (count == 5000 && night >= REGRESSION_NIGHT) {
                    ms *= 1.31;
                }
                long queryTime = Math.round(ms * jitter(0.012));
                rows.add(new Row(time, commits.get(night - 1), List.of(
                        new Column("rows", "", count),
                        new Column("queryResultPerMs", "result/ms", count / (double) queryTime),
                        new Column("queryTime", "ms", queryTime))));
                // Writing the folder before each query takes a while.
                time = time.plusNanos((queryTime + 2400 + random.nextInt(600)) * 1_000_000L);
            }
            return rows;
        });
        return new Dataset("mail_query", "Mail Query", description, definition, nights);
    }

    private Dataset dummyResourceWrite(List<String> commits) {
        String description = "Writes mails through the dummy resource: total time, peak memory and disk use of the store";
        String definition = definition("Dummy Resource Write", description,
                column("total", "int", "ms", 0, 0),
                column("memory", "int", "kb", 0, MEMORY_MAX_KB),
                column("diskUsage", "uint", "kb", 0, 0));
        List<List<Row>> nights = nights(night -> {
            long total = Math.round(1850 * jitter(0.012));
            // A slow leak: about 400 kb more every night, never a jump.
            long memory = Math.round((33800 + 400 * night) * jitter(0.0012));
            long disk = Math.round(18400 * jitter(0.006));
            if (night < NIGHTS && memory > MEMORY_MAX_KB || night == NIGHTS && memory <= MEMORY_MAX_KB) {
                throw new IllegalStateException("memory of night " + night + " (" + memory + " kb) breaks the story");
            }
            return List.of(new Row(startOf(night, 1, 9), commits.get(night - 1), List.of(
                    new Column("total", "ms", total),
                    new Column("memory", "kb", memory),
                    // Qt exports some integer types as strings.
                    new Column("diskUsage", "kb", Long.toString(disk)))));
        });
        return new Dataset("dummy_resource_write", "Dummy Resource Write", description, definition, nights);
    }

    private Dataset pipeline(List<String> commits) {
        String description = "Runs 10000 new entities through the preprocessor pipeline and writes them";
        String definition = definition("Pipeline", description,
                column("append", "int", "ms", 0, 0),
                column("total", "int", "ms", 0, 0));
        List<List<Row>> nights = nights(night -> {
            long append = Math.round(1120 * jitter(0.012));
            long total = append + Math.round(520 * jitter(0.012));
            return List.of(new Row(startOf(night, 2, 37), commits.get(night - 1), List.of(
                    new Column("append", "ms", append),
                    new Column("total", "ms", total))));
        });
        return new Dataset("pipeline", "Pipeline", description, definition, nights);
    }

    private static List<List<Row>> nights(IntFunction<List<Row>> night) {
        List<List<Row>> nights = new ArrayList<>();
        for (int n = 1; n <= NIGHTS; n++) {
            nights.add(night.apply(n));
        }
        return nights;
    }

    private static LocalDate date(int night) {
        return FIRST_NIGHT.plusDays(night - 1L);
    }

    /** When a benchmark started: 03:mm:ss plus up to half a minute of drift and some milliseconds. */
    private LocalDateTime startOf(int night, int minute, int second) {
        return LocalDateTime.of(date(night), LocalTime.of(3, minute, second))
                .plusNanos((random.nextInt(30_000)) * 1_000_000L);
    }

    /** A factor around 1 with the given relative standard deviation, cut at 2.5 of them. */
    private double jitter(double sigma) {
        double g = Math.max(-2.5, Math.min(2.5, random.nextGaussian()));
        return 1 + g * sigma;
    }

    private static String column(String name, String type, String unit, int min, int max) {
        StringBuilder text = new StringBuilder("        { \"name\": \"").append(name).append("\", \"type\": \"").append(type).append('"');
        if (unit != null) {
            text.append(", \"unit\": \"").append(unit).append('"');
        }
        if (min != 0 || max != 0) {
            text.append(", \"min\": ").append(min).append(", \"max\": ").append(max);
        }
        return text.append(" }").toString();
    }

    /** A definition file as people write them: fixed key order, one column per line. */
    private static String definition(String name, String description, String... columns) {
        return "{\n    \"name\": \"" + name + "\",\n    \"description\": \"" + description + "\",\n    \"columns\": [\n"
                + String.join(",\n", columns) + "\n    ]\n}\n";
    }

    /**
     * {@code hawd json} output: keys sorted, four-space indentation, the whole history, rows not in time
     * order. The order used here is that of the bytes of a little-endian millisecond key: it scrambles
     * time order, yet keeps it from night to night, as a key-ordered store would.
     */
    static String hawdJson(Dataset dataset, List<Row> history) {
        List<Row> rows = new ArrayList<>(history);
        rows.sort(Comparator.comparing(SampleNights::littleEndianKey));
        StringBuilder json = new StringBuilder(512 * rows.size());
        json.append("{\n")
                .append("    \"dataset\": ").append(string(dataset.id())).append(",\n")
                .append("    \"description\": ").append(string(dataset.description())).append(",\n")
                .append("    \"name\": ").append(string(dataset.name())).append(",\n")
                .append("    \"rows\": [\n");
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            json.append("        {\n            \"columns\": [\n");
            for (int c = 0; c < row.columns().size(); c++) {
                Column column = row.columns().get(c);
                json.append("                {\n")
                        .append("                    \"name\": ").append(string(column.name())).append(",\n")
                        .append("                    \"unit\": ").append(string(column.unit())).append(",\n")
                        .append("                    \"value\": ").append(value(column.value())).append('\n')
                        .append("                }").append(c + 1 < row.columns().size() ? ",\n" : "\n");
            }
            json.append("            ],\n")
                    .append("            \"commit\": ").append(string(row.commit())).append(",\n")
                    .append("            \"timestamp\": ").append(string(HAWD_TIME.format(row.time()))).append('\n')
                    .append("        }").append(r + 1 < rows.size() ? ",\n" : "\n");
        }
        return json.append("    ]\n}\n").toString();
    }

    private static String littleEndianKey(Row row) {
        long millis = row.time().toInstant(ZoneOffset.UTC).toEpochMilli();
        StringBuilder key = new StringBuilder(16);
        for (int i = 0; i < 8; i++) {
            key.append(String.format(Locale.ROOT, "%02x", (millis >>> (8 * i)) & 0xff));
        }
        return key.toString();
    }

    private static String value(Object value) {
        if (value instanceof String text) {
            return string(text);
        }
        if (value instanceof Double number) {
            // Integral doubles print without a fraction, like Qt does.
            return number == Math.rint(number) ? Long.toString(number.longValue()) : number.toString();
        }
        return value.toString();
    }

    /** Our names and descriptions need no escapes; refuse rather than write broken JSON if one ever does. */
    private static String string(String text) {
        if (text.chars().anyMatch(ch -> ch == '"' || ch == '\\' || ch < 0x20)) {
            throw new IllegalArgumentException("needs JSON escaping: " + text);
        }
        return '"' + text + '"';
    }
}
