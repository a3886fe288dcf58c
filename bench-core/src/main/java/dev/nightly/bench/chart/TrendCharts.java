package dev.nightly.bench.chart;

import dev.nightly.bench.check.Verdict;
import dev.nightly.bench.model.Bounds;
import dev.nightly.bench.model.DatasetInfo;
import dev.nightly.bench.model.Numbers;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.model.SeriesColumns;
import dev.nightly.bench.model.SeriesKey;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.SeriesInfo;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Builds the trend charts of datasets from their series: one chart per dataset, one line per series.
 * Each series is taken as columns of builds and values ({@link SeriesColumns}), marked (bounds violations
 * found here, check verdicts from {@link PointMarks}) and down-sampled with its marked points kept; only
 * the points shown are made whole, for their commits and times. Read from a store, a job of 200 series
 * over ten thousand nights gives its chart model in about a tenth of a second and in little memory.
 */
public final class TrendCharts {
    private static final Comparator<DatasetInfo> BY_NAME =
            Comparator.comparing(DatasetInfo::name, String.CASE_INSENSITIVE_ORDER).thenComparing(DatasetInfo::id);

    private final ChartSettings settings;
    private final PointMarks marks;
    private final ChangeMarks changes;

    private TrendCharts(ChartSettings settings, PointMarks marks, ChangeMarks changes) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.marks = Objects.requireNonNull(marks, "marks");
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    private TrendCharts(ChartSettings settings, PointMarks marks) {
        this(settings, marks, ChangeMarks.none());
    }

    /**
     * These charts with change points marked on their lines, e.g.
     * {@code TrendCharts.with(settings, marks).withChanges(ChangeMarks.of(ChangeTracker.withDefaults().list(snapshot)))}.
     */
    public TrendCharts withChanges(ChangeMarks changeMarks) {
        return new TrendCharts(settings, marks, changeMarks);
    }

    public static TrendCharts with(ChartSettings settings, PointMarks marks) {
        return new TrendCharts(settings, marks);
    }

    public static TrendCharts with(ChartSettings settings) {
        return new TrendCharts(settings, PointMarks.none());
    }

    /**
     * One chart per dataset and unit, ordered by dataset name; a dataset's charts follow each other in the
     * order its units first appear among its series (sorted by key). One unit per chart keeps lines of
     * different scales apart: a rate in result/ms and a time in ms on two axes of one plot read as one
     * tangle. Series of datasets without information get charts named by the dataset id.
     */
    public List<TrendChart> job(Map<String, DatasetInfo> datasets, List<Series> series) {
        Map<String, List<Member>> byDataset = new TreeMap<>();
        for (Series one : series) {
            byDataset.computeIfAbsent(one.key().dataset(), id -> new ArrayList<>()).add(Member.of(SeriesColumns.of(one)));
        }
        List<DatasetInfo> infos = new ArrayList<>(byDataset.size());
        byDataset.keySet().forEach(id -> infos.add(datasets.getOrDefault(id, DatasetInfo.of(id))));
        infos.sort(BY_NAME);
        List<TrendChart> charts = new ArrayList<>();
        for (DatasetInfo info : infos) {
            charts.addAll(byUnit(info, byDataset.get(info.id())));
        }
        return charts;
    }

    /**
     * The charts of every dataset in a store, in the order of {@link #job(Map, List)}, reading one dataset's
     * series at a time: memory follows the largest dataset, not the whole job.
     */
    public List<TrendChart> job(HistorySnapshot snapshot) {
        return job(snapshot, 1);
    }

