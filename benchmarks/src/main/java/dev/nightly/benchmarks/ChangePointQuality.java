package dev.nightly.benchmarks;

import dev.nightly.bench.changes.ChangeDetector;
import dev.nightly.bench.changes.ChangePoint;
import dev.nightly.bench.changes.ChangeSettings;
import dev.nightly.bench.changes.ChangeState;
import dev.nightly.bench.changes.SeriesChanges;
import dev.nightly.bench.check.CheckResult;
import dev.nightly.bench.check.CheckSettings;
import dev.nightly.bench.check.Checker;
import dev.nightly.bench.check.Verdict;
import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.model.SeriesKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The quality of change point detection, measured on seeded synthetic series ({@link SyntheticSeries}):
 * recall (steps found within one build), precision, and false change points per 1,000 series of 100
 * builds, for the E-divisive change points and for the median/MAD regression check they complement.
 * No JMH: these are counts, not times, and the seeds make every run give the same table.
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.nightly.benchmarks.ChangePointQuality [--table FILE] [--quick] [--seed N]
 * </pre>
 * {@code --seed} is added to every family's own seed (0 by default): another seed gives other series of
 * the same kinds, to tell a property of the method from luck with one sample.
 */
public final class ChangePointQuality {
    static final int LENGTH = 100;
    private static final SeriesKey KEY = SeriesKey.of("synthetic", "time");
    private static final LocalDateTime START = LocalDateTime.of(2026, 1, 1, 3, 0);

    private final ChangeDetector detector = new ChangeDetector(ChangeSettings.defaults());
    private final Checker checker = new Checker(CheckSettings.defaults());
    private final List<String> rows = new ArrayList<>();
    private final long seed;

    private ChangePointQuality(long seed) {
        this.seed = seed;
    }

