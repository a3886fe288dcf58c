package dev.nightly.bench.check;

import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.Numbers;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.SeriesKey;
import java.util.Comparator;

/**
 * The outcome of one check of one series in one build.
 *
 * @param key           the series
 * @param unit          its unit, possibly empty
 * @param kind          which check
 * @param point         the value that was checked
 * @param baseline      what it was compared with: a value and how it was chosen; for bounds the bound
 * @param changePercent change from the baseline in percent (signed as the numbers move), or {@code null}
 * @param tolerance     the allowed worsening in percent that was applied, or {@code null} for bounds
 * @param direction     which way the series gets better, or {@code null} when unknown ({@link Verdict#NOT_JUDGED})
 * @param verdict       the conclusion
 * @param level         what a flag does to the build
 */
public record CheckResult(SeriesKey key, String unit, CheckKind kind, Point point, Baseline baseline,
                          Double changePercent, Double tolerance, Direction direction, Verdict verdict, Level level)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Flagged first (failures before unstable), then regressions by size, then improvements, then the rest. */
    public static final Comparator<CheckResult> WORST_FIRST = Comparator
            .comparing((CheckResult r) -> !r.isFlagged())
            .thenComparing(r -> r.isFlagged() ? -r.level().ordinal() : 0)
            .thenComparing(CheckResult::verdict)
            .thenComparing(r -> -Math.abs(r.changePercent() == null ? 0 : r.changePercent()))
            .thenComparing(CheckResult::key);

    public boolean isFlagged() {
        return verdict.isFlagged();
    }

    public double value() {
        return point.value();
    }

    /** One line for logs and the CLI: verdict, level, series, value, baseline, change. */
    public String describe() {
        StringBuilder line = new StringBuilder();
        line.append(verdict);
        if (isFlagged()) {
            line.append(' ').append(level);
        }
        if (verdict == Verdict.MISSING) {
            return line.append(' ').append(key.id()).append(": ").append(baseline.description()).append(", last ")
                    .append(Numbers.format(point.value())).append(unitSuffix()).append(" in build ").append(point.build())
                    .append(point.commit().isEmpty() ? "" : " (commit " + point.commit() + ")").toString();
        }
        line.append(' ').append(key.id()).append(": ").append(Numbers.format(point.value())).append(unitSuffix());
        if (baseline != null) {
            line.append(kind == CheckKind.BOUNDS ? " allowed " : " vs ").append(baseline.describe(unitSuffix()));
        }
        if (changePercent != null) {
            line.append(", ").append(Numbers.percent(changePercent));
        }
        if (tolerance != null) {
            line.append(" (tolerance ").append(String.format(java.util.Locale.ROOT, "%.1f%%", tolerance)).append(')');
        }
        if (verdict == Verdict.NOT_JUDGED) {
            line.append(" (not judged: its unit does not say which way is better; a \"direction\" in the checks does)");
        }
        line.append(" [build ").append(point.build());
        if (!point.commit().isEmpty()) {
            line.append(", commit ").append(point.commit());
        }
        return line.append(']').toString();
    }

    private String unitSuffix() {
        return unit.isEmpty() ? "" : " " + unit;
    }
}
