package dev.nightly.bench.check;

import dev.nightly.bench.changes.AckStatus;
import dev.nightly.bench.changes.Acknowledgement;
import dev.nightly.bench.changes.Acknowledgements;
import dev.nightly.bench.changes.ChangePoint;
import dev.nightly.bench.changes.ChangeSettings;
import dev.nightly.bench.changes.ChangeStatus;
import dev.nightly.bench.changes.ChangeTracker;
import dev.nightly.bench.changes.TrackedChange;
import dev.nightly.bench.model.Bounds;
import dev.nightly.bench.model.Numbers;
import dev.nightly.bench.model.Change;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.SeriesInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs the configured checks of one build. It reads only the series the build added points to (the
 * manifest says which may have), each from its own file.
 */
public final class Checker {
    private final CheckSettings settings;
    private final Acknowledgements acks;

    public Checker(CheckSettings settings) {
        this(settings, Acknowledgements.none());
    }

    private Checker(CheckSettings settings, Acknowledgements acks) {
        this.settings = settings;
        this.acks = acks;
    }

    /**
     * These checks with the decisions about change points of a store: a change point acknowledged as
     * expected moves the baseline of the regression check to after it ({@link #check(HistorySnapshot, long)}
     * reads them from the snapshot's store by itself).
     */
    public Checker withAcknowledgements(Acknowledgements acknowledgements) {
        return new Checker(settings, acknowledgements);
    }

    /**
     * Checks every series that has a value from {@code build}: bounds, regression and change points, each as
     * the settings say, with the store's decisions about change points; shows as {@link Verdict#MISSING} every
     * series that had a value in the previous build (the newest one before {@code build} with values) and has
     * none in {@code build}; and warns of datasets whose series are nearly all new in {@code build} while
     * series they had before have no value in it (series keys that change from run to run).
     */
    public CheckReport check(HistorySnapshot snapshot, long build) {
        List<CheckResult> results = new ArrayList<>();
        long previous = -1;
        Map<String, int[]> datasets = new TreeMap<>();
        ChangeTracker tracker = new ChangeTracker(ChangeSettings.defaults(), settings.directions());
        try (ChangeTracker.Session session = tracker.session(snapshot)) {
            Checker checker = withAcknowledgements(session.acknowledgements());
            for (SeriesInfo info : snapshot.series()) {
                int[] counts = datasets.computeIfAbsent(info.key().dataset(), d -> new int[3]);
                if (info.lastBuild() < build) {
                    previous = Math.max(previous, info.lastBuild());
                    counts[GONE] += info.firstBuild() < build ? 1 : 0;
                }
                if (!info.mayHaveBuild(build)) {
                    continue;
                }
                Series series = checker.read(snapshot, info, build);
                results.addAll(checker.check(series, snapshot.dataset(info.key().dataset()), build));
                checker.checkChange(session, info, series, build).ifPresent(results::add);
                int current = indexOf(series.points(), build);
                if (current > 0) {
                    previous = Math.max(previous, series.points().get(current - 1).build());
                }
                if (current >= 0) {
                    counts[PRESENT]++;
                    counts[NEW] += info.firstBuild() == build ? 1 : 0;
                }
            }
        }
        if (previous >= 0) {
            for (SeriesInfo info : snapshot.series()) {
                if (info.lastBuild() == previous && previous < build) {
                    settings.ruleFor(info.key(), CheckKind.MISSING)
                            .ifPresent(rule -> results.add(missing(snapshot, info, build, rule)));
                }
            }
        }
        List<String> warnings = new ArrayList<>();
        datasets.forEach((dataset, counts) -> {
            // "Nearly all": four in five, and at least two, so that one renamed benchmark is no warning.
            if (counts[NEW] >= 2 && counts[NEW] * 5 >= counts[PRESENT] * 4 && counts[GONE] > 0) {
                warnings.add(dataset + ": " + counts[NEW] + " of " + counts[PRESENT] + " series of build " + build
                        + " are new, while " + counts[GONE] + " series of earlier builds have no value in it;"
                        + " do its series keys change from run to run (a parameter that holds a memory address,"
                        + " a time or a random value)? New series have no baseline, so nothing of them is checked");
            }
        });
        return new CheckReport(build, results, warnings);
    }

