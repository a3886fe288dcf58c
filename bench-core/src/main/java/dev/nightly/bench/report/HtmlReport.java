package dev.nightly.bench.report;

import static dev.nightly.bench.report.Html.escape;

import dev.nightly.bench.chart.ChartJson;
import dev.nightly.bench.chart.TrendChart;
import dev.nightly.bench.chart.TrendLine;
import dev.nightly.bench.check.CheckKind;
import dev.nightly.bench.check.CheckReport;
import dev.nightly.bench.check.CheckResult;
import dev.nightly.bench.check.Verdict;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.Numbers;
import java.io.IOException;
import java.io.InputStream;
import java.io.FilterWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import dev.nightly.bench.changes.ChangePoint;
import dev.nightly.bench.changes.TrackedChange;
import dev.nightly.bench.model.Point;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A self-contained HTML report: {@code index.html} with the chart options embedded, plus
 * {@code assets/} with ECharts, a small script and a style sheet. It opens from {@code file://} without
 * network. Every text from input files is escaped; chart options are JSON that cannot end their script
 * element (see {@link ChartJson}).
 *
 * @param title     the page title
 * @param generated when the report was made
 * @param charts    the charts in page order, those of one dataset (split by unit) next to each other
 * @param checks    the checks of the latest build; its results fill the table, flagged first
 * @param changes   the change points of the history with their status, for the "Changes" section
 */
public record HtmlReport(String title, LocalDateTime generated, List<TrendChart> charts, CheckReport checks,
                         List<TrackedChange> changes) {
    static final String ASSETS = "assets";
    private static final String[] OWN_ASSETS = {"report.js", "report.css"};
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    public HtmlReport {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(generated, "generated");
        charts = List.copyOf(charts);
        Objects.requireNonNull(checks, "checks");
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** A report without a "Changes" section. */
    public HtmlReport(String title, LocalDateTime generated, List<TrendChart> charts, CheckReport checks) {
        this(title, generated, charts, checks, List.of());
    }

    /**
     * Writes {@code index.html} and {@code assets/} into {@code dir}, creating it if needed. Every file is
     * written aside first and moved into place, {@code index.html} last, so that a failure leaves the
     * previous report or nothing, never a half-written page.
     */
    public void writeTo(Path dir) {
        try {
            refuseForeignDirectory(dir);
            Files.createDirectories(dir);
            Path staging = Files.createTempDirectory(dir, ".nightly-report-");
            try {
                Files.createDirectories(staging.resolve(ASSETS));
                Files.write(staging.resolve(ASSETS).resolve("echarts.min.js"), EChartsAsset.minifiedScript());
                for (String asset : OWN_ASSETS) {
                    try (InputStream in = HtmlReport.class.getResourceAsStream(asset)) {
                        if (in == null) {
                            throw new IllegalStateException("report asset " + asset + " is missing from the class path");
                        }
                        Files.write(staging.resolve(ASSETS).resolve(asset), in.readAllBytes());
                    }
                }
                // Streamed: the page of a long history is megabytes of chart data, built as one string it
                // was copied four times over (and held in UTF-16 once any text needed it).
                try (Writer page = Files.newBufferedWriter(staging.resolve("index.html"), StandardCharsets.UTF_8)) {
                    write(page);
                }

                Files.createDirectories(dir.resolve(ASSETS));
                try (Stream<Path> assets = Files.list(staging.resolve(ASSETS))) {
                    for (Path asset : assets.toList()) {
                        move(asset, dir.resolve(ASSETS).resolve(asset.getFileName()));
                    }
                }
                move(staging.resolve("index.html"), dir.resolve("index.html"));
            } finally {
                deleteTree(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a destination that {@link #writeTo} would refuse, so that a caller can check it before any
     * work is done (reading a store can update its caches).
     */
    public static void checkDestination(Path dir) {
        try {
            refuseForeignDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A report replaces its own files only: a folder that holds anything else (a history store, a web
     * root, a home directory given by mistake) is refused before anything is written into it.
     */
    private static void refuseForeignDirectory(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": is a file, not a directory for the report");
        }
        List<String> names;
        try (Stream<Path> entries = Files.list(dir)) {
            names = entries.map(p -> p.getFileName().toString()).filter(name -> !name.startsWith(".nightly-report-"))
                    .sorted().toList();
        }
        if (names.isEmpty() || isEarlierReport(dir, names)) {
            return;
        }
        throw new BadInputException(dir + ": not empty and not an earlier report (holds " + names.get(0)
                + (names.size() > 1 ? " and " + (names.size() - 1) + " more" : "") + "); give a new or empty directory");
    }

    /** index.html made by this generator and its assets/, nothing else. */
    private static boolean isEarlierReport(Path dir, List<String> names) throws IOException {
        Path index = dir.resolve("index.html");
        if (!names.contains("index.html") || !Files.isRegularFile(index) || !names.stream().allMatch(
                name -> name.equals("index.html") || name.equals(ASSETS) && Files.isDirectory(dir.resolve(ASSETS)))) {
            return false;
        }
        try (InputStream in = Files.newInputStream(index)) {
            return new String(in.readNBytes(1024), StandardCharsets.UTF_8).contains("<meta name=\"generator\" content=\"Nightly\">");
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The page. */
    public String html() {
        StringWriter page = new StringWriter(64 * 1024);
        try {
            write(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return page.toString();
    }

    /** Writes the page to {@code out}, each chart's data straight into it. */
    private void write(Writer out) throws IOException {
        List<List<Integer>> datasets = datasets();
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"Nightly\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<link rel=\"stylesheet\" href=\"assets/report.css\">\n</head>\n<body>\n");
        html.append("<header>\n<h1>").append(escape(title)).append("</h1>\n<p class=\"meta\">")
                .append("Latest build ").append(checks.build()).append(" &middot; ")
                .append(datasets.size()).append(datasets.size() == 1 ? " dataset" : " datasets").append(" &middot; generated ")
                .append(escape(WHEN.format(generated))).append("</p>\n")
                .append("<p id=\"summary\" class=\"summary").append(checks.flagged().isEmpty() ? "" : " flagged").append("\">")
                .append(escape(checks.summary())).append("</p>\n");
        if (!datasets.isEmpty()) {
            html.append("<nav><ul>\n");
            if (!changes.isEmpty()) {
                html.append("<li><a href=\"#changes\">Changes</a></li>\n");
            }
            for (int d = 0; d < datasets.size(); d++) {
                html.append("<li><a href=\"#dataset-").append(d).append("\">")
                        .append(escape(charts.get(datasets.get(d).get(0)).datasetName())).append("</a></li>\n");
            }
            html.append("</ul></nav>\n");
        }
        html.append("</header>\n<main>\n");
        latestTables(html);
        changesSection(html);
        for (int d = 0; d < datasets.size(); d++) {
            datasetSection(html, out, d, datasets.get(d));
        }
        if (charts.isEmpty()) {
            html.append("<p class=\"empty\">The history holds no benchmark results yet.</p>\n");
        }
        html.append("</main>\n<footer>Made by Nightly from the benchmark history; charts by Apache ECharts ")
                .append(escape(EChartsAsset.version())).append(".</footer>\n")
                .append("<script src=\"assets/echarts.min.js\"></script>\n")
                .append("<script src=\"assets/report.js\"></script>\n</body>\n</html>\n");
        out.append(html);
    }

    /** How many datasets the report shows (a dataset split by unit has several charts). */
    public int datasetCount() {
        return datasets().size();
    }

    /** Chart indices grouped by dataset, in page order: the charts of a dataset split by unit follow each other. */
    private List<List<Integer>> datasets() {
        List<List<Integer>> datasets = new ArrayList<>();
        for (int i = 0; i < charts.size(); i++) {
            if (i > 0 && charts.get(i).id().equals(charts.get(i - 1).id())) {
                datasets.get(datasets.size() - 1).add(i);
            } else {
                datasets.add(new ArrayList<>(List.of(i)));
            }
        }
        return datasets;
    }

    /**
     * The latest build's checks: flagged and improved rows in view, the rest (ok, no baseline) folded
     * away in a {@code <details>} element, which needs no script. Both tables share their column widths.
     */
    private void latestTables(StringBuilder html) {
        html.append("<section class=\"latest\">\n<h2>Build ").append(checks.build()).append("</h2>\n");
        if (checks.results().isEmpty()) {
            html.append("<p class=\"empty\">No checks ran for this build.</p>\n</section>\n");
            return;
        }
        List<CheckResult> shown = new ArrayList<>();
        List<CheckResult> folded = new ArrayList<>();
        for (CheckResult result : checks.results()) {
            (result.isFlagged() || result.verdict() == Verdict.IMPROVED ? shown : folded).add(result);
        }
        if (shown.isEmpty()) {
            html.append("<p class=\"empty\" id=\"nothing-flagged\">No series was flagged or improved in this build.</p>\n");
        } else {
            checkTable(html, "latest", shown);
        }
        if (!folded.isEmpty()) {
            Map<String, Integer> verdicts = new TreeMap<>();
            for (CheckResult result : folded) {
                verdicts.merge(verdictText(result.verdict()), 1, Integer::sum);
            }
            StringBuilder counts = new StringBuilder();
            verdicts.forEach((verdict, count) -> counts.append(counts.length() == 0 ? "" : ", ").append(count).append(' ').append(verdict));
            html.append("<details class=\"more\"").append(shown.isEmpty() ? " open" : "").append(">\n<summary>Show ")
                    .append(folded.size()).append(shown.isEmpty() ? "" : " more").append(folded.size() == 1 ? " check" : " checks")
                    .append(" (").append(escape(counts.toString())).append(")</summary>\n");
            checkTable(html, "latest-more", folded);
            html.append("</details>\n");
        }
        html.append("</section>\n");
    }

    /**
     * The change points of the history, newest first: where (build and commit, and the last build before),
     * how large, which way, how sure, and what was decided. Suppressed ones ("not a change") are listed too,
     * greyed, so that a decision can be found again.
     */
    private void changesSection(StringBuilder html) {
        html.append("<section class=\"changes\" id=\"changes\">\n<h2>Changes</h2>\n");
        if (changes.isEmpty()) {
            html.append("<p class=\"empty\">No change points: no series shifted its level for good.</p>\n</section>\n");
            return;
        }
        html.append("<table class=\"checks\" id=\"change-points\">\n<thead><tr><th>Status</th><th>Series</th><th>Kind</th>")
                .append("<th class=\"number\">Change</th><th>Level</th><th>Build</th><th>Before</th><th class=\"number\">p</th>")
                .append("<th>Decision</th></tr></thead>\n<tbody>\n");
        List<TrackedChange> newestFirst = new ArrayList<>(changes);
        newestFirst.sort(Comparator.comparingLong((TrackedChange c) -> -c.change().build()).thenComparing(c -> c.change().key()));
        for (TrackedChange tracked : newestFirst) {
            ChangePoint change = tracked.change();
            String unit = change.unit().isEmpty() ? "" : " " + change.unit();
            html.append("<tr class=\"change-").append(change.kind()).append(" status-").append(tracked.status().text())
                    .append("\" data-series=\"").append(escape(change.key().id())).append("\" data-build=\"").append(change.build())
                    .append("\" data-status=\"").append(tracked.status().text()).append("\">");
            html.append("<td><span class=\"badge\">").append(escape(tracked.status().text())).append("</span></td><td>")
                    .append(escape(change.key().dataset())).append(" &middot; ").append(escape(TrendLine.labelOf(change.key(), change.unit())))
                    .append("</td><td>").append(change.kind())
                    .append("</td><td class=\"number\">").append(escape(Numbers.percent(change.changePercent())))
                    .append("</td><td>").append(escape(Numbers.format(change.levelBefore()) + " → " + Numbers.format(change.levelAfter()) + unit))
                    .append("</td><td>").append(escape(buildText(change.firstAfter())))
                    .append("</td><td>").append(escape(buildText(change.lastBefore())))
                    .append("</td><td class=\"number\">").append(escape(Numbers.format(change.pValue())))
                    .append("</td><td>").append(escape(tracked.acknowledgement().map(a -> (a.note().isEmpty() ? "" : a.note() + " ")
                            + "(" + (a.user().isEmpty() ? "unknown" : a.user()) + ", " + a.time() + ")").orElse("")))
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static String buildText(Point point) {
        return point.build() + (point.commit().isEmpty() ? "" : " (" + point.commit() + ")");
    }

    private void checkTable(StringBuilder html, String id, List<CheckResult> results) {
        html.append("<table class=\"checks\" id=\"").append(id).append("\">\n<colgroup><col class=\"c-verdict\">")
                .append("<col class=\"c-series\"><col class=\"c-check\"><col class=\"c-value\"><col class=\"c-baseline\">")
                .append("<col class=\"c-change\"><col class=\"c-tolerance\"><col class=\"c-commit\"></colgroup>\n")
                .append("<thead><tr><th>Verdict</th><th>Series</th><th>Check</th><th class=\"number\">Value</th><th>Baseline</th>")
                .append("<th class=\"number\">Change</th><th class=\"number\">Tolerance</th><th>Commit</th></tr></thead>\n<tbody>\n");
        for (CheckResult result : results) {
            String verdict = result.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-');
            String unit = result.unit().isEmpty() ? "" : " " + result.unit();
            String check = result.kind().name().toLowerCase(Locale.ROOT);
            html.append("<tr class=\"verdict-").append(verdict).append("\" data-verdict=\"").append(result.verdict().name())
                    .append("\" data-flagged=\"").append(result.isFlagged()).append("\" data-series=\"")
                    .append(escape(result.key().id())).append("\" data-check=\"").append(check).append("\">");
            html.append("<td><span class=\"badge\">").append(verdictText(result.verdict()));
            if (result.isFlagged()) {
                html.append(' ').append(result.level().name());
            }
            html.append("</span></td><td>");
            int chart = chartOf(result);
            String name = escape(result.key().dataset()) + " &middot; " + escape(TrendLine.labelOf(result.key(), result.unit()));
            if (chart >= 0) {
                html.append("<a href=\"#chart-").append(chart).append("\">").append(name).append("</a>");
            } else {
                html.append(name);
            }
            html.append("</td><td class=\"check\">").append(check)
                    .append("</td><td class=\"number\">").append(escape(Numbers.format(result.value()) + unit))
                    .append("</td><td>").append(result.baseline() == null ? "" : escape(baselineText(result, unit)))
                    .append("</td><td class=\"number\">")
                    .append(result.changePercent() == null ? "" : escape(Numbers.percent(result.changePercent())))
                    .append("</td><td class=\"number\">")
                    .append(result.tolerance() == null ? "" : escape(String.format(Locale.ROOT, "%.1f%%", result.tolerance())))
                    .append("</td><td class=\"commit\"><code>").append(escape(result.point().commit())).append("</code></td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** The Check column says {@code bounds}; its baseline need not say it again. */
    private static String baselineText(CheckResult result, String unit) {
        String text = result.baseline().describe(unit);
        return result.kind() == CheckKind.BOUNDS && text.startsWith("bounds ") ? "allowed " + text.substring(7) : text;
    }

    private static String verdictText(Verdict verdict) {
        return verdict.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The chart that draws a checked series: its dataset's chart of its unit. */
    private int chartOf(CheckResult result) {
        int first = -1;
        for (int i = 0; i < charts.size(); i++) {
            TrendChart chart = charts.get(i);
            if (chart.id().equals(result.key().dataset())) {
                if (first < 0) {
                    first = i;
                }
                if (chart.units().contains(result.unit())) {
                    return i;
                }
            }
        }
        return first;
    }

    private void datasetSection(StringBuilder html, Writer out, int index, List<Integer> members) throws IOException {
        TrendChart head = charts.get(members.get(0));
        int lines = 0;
        int shown = 0;
        int source = 0;
        int marked = 0;
        for (int i : members) {
            TrendChart chart = charts.get(i);
            lines += chart.lines().size();
            marked += chart.markCount();
            for (TrendLine line : chart.lines()) {
                shown += line.size();
                source += line.sourcePoints();
            }
        }
        html.append("<section class=\"dataset\" id=\"dataset-").append(index).append("\">\n<h2>")
                .append(escape(head.datasetName())).append(" <small>").append(escape(head.id())).append("</small></h2>\n");
        if (!head.description().isEmpty()) {
            html.append("<p class=\"description\">").append(escape(head.description())).append("</p>\n");
        }
        html.append("<p class=\"meta\">").append(lines).append(" series, ").append(source).append(" points");
        if (shown < source) {
            html.append(", ").append(shown).append(" drawn (down-sampled; every marked point and each stretch's lowest and highest value kept)");
        }
        if (marked > 0) {
            html.append(", ").append(marked).append(" marked");
        }
        if (members.size() > 1) {
            html.append(" &middot; one chart per unit");
        }
        html.append("</p>\n");
        for (int i : members) {
            chart(html, out, i, charts.get(i), members.size() > 1);
        }
        html.append("</section>\n");
    }

    /** Writes what {@code html} holds, then the chart with its data, into {@code out}; {@code html} is emptied. */
    private static void chart(StringBuilder html, Writer out, int index, TrendChart chart, boolean headed) throws IOException {
        html.append("<figure class=\"trend\" id=\"chart-").append(index).append("\">\n");
        if (headed) {
            html.append("<figcaption>").append(escape(chart.title())).append("</figcaption>\n");
        }
        html.append("<div class=\"chart\" data-source=\"chart-data-").append(index).append("\" data-series=\"")
                .append(chart.lines().size()).append("\" data-points=\"").append(chart.pointCount()).append("\"></div>\n")
                .append("<script type=\"application/json\" id=\"chart-data-").append(index).append("\">");
        // The report names each chart in its own heading: no title inside the chart.
        TrendChart untitled = new TrendChart(chart.id(), chart.title(), chart.description(), chart.xAxis(), chart.units(),
                chart.lines(), chart.datasetName(), false);
        out.append(html);
        html.setLength(0);
        ChartJson.write(untitled, new FilterWriter(out) {
            @Override
            public void close() throws IOException {
                // The chart's generator closes what it writes to; the page goes on.
                flush();
            }
        });
        html.append("</script>\n</figure>\n");
    }
}
