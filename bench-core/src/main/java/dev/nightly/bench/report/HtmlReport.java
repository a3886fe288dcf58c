package dev.nightly.bench.report;

import static dev.nightly.bench.report.Html.escape;

import dev.nightly.bench.chart.ChartJson;
import dev.nightly.bench.chart.TrendChart;
import dev.nightly.bench.chart.TrendLine;
import dev.nightly.bench.check.CheckReport;
import dev.nightly.bench.check.CheckResult;
import dev.nightly.bench.model.Numbers;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A self-contained HTML report: {@code index.html} with the chart options embedded, plus
 * {@code assets/} with ECharts, a small script and a style sheet. It opens from {@code file://} without
 * network. Every text from input files is escaped; chart options are JSON that cannot end their script
 * element (see {@link ChartJson}).
 *
 * @param title     the page title
 * @param generated when the report was made
 * @param charts    one chart per dataset, in page order
 * @param checks    the checks of the latest build; its results fill the table, flagged first
 */
public record HtmlReport(String title, LocalDateTime generated, List<TrendChart> charts, CheckReport checks) {
    static final String ASSETS = "assets";
    private static final String[] OWN_ASSETS = {"report.js", "report.css"};
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    public HtmlReport {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(generated, "generated");
        charts = List.copyOf(charts);
        Objects.requireNonNull(checks, "checks");
    }

    /**
     * Writes {@code index.html} and {@code assets/} into {@code dir}, creating it if needed. Every file is
     * written aside first and moved into place, {@code index.html} last, so that a failure leaves the
     * previous report or nothing, never a half-written page.
     */
    public void writeTo(Path dir) {
        try {
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
                Files.writeString(staging.resolve("index.html"), html(), StandardCharsets.UTF_8);

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
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"Nightly\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<link rel=\"stylesheet\" href=\"assets/report.css\">\n</head>\n<body>\n");
        html.append("<header>\n<h1>").append(escape(title)).append("</h1>\n<p class=\"meta\">")
                .append("Latest build ").append(checks.build()).append(" &middot; ")
                .append(charts.size()).append(charts.size() == 1 ? " dataset" : " datasets").append(" &middot; generated ")
                .append(escape(WHEN.format(generated))).append("</p>\n")
                .append("<p id=\"summary\" class=\"summary").append(checks.flagged().isEmpty() ? "" : " flagged").append("\">")
                .append(escape(checks.summary())).append("</p>\n");
        if (!charts.isEmpty()) {
            html.append("<nav><ul>\n");
            for (int i = 0; i < charts.size(); i++) {
                html.append("<li><a href=\"#dataset-").append(i).append("\">").append(escape(charts.get(i).title()))
                        .append("</a></li>\n");
            }
            html.append("</ul></nav>\n");
        }
        html.append("</header>\n<main>\n");
        latestTable(html);
        for (int i = 0; i < charts.size(); i++) {
            chartSection(html, i, charts.get(i));
        }
        if (charts.isEmpty()) {
            html.append("<p class=\"empty\">The history holds no benchmark results yet.</p>\n");
        }
        html.append("</main>\n<footer>Made by Nightly from the benchmark history; charts by Apache ECharts ")
                .append(escape(EChartsAsset.version())).append(".</footer>\n")
                .append("<script src=\"assets/echarts.min.js\"></script>\n")
                .append("<script src=\"assets/report.js\"></script>\n</body>\n</html>\n");
        return html.toString();
    }

    private void latestTable(StringBuilder html) {
        Map<String, Integer> chartOf = new HashMap<>();
        for (int i = 0; i < charts.size(); i++) {
            chartOf.put(charts.get(i).id(), i);
        }
        html.append("<section class=\"latest\">\n<h2>Build ").append(checks.build()).append("</h2>\n");
        if (checks.results().isEmpty()) {
            html.append("<p class=\"empty\">No checks ran for this build.</p>\n</section>\n");
            return;
        }
        html.append("<table id=\"latest\">\n<thead><tr><th>Verdict</th><th>Series</th><th>Value</th><th>Baseline</th>")
                .append("<th>Change</th><th>Tolerance</th><th>Commit</th></tr></thead>\n<tbody>\n");
        for (CheckResult result : checks.results()) {
            String verdict = result.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-');
            String unit = result.unit().isEmpty() ? "" : " " + result.unit();
            html.append("<tr class=\"verdict-").append(verdict).append("\" data-verdict=\"").append(result.verdict().name())
                    .append("\" data-flagged=\"").append(result.isFlagged()).append("\" data-series=\"")
                    .append(escape(result.key().id())).append("\">");
            html.append("<td><span class=\"badge\">").append(verdict.replace('-', ' '));
            if (result.isFlagged()) {
                html.append(' ').append(result.level().name());
            }
            html.append("</span></td><td>");
            Integer chart = chartOf.get(result.key().dataset());
            String name = escape(result.key().dataset()) + " &middot; " + escape(TrendLine.labelOf(result.key(), result.unit()));
            if (chart != null) {
                html.append("<a href=\"#dataset-").append(chart).append("\">").append(name).append("</a>");
            } else {
                html.append(name);
            }
            html.append("</td><td class=\"number\">").append(escape(Numbers.format(result.value()) + unit))
                    .append("</td><td>").append(result.baseline() == null ? "" : escape(result.baseline().describe(unit)))
                    .append("</td><td class=\"number\">")
                    .append(result.changePercent() == null ? "" : escape(Numbers.percent(result.changePercent())))
                    .append("</td><td class=\"number\">")
                    .append(result.tolerance() == null ? "" : escape(String.format(Locale.ROOT, "%.1f%%", result.tolerance())))
                    .append("</td><td><code>").append(escape(result.point().commit())).append("</code></td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static void chartSection(StringBuilder html, int index, TrendChart chart) {
        int shown = 0;
        int source = 0;
        for (TrendLine line : chart.lines()) {
            shown += line.size();
            source += line.sourcePoints();
        }
        html.append("<section class=\"dataset\" id=\"dataset-").append(index).append("\">\n<h2>")
                .append(escape(chart.title())).append(" <small>").append(escape(chart.id())).append("</small></h2>\n");
        if (!chart.description().isEmpty()) {
            html.append("<p class=\"description\">").append(escape(chart.description())).append("</p>\n");
        }
        html.append("<p class=\"meta\">").append(chart.lines().size()).append(chart.lines().size() == 1 ? " series, " : " series, ")
                .append(source).append(" points");
        if (shown < source) {
            html.append(", ").append(shown).append(" drawn (down-sampled; every marked point and each stretch's lowest and highest value kept)");
        }
        if (chart.markCount() > 0) {
            html.append(", ").append(chart.markCount()).append(" marked");
        }
        html.append("</p>\n<div class=\"chart\" data-source=\"chart-data-").append(index).append("\" data-series=\"")
                .append(chart.lines().size()).append("\"></div>\n")
                .append("<script type=\"application/json\" id=\"chart-data-").append(index).append("\">");
        StringWriter json = new StringWriter(chart.pointCount() * 48 + 4096);
        ChartJson.write(chart, json);
        html.append(json).append("</script>\n</section>\n");
    }
}