    private static final int PRESENT = 0;
    private static final int NEW = 1;
    private static final int GONE = 2;

    private static int indexOf(List<Point> points, long build) {
        for (int i = points.size() - 1; i >= 0; i--) {
            if (points.get(i).build() == build) {
                return i;
            }
        }
        return -1;
    }

    private static CheckResult missing(HistorySnapshot snapshot, SeriesInfo info, long build, CheckRule rule) {
        Series recent = snapshot.readRecent(info.key(), 1);
        Point last = recent.last();
        Direction direction = rule.direction() != null ? rule.direction() : Direction.known(info.unit()).orElse(null);
        return new CheckResult(info.key(), info.unit(), CheckKind.MISSING, last,
                new Baseline(null, "no value in build " + build), null, null, direction, Verdict.MISSING, rule.level());
    }

    /**
     * The change check of one series in one build: a regression whose change point is confirmed tonight
     * (found with the points up to this build and up to the one before, and not the night before that) is
     * flagged; one reported before is an open regression, flagged only with {@code keepFailing}. Change
     * points acknowledged as expected or as no change are not reported; ones acknowledged as bugs are open
     * but never new.
     */
    private Optional<CheckResult> checkChange(ChangeTracker.Session session, SeriesInfo info, Series series, long build) {
        Optional<CheckRule> rule = settings.ruleFor(info.key(), CheckKind.CHANGE);
        Optional<Point> point = pointOf(series, build);
        if (rule.isEmpty() || point.isEmpty()) {
            return Optional.empty();
        }
        Optional<ChangeTracker.Nights> nights = session.nights(info, build);
        if (nights.isEmpty()) {
            return Optional.empty();
        }
        TrackedChange open = null;
        for (TrackedChange change : nights.get().tonight()) {
            if (change.isOpenRegression() && among(change, nights.get().lastNight())) {
                open = change;
            }
        }
        if (open == null) {
            return Optional.empty();
        }
        ChangePoint change = open.change();
        String where = "build " + change.build() + (change.firstAfter().commit().isEmpty() ? "" : " (commit " + change.firstAfter().commit() + ")");
        boolean isNew = open.status() == ChangeStatus.OPEN && !among(open, nights.get().nightBefore());
        Verdict verdict = isNew || rule.get().keepFailing() ? Verdict.REGRESSED : Verdict.OPEN_REGRESSION;
        String text = isNew
                ? "level before the change point at " + where + ", p=" + Numbers.format(change.pValue())
                : "open regression since " + where + open.acknowledgement().filter(a -> a.status() == AckStatus.BUG)
                        .map(a -> ", known bug" + (a.note().isEmpty() ? "" : ": " + a.note())).orElse("");
        return Optional.of(new CheckResult(info.key(), series.unit(), CheckKind.CHANGE, point.get(),
                new Baseline(change.levelBefore(), text), change.changePercent(), null, change.direction(), verdict,
                rule.get().level()));
    }