    /**
     * As {@link #job(HistorySnapshot)}, the datasets' charts made on {@code threads} threads at once, the
     * largest datasets first (a command line report has the machine to itself; a page of Jenkins does not):
     * the same charts in the same order, memory that of the {@code threads} datasets in work. A failure on
     * any thread is thrown here as it was thrown there.
     */
    public List<TrendChart> job(HistorySnapshot snapshot, int threads) {
        List<DatasetInfo> infos = new ArrayList<>();
        for (String id : new TreeSet<>(snapshot.series().stream().map(info -> info.key().dataset()).toList())) {
            infos.add(snapshot.dataset(id));
        }
        infos.sort(BY_NAME);
        List<List<TrendChart>> made = new ArrayList<>(Collections.nCopies(infos.size(), List.of()));
        List<Integer> order = new ArrayList<>();
        Map<String, Long> points = new HashMap<>();
        for (SeriesInfo info : snapshot.series()) {
            points.merge(info.key().dataset(), (long) info.count(), Long::sum);
        }
        for (int i = 0; i < infos.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> points.getOrDefault(infos.get(i).id(), 0L)).reversed());
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable work = () -> {
            for (int k; failure.get() == null && (k = next.getAndIncrement()) < order.size(); ) {
                DatasetInfo info = infos.get(order.get(k));
                try {
                    made.set(order.get(k), byUnit(info, read(snapshot, info.id())));
                }
                catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        List<Thread> helpers = new ArrayList<>();
        for (int t = 1; t < Math.min(threads, infos.size()); t++) {
            Thread helper = new Thread(work, "trend charts " + t);
            helper.setDaemon(true);
            helper.start();
            helpers.add(helper);
        }
        work.run();
        for (Thread helper : helpers) {
            joinUninterruptibly(helper);
        }
        Throwable failed = failure.get();
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
        List<TrendChart> charts = new ArrayList<>();
        made.forEach(charts::addAll);
        return charts;
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            }
            catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The charts of one dataset of a store, one per unit (see {@link #datasetByUnit}). */
    public List<TrendChart> datasetByUnit(HistorySnapshot snapshot, String dataset) {
        return byUnit(snapshot.dataset(dataset), read(snapshot, dataset));
    }

    /**
     * What the charts of a dataset need of its series. Showing the newest builds (the Jenkins pages' default)
     * needs only the points of each series' own newest builds, read from the ends of their files, as long
     * as the marks do not look at the history; anything else reads every value, as columns.
     */
    private List<Member> read(HistorySnapshot snapshot, String dataset) {
        List<SeriesInfo> series = snapshot.series(dataset);
        // Marks either follow from keys for every series or for none: one key tells.
        if (settings.maxBuilds() > 0 && !series.isEmpty() && marks.of(series.get(0).key()).isPresent()) {
            return series.stream().map(info -> Member.of(SeriesColumns.of(snapshot.readNewestBuilds(info.key(), settings.maxBuilds()))))
                    .toList();
        }
        if (settings.maxBuilds() > 0) {
            // The shown builds follow from every series' builds: read them all first.
            return snapshot.readDatasetColumns(dataset).stream().map(Member::of).toList();
        }
        // Each series read when its line is drawn and let go after: a dataset's files are never all in memory.
        return series.stream().map(info -> new Member(info.key(), info.unit(), () -> snapshot.readColumns(info.key()))).toList();
    }

    /**
     * A series of a chart: its key and unit, and its columns, made when its line is drawn (see {@link #read}).
     */
    private record Member(SeriesKey key, String unit, Supplier<SeriesColumns> columns) {
        static Member of(SeriesColumns columns) {
            return new Member(columns.key(), columns.unit(), () -> columns);
        }
    }

    /**
     * The charts of one dataset, one per unit, titled {@code name – unit} when there are several (see
     * {@link #job}); series of other datasets are refused. All show the same builds.
     */
    public List<TrendChart> datasetByUnit(DatasetInfo info, List<Series> series) {
        return byUnit(info, columns(series));
    }

    private List<TrendChart> byUnit(DatasetInfo info, List<Member> series) {
        List<Member> sorted = sortedMembers(info, series);
        Map<String, List<Member>> byUnit = new LinkedHashMap<>();
        for (Member one : sorted) {
            byUnit.computeIfAbsent(one.unit(), unit -> new ArrayList<>()).add(one);
        }
        if (byUnit.size() <= 1) {
            return List.of(chart(info, sorted, info.name()));
        }
        long firstBuild = firstShownBuild(sorted);
        List<TrendChart> charts = new ArrayList<>(byUnit.size());
        byUnit.forEach((unit, members) -> charts.add(chart(info, members,
                info.name() + TrendChart.UNIT_SEPARATOR + (unit.isEmpty() ? "no unit" : unit), firstBuild)));
        return charts;
    }

    /**
     * The chart of one dataset with one value axis per unit; series of other datasets are refused. For a
     * single series or a dataset of one unit; {@link #datasetByUnit} draws mixed units apart.
     */
    public TrendChart dataset(DatasetInfo info, List<Series> series) {
        return chart(info, sortedMembers(info, columns(series)), info.name());
    }

    private static List<Member> columns(List<Series> series) {
        return series.stream().map(one -> Member.of(SeriesColumns.of(one))).toList();
    }

    private static List<Member> sortedMembers(DatasetInfo info, List<Member> series) {
        List<Member> sorted = new ArrayList<>(series);
        sorted.sort(Comparator.comparing(Member::key));
        for (Member one : sorted) {
            if (!one.key().dataset().equals(info.id())) {
                throw new IllegalArgumentException("series " + one.key().id() + " is not of dataset " + info.id());
            }
        }
        return sorted;
    }

    private TrendChart chart(DatasetInfo info, List<Member> sorted, String title) {
        return chart(info, sorted, title, firstShownBuild(sorted));
    }

    private TrendChart chart(DatasetInfo info, List<Member> sorted, String title, long firstBuild) {
        Map<String, Integer> units = new LinkedHashMap<>();
        List<TrendLine> lines = new ArrayList<>(sorted.size());
        for (Member member : sorted) {
            SeriesColumns one = member.columns().get();
            int axis = units.computeIfAbsent(one.unit(), unit -> units.size());
            TrendLine line = line(one, info.boundsOf(one.key().measure()), axis, firstBuild);
            if (line.size() > 0) {
                lines.add(line);
            }
        }
        return new TrendChart(info.id(), title, info.description(), settings.xAxis(),
                List.copyOf(units.keySet()), lines, info.name(), settings.titled());
    }

    /** The oldest build shown when only the newest {@code maxBuilds} builds are wanted. */
    private long firstShownBuild(List<Member> members) {
        if (settings.maxBuilds() == 0) {
            return Long.MIN_VALUE;
        }
        List<SeriesColumns> series = members.stream().map(member -> member.columns().get()).toList();
        int total = 0;
        for (SeriesColumns one : series) {
            total += one.size();
        }
        long[] builds = new long[total];
        int size = 0;
        for (SeriesColumns one : series) {
            for (int i = 0; i < one.size(); i++) {
                builds[size++] = one.build(i);
            }
        }
        Arrays.sort(builds);
        int distinct = 0;
        for (int i = size - 1; i >= 0; i--) {
            if (i == size - 1 || builds[i] != builds[i + 1]) {
                if (++distinct == settings.maxBuilds()) {
                    return builds[i];
                }
            }
        }
        return Long.MIN_VALUE;
    }

    private TrendLine line(SeriesColumns series, Bounds bounds, int axis, long firstBuild) {
        int n = series.size();
        // Pass 1: the shown, finite points into primitive arrays (or the columns themselves when that is all).
        int[] source = null;
        double[] values = series.values();
        long[] builds = series.builds();
        int count = 0;
        for (int i = 0; i < n; i++) {
            double value = values[i];
            long build = builds[i];
            if (build >= firstBuild && Double.isFinite(value)) {
                if (source != null) {
                    source[count] = i;
                    values[count] = value;
                    builds[count] = build;
                }
                count++;
            }
            else if (source == null) {
                source = new int[n];
                for (int k = 0; k < count; k++) {
                    source[k] = k;
                }
                values = Arrays.copyOf(values, n);
                builds = Arrays.copyOf(builds, n);
            }
        }
        PointMark[] markAt = markPoints(series, bounds, values, builds, count);
        int[] keep = markedIndices(markAt, count);
        int[] kept = DownSampler.select(values, count, settings.maxPointsPerSeries(), keep);

        int size = kept.length;
        long[] keptBuilds = new long[size];
        double[] keptValues = new double[size];
        String[] commits = new String[size];
        LocalDateTime[] times = new LocalDateTime[size];
        List<TrendLine.Marked> marked = new ArrayList<>(keep.length);
        for (int j = 0; j < size; j++) {
            int i = kept[j];
            // Only the points shown are made whole: their commit and time go into the tooltips.
            Point point = series.point(source == null ? i : source[i]);
            keptBuilds[j] = builds[i];
            keptValues[j] = values[i];
            commits[j] = point.commit();
            times[j] = point.time();
            if (markAt != null && markAt[i] != null) {
                marked.add(new TrendLine.Marked(j, markAt[i]));
            }
        }
        List<ChangeMark> shown = new ArrayList<>();
        if (size > 0) {
            for (ChangeMark mark : changes.of(series.key())) {
                if (mark.build() >= keptBuilds[0] && mark.build() <= keptBuilds[size - 1]) {
                    shown.add(mark);
                }
            }
        }
        return new TrendLine(series.key(), series.unit(), TrendLine.labelOf(series.key(), series.unit()), axis,
                bounds, keptBuilds, keptValues, commits, times, List.copyOf(marked), count, shown);
    }

    /**
     * The mark of each shown point, or {@code null} when no point is marked: out of bounds from the
     * bounds, the rest from {@link #marks}. Where both speak of a point, the worse verdict is drawn and
     * both explanations are shown.
     */
    private PointMark[] markPoints(SeriesColumns series, Bounds bounds, double[] values, long[] builds, int count) {
        PointMark[] markAt = null;
        if (!bounds.isNone()) {
            String text = "out of bounds, allowed " + bounds;
            // Newest first, and no more than can be drawn (see markedIndices): a series out of bounds for
            // years would otherwise cost a text per night.
            int left = settings.maxMarksPerSeries();
            for (int i = count - 1; i >= 0 && left > 0; i--) {
                if (!bounds.contains(values[i])) {
                    left--;
                    if (markAt == null) {
                        markAt = new PointMark[count];
                    }
                    markAt[i] = new PointMark(builds[i], Verdict.OUT_OF_BOUNDS, text + ", " + Numbers.format(values[i])
                            + (series.unit().isEmpty() ? "" : " " + series.unit()));
                }
            }
        }
        List<PointMark> given = marks.of(series.key()).orElseGet(() -> marks.of(series.toSeries()));
        if (given.isEmpty()) {
            return markAt;
        }
        // Marks are few and builds nearly always ascending: sort the mark builds and search them.
        List<PointMark> drawn = new ArrayList<>(given.size());
        for (PointMark mark : given) {
            if (mark.isDrawn()) {
                drawn.add(mark);
            }
        }
        if (drawn.isEmpty()) {
            return markAt;
        }
        drawn.sort(Comparator.comparingLong(PointMark::build));
        long[] markBuilds = new long[drawn.size()];
        for (int k = 0; k < markBuilds.length; k++) {
            markBuilds[k] = drawn.get(k).build();
        }
        for (int i = 0; i < count; i++) {
            // A mark names a build; when several points in a row are of that build (a backfill stored as one
            // build), it goes on the newest of them, the value a check of that build judges. Put on every one,
            // a history of ten thousand points in one build merged a thousand texts into each.
            if (i + 1 < count && builds[i + 1] == builds[i]) {
                continue;
            }
            int found = Arrays.binarySearch(markBuilds, builds[i]);
            if (found < 0) {
                continue;
            }
            while (found > 0 && markBuilds[found - 1] == builds[i]) {
                found--;
            }
            for (int k = found; k < markBuilds.length && markBuilds[k] == builds[i]; k++) {
                if (markAt == null) {
                    markAt = new PointMark[count];
                }
                markAt[i] = merge(markAt[i], drawn.get(k));
            }
        }
        return markAt;
    }

    private static PointMark merge(PointMark existing, PointMark added) {
        if (existing == null) {
            return added;
        }
        // Verdict order is worst first.
        Verdict worse = existing.verdict().compareTo(added.verdict()) <= 0 ? existing.verdict() : added.verdict();
        String text = existing.text().equals(added.text()) ? existing.text() : existing.text() + "; " + added.text();
        return new PointMark(existing.build(), worse, text);
    }

    /** Indices of marked points, ascending; only the newest {@code maxMarksPerSeries} are kept marked. */
    private int[] markedIndices(PointMark[] markAt, int count) {
        if (markAt == null) {
            return new int[0];
        }
        int limit = settings.maxMarksPerSeries();
        int[] found = new int[Math.min(limit, count)];
        int size = 0;
        for (int i = count - 1; i >= 0; i--) {
            if (markAt[i] != null) {
                if (size < limit) {
                    found[size++] = i;
                } else {
                    // Older marks beyond the limit are dropped, so that the line and its marks agree.
                    markAt[i] = null;
                }
            }
        }
        int[] ascending = new int[size];
        for (int k = 0; k < size; k++) {
            ascending[k] = found[size - 1 - k];
        }
        return ascending;
    }
}