    public static void main(String[] args) throws IOException {
        Path table = null;
        int scale = 1;
        long seed = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--table" -> table = Path.of(args[++i]);
                case "--quick" -> scale = 10;
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: ChangePointQuality [--table FILE] [--quick] [--seed N]");
                    System.exit(2);
                }
            }
        }
        long started = System.nanoTime();
        ChangePointQuality quality = new ChangePointQuality(seed);
        quality.run(1000 / scale, 200 / scale);
        String text = quality.table(System.nanoTime() - started);
        System.out.print(text);
        if (table != null) {
            Files.writeString(table, text, StandardCharsets.UTF_8);
        }
    }

    private void run(int noiseCount, int count) {
        for (double sigma : new double[] {1, 2, 5}) {
            measure("Gaussian noise " + fmt(sigma) + "%", SyntheticSeries.gaussian(noiseCount, LENGTH, sigma, seed + 11 + (long) sigma), true);
        }
        measure("heavy-tailed noise 2% (t3), 1% outliers", SyntheticSeries.heavyTailed(noiseCount, LENGTH, 2, 0.01, seed + 21), true);
        for (double multiple : new double[] {2, 3, 5}) {
            for (boolean up : new boolean[] {true, false}) {
                List<SyntheticSeries.Generated> steps = new ArrayList<>();
                for (double sigma : new double[] {1, 2, 5}) {
                    steps.addAll(SyntheticSeries.step(count / 3, LENGTH, sigma, multiple, up, seed + 31 + (long) (multiple * 10 + sigma) + (up ? 0 : 100)));
                }
                measure("step " + fmt(multiple) + "x noise " + (up ? "up" : "down") + " (noise 1, 2, 5%)", steps, false);
            }
        }
        measure("slow drift +10% over 100 builds (noise 2%)", SyntheticSeries.drift(count, LENGTH, 2, 10, seed + 41), false);
        measure("three steps of 3-5x noise (noise 2%)", SyntheticSeries.repeatedSteps(count, LENGTH, 2, seed + 51), false);
        measure("bimodal: 30% of values 4x noise higher (noise 2%)", SyntheticSeries.bimodal(count, LENGTH, 2, 4, 0.3, seed + 61), false);
    }

    /** Counts of one family and one method. */
    private static final class Counts {
        int series;
        int steps;
        int stepsFound;
        int detections;
        int correct;

        String recall() {
            return steps == 0 ? "" : pct(stepsFound, steps);
        }

        String precision() {
            return steps == 0 || detections == 0 ? "" : pct(correct, detections);
        }

        String falsePer1000() {
            return String.format(Locale.ROOT, "%.1f", (detections - correct) * 1000.0 / series);
        }
    }

    private void measure(String family, List<SyntheticSeries.Generated> generated, boolean nightly) {
        Counts changes = count(generated, this::changePoints);
        Counts check = count(generated, this::checkFindings);
        String replay = " | ";
        if (nightly) {
            long ever = 0;
            long twice = 0;
            for (SyntheticSeries.Generated one : generated) {
                TreeSet<Long> once = new TreeSet<>();
                TreeSet<Long> confirmed = new TreeSet<>();
                nightByNight(series(one.values()), once, confirmed);
                ever += once.size();
                twice += confirmed.size();
            }
            replay = String.format(Locale.ROOT, "%.1f | %.1f", ever * 1000.0 / generated.size(), twice * 1000.0 / generated.size());
        }
        rows.add("| " + family + " | " + generated.size() + " | " + changes.recall() + " | " + changes.precision() + " | "
                + changes.falsePer1000() + " | " + replay + " | " + check.recall() + " | " + check.precision() + " | "
                + check.falsePer1000() + " |");
        System.err.println(rows.get(rows.size() - 1));
    }

    private static Counts count(List<SyntheticSeries.Generated> generated, Function<Series, List<Integer>> method) {
        Counts counts = new Counts();
        for (SyntheticSeries.Generated one : generated) {
            List<Integer> found = method.apply(series(one.values()));
            counts.series++;
            counts.steps += one.steps().length;
            for (int step : one.steps()) {
                if (found.stream().anyMatch(f -> Math.abs(f - step) <= 1)) {
                    counts.stepsFound++;
                }
            }
            for (int f : found) {
                counts.detections++;
                for (int step : one.steps()) {
                    if (Math.abs(f - step) <= 1) {
                        counts.correct++;
                        break;
                    }
                }
            }
        }
        return counts;
    }

    /** Where the change points of the whole series start. */
    private List<Integer> changePoints(Series series) {
        return detector.detect(series, Direction.LOWER_IS_BETTER).changePoints().stream().map(ChangePoint::index).toList();
    }

    /**
     * Every change point a nightly job would have been told of, searching night by night as the checks do:
     * those that later moved or vanished count too.
     */
    private void nightByNight(Series whole, TreeSet<Long> ever, TreeSet<Long> twice) {
        ChangeState state = ChangeState.EMPTY;
        TreeSet<Long> lastNight = new TreeSet<>();
        for (int n = 1; n <= whole.points().size(); n++) {
            Series tail = new Series(whole.key(), whole.unit(), whole.points().subList(state.windowStart(), n));
            SeriesChanges found = detector.resume(state, tail, state.windowStart(), Direction.LOWER_IS_BETTER);
            TreeSet<Long> tonight = new TreeSet<>();
            found.changePoints().forEach(c -> tonight.add(c.build()));
            ever.addAll(tonight);
            for (long build : tonight) {
                if (lastNight.contains(build)) {
                    twice.add(build);
                }
            }
            lastNight = tonight;
            state = found.state();
        }
    }

    /** Where the built-in regression check starts reporting a regression or an improvement. */
    private List<Integer> checkFindings(Series series) {
        List<Integer> starts = new ArrayList<>();
        Verdict previous = Verdict.OK;
        List<CheckResult> results = checker.regressionsFrom(series, 0);
        for (int i = 0; i < results.size(); i++) {
            Verdict verdict = results.get(i).verdict();
            boolean finding = verdict == Verdict.REGRESSED || verdict == Verdict.IMPROVED;
            if (finding && verdict != previous) {
                starts.add(i);
            }
            previous = verdict;
        }
        return starts;
    }

    private static Series series(double[] values) {
        List<Point> points = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            points.add(new Point(i + 1, "", START.plusDays(i), values[i]));
        }
        return new Series(KEY, "ms", points);
    }

    private String table(long nanos) {
        StringBuilder text = new StringBuilder();
        text.append("| Series (100 builds each) | Count | Change points: recall | precision | false per 1,000 series | "
                + "false per 1,000 series, night by night: found once | found two nights running | Median/MAD check: recall | precision | false per 1,000 series |\n");
        text.append("|---|---|---|---|---|---|---|---|---|---|\n");
        rows.forEach(row -> text.append(row).append('\n'));
        text.append(String.format(Locale.ROOT, "%nSeed %d; settings: %s; %.0f s on %d cores, Java %s%n", seed, ChangeSettings.defaults(),
                nanos / 1e9, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        return text.toString();
    }

    private static String pct(int part, int whole) {
        return String.format(Locale.ROOT, "%.1f%%", part * 100.0 / whole);
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