    /** Whether the same change point (within a build: more nights may move it) is among {@code others}. */
    private static boolean among(TrackedChange change, List<TrackedChange> others) {
        for (TrackedChange other : others) {
            if (Math.abs(other.change().build() - change.change().build()) <= 1
                    && other.change().isRegression() == change.change().isRegression()) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Point> pointOf(Series series, long build) {
        List<Point> points = series.points();
        for (int i = points.size() - 1; i >= 0; i--) {
            if (points.get(i).build() == build) {
                return Optional.of(points.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * The part of a series that checking {@code build} needs. For the newest build of a series that is its
     * last values (the new one and the window before it), read from the end of its file; a named baseline
     * build or an older build needs the whole series.
     */
    private Series read(HistorySnapshot snapshot, SeriesInfo info, long build) {
        Optional<CheckRule> regression = settings.ruleFor(info.key(), CheckKind.REGRESSION);
        if (info.lastBuild() != build || regression.map(r -> r.baseline() == BaselineKind.BUILD).orElse(false)) {
            return snapshot.read(info.key());
        }
        int window = regression.map(CheckRule::window).orElse(0);
        Series recent = snapshot.readRecent(info.key(), window + 1);
        // The newest value must be this build's; where the file's order says otherwise, read it all.
        return recent.isEmpty() || recent.last().build() != build ? snapshot.read(info.key()) : recent;
    }

    /**
     * Checks the newest value that {@code build} added to {@code series}; nothing when it added none.
     * Earlier values are the history, whichever build brought them.
     */
    public List<CheckResult> check(Series series, DatasetInfo dataset, long build) {
        List<Point> points = series.points();
        int current = -1;
        for (int i = points.size() - 1; i >= 0; i--) {
            if (points.get(i).build() == build) {
                current = i;
                break;
            }
        }
        if (current < 0) {
            return List.of();
        }
        return checkAt(series, dataset, current);
    }

    /** Checks the point at {@code index} of {@code series} against the points before it. */
    public List<CheckResult> checkAt(Series series, DatasetInfo dataset, int index) {
        List<CheckResult> results = new ArrayList<>(2);
        Point point = series.points().get(index);
        Optional<CheckRule> bounds = settings.ruleFor(series.key(), CheckKind.BOUNDS);
        Bounds range = dataset.boundsOf(series.key().measure());
        if (bounds.isPresent() && !range.isNone()) {
            results.add(checkBounds(series, point, range, bounds.get()));
        }
        settings.ruleFor(series.key(), CheckKind.REGRESSION)
                .ifPresent(rule -> results.add(checkRegression(series, index, rule)));
        return results;
    }

    /**
     * The regression check of each point from {@code from} on, each against the points before it, as
     * {@link #checkAt} would give it: one walk over the series with the rule looked up once, for charts
     * that mark the verdicts of a whole history. Empty when no regression rule applies to the series.
     */
    public List<CheckResult> regressionsFrom(Series series, int from) {
        Optional<CheckRule> rule = settings.ruleFor(series.key(), CheckKind.REGRESSION);
        int size = series.points().size();
        if (rule.isEmpty() || from >= size) {
            return List.of();
        }
        List<CheckResult> results = new ArrayList<>(size - Math.max(0, from));
        for (int index = Math.max(0, from); index < size; index++) {
            results.add(checkRegression(series, index, rule.get()));
        }
        return results;
    }

    private static CheckResult checkBounds(Series series, Point point, Bounds range, CheckRule rule) {
        Direction direction = rule.direction() == null ? Direction.fromUnit(series.unit()) : rule.direction();
        Verdict verdict = range.contains(point.value()) ? Verdict.OK : Verdict.OUT_OF_BOUNDS;
        return new CheckResult(series.key(), series.unit(), CheckKind.BOUNDS, point, new Baseline(null, "bounds " + range),
                null, null, direction, verdict, rule.level());
    }

    /**
     * The index of the first point at the newest level acknowledged as expected before the point at
     * {@code index} (the regression check's baseline starts there), or 0.
     */
    private int expectedSince(Series series, int index) {
        List<Point> points = series.points();
        long checked = points.get(index).build();
        long since = Long.MIN_VALUE;
        for (Acknowledgement ack : acks.of(series.key().id())) {
            if (ack.status() == AckStatus.EXPECTED && ack.build() <= checked) {
                since = Math.max(since, ack.build());
            }
        }
        if (since == Long.MIN_VALUE) {
            return 0;
        }
        int from = index;
        while (from > 0 && points.get(from - 1).build() >= since) {
            from--;
        }
        return from;
    }

    private CheckResult checkRegression(Series series, int index, CheckRule rule) {
        List<Point> points = series.points();
        Point point = points.get(index);
        // Null when neither the checks nor the unit say which way is better: then compared, never flagged.
        Direction direction = rule.direction() != null ? rule.direction() : Direction.known(series.unit()).orElse(null);
        double[] recent = recentValues(points, index, rule.window(), expectedSince(series, index));
        Baseline baseline = switch (rule.baseline()) {
            case PREVIOUS -> index == 0 ? null
                    : new Baseline(points.get(index - 1).value(), "previous value, build " + points.get(index - 1).build());
            case MEDIAN, AUTO -> recent.length == 0 ? null : new Baseline(Noise.median(recent), medianOfLast(recent.length));
            case BUILD -> valueOfBuild(points, index, rule.build())
                    .map(p -> new Baseline(p.value(), "build " + rule.build())).orElse(null);
        };
        if (baseline == null) {
            String why = rule.baseline() == BaselineKind.BUILD ? "build " + rule.build() + " has no value" : "no earlier value";
            return new CheckResult(series.key(), series.unit(), CheckKind.REGRESSION, point, new Baseline(null, why),
                    null, null, direction, Verdict.NO_BASELINE, rule.level());
        }
        double relativeError = point.hasError() && baseline.value() != 0
                ? point.error() / Math.abs(baseline.value()) * 100.0 : Double.NaN;
        // A median baseline is the median of the recent values: the tolerance's spread takes it as it is.
        boolean medianBaseline = rule.baseline() == BaselineKind.MEDIAN || rule.baseline() == BaselineKind.AUTO;
        double tolerance = rule.tolerance() != null ? rule.tolerance()
                : recent.length == 0 ? Noise.FALLBACK_TOLERANCE
                : medianBaseline ? Noise.tolerance(recent, baseline.value(), relativeError) : Noise.tolerance(recent, relativeError);
        if (direction == null) {
            return new CheckResult(series.key(), series.unit(), CheckKind.REGRESSION, point, baseline,
                    Change.percent(baseline.value(), point.value()), null, null, Verdict.NOT_JUDGED, rule.level());
        }
        double worsening = direction.worsening(baseline.value(), point.value());
        Verdict verdict = worsening > tolerance ? Verdict.REGRESSED : worsening < -tolerance ? Verdict.IMPROVED : Verdict.OK;
        return new CheckResult(series.key(), series.unit(), CheckKind.REGRESSION, point, baseline,
                Change.percent(baseline.value(), point.value()), tolerance, direction, verdict, rule.level());
    }

    /** The texts of the usual windows, made once: a report checks every point of a long history. */
    private static final String[] MEDIAN_OF_LAST = new String[CheckRule.DEFAULT_WINDOW * 4 + 1];

    static {
        for (int n = 0; n < MEDIAN_OF_LAST.length; n++) {
            MEDIAN_OF_LAST[n] = "median of last " + n + (n == 1 ? " value" : " values");
        }
    }

    private static String medianOfLast(int n) {
        return n < MEDIAN_OF_LAST.length ? MEDIAN_OF_LAST[n] : "median of last " + n + " values";
    }

    private static double[] recentValues(List<Point> points, int index, int window, int since) {
        int from = Math.max(since, index - window);
        double[] values = new double[index - from];
        for (int i = from; i < index; i++) {
            values[i - from] = points.get(i).value();
        }
        return values;
    }

    private static Optional<Point> valueOfBuild(List<Point> points, int index, long build) {
        for (int i = points.size() - 1; i >= 0; i--) {
            if (i != index && points.get(i).build() == build) {
                return Optional.of(points.get(i));
            }
        }
        return Optional.empty();
    }
}
