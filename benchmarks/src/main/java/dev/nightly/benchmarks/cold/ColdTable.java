package dev.nightly.benchmarks.cold;

import dev.nightly.benchmarks.HawdHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The suite's figures as the README's table: each command next to what it is held against, and the verdict. */
record ColdTable(Map<String, Timing> timings, ColdRuns.Inputs inputs, ColdRuns.Options options, String loadBefore,
        String loadAfter, String when) {

    String markdown() {
        List<String[]> rows = new ArrayList<>();
        String data = String.format(Locale.ROOT, "%,d nights x %d series, %.0f MB of `hawd json` in %d files", options.nights(),
                HawdHistory.seriesCount(), inputs.exportBytes() / 1e6, inputs.exports().size());
        rows.add(plain("Floor: JVM start + bare Jackson pass over the exports (" + data + ")", "floor"));
        rows.add(plain("`nightly --version`", "version"));
        rows.add(compared("`bench ingest` of the whole backfill into an empty store", "backfill", "floor", ColdRuns.READ_RATIO_TARGET));
        rows.add(compared("`bench export` of that store", "export", "floor", ColdRuns.READ_RATIO_TARGET));
        rows.add(compared("`bench report` of that store", "report", "floor", ColdRuns.READ_RATIO_TARGET));
        rows.add(compared("`bench ingest` of one night into that store", "nightFull", "nightEmpty", ColdRuns.NIGHT_RATIO_TARGET));
        rows.add(compared("`bench ingest` of one night into that store", "nightFull", "version", ColdRuns.NIGHT_RATIO_TARGET));
        rows.add(plain("`bench ingest` of one night into an empty store", "nightEmpty"));

        StringBuilder out = new StringBuilder();
        out.append("| Command, cold (a new process each run) | Median wall time | Against | Ratio | Target | |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (String[] row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        out.append('\n').append(String.format(Locale.ROOT,
                "%s UTC, %d measured runs per command after one unmeasured, %s; load average %s before, %s after.%n", when,
                options.runs(), options.nightly() != null ? "through the `nightly` launcher" : "`java -jar` without the launcher",
                loadBefore, loadAfter));
        return out.toString();
    }

    private String[] plain(String what, String name) {
        return new String[] {what, timings.get(name).describe(), "", "", "", ""};
    }

    private String[] compared(String what, String name, String against, double target) {
        double ratio = timings.get(name).median() / timings.get(against).median();
        return new String[] {what, timings.get(name).describe(), label(against), String.format(Locale.ROOT, "%.2fx", ratio),
                String.format(Locale.ROOT, "≤ %.1fx", target), ratio <= target ? "PASS" : "MISS"};
    }

    private static String label(String name) {
        return switch (name) {
            case "floor" -> "floor";
            case "version" -> "`nightly --version`";
            case "nightEmpty" -> "one night into an empty store";
            default -> name;
        };
    }
}
