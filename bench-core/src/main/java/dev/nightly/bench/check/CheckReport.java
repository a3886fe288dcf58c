package dev.nightly.bench.check;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every check of one build, worst first.
 *
 * @param build    the build that was checked
 * @param results  one result per series and check, ordered by {@link CheckResult#WORST_FIRST}
 * @param warnings what is wrong with the build as a whole (series that are nearly all new), one line each;
 *                 a warning makes the build UNSTABLE
 */
public record CheckReport(long build, List<CheckResult> results, List<String> warnings) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public CheckReport {
        results = results.stream().sorted(CheckResult.WORST_FIRST).toList();
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public CheckReport(long build, List<CheckResult> results) {
        this(build, results, List.of());
    }

    public List<CheckResult> flagged() {
        return results.stream().filter(CheckResult::isFlagged).toList();
    }

    /** The worst level among flagged results and warnings (UNSTABLE); empty when nothing is flagged. */
    public Optional<Level> worstLevel() {
        Optional<Level> worst = flagged().stream().map(CheckResult::level).reduce(Level::worse);
        return warnings.isEmpty() ? worst : Optional.of(worst.map(level -> Level.worse(level, Level.UNSTABLE)).orElse(Level.UNSTABLE));
    }

    public Map<Verdict, Long> countByVerdict() {
        Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
        for (CheckResult result : results) {
            counts.merge(result.verdict(), 1L, Long::sum);
        }
        return counts;
    }

    /** {@code build 42: 12 checks, 2 flagged (1 FAILURE, 1 UNSTABLE): 1 out of bounds, 1 regressed, 1 improved, 9 ok}. */
    public String summary() {
        List<CheckResult> flagged = flagged();
        long failures = flagged.stream().filter(r -> r.level() == Level.FAILURE).count();
        StringBuilder text = new StringBuilder()
                .append("build ").append(build).append(": ")
                .append(results.size()).append(results.size() == 1 ? " check, " : " checks, ")
                .append(flagged.size()).append(" flagged");
        if (!flagged.isEmpty()) {
            text.append(" (").append(failures).append(" FAILURE, ").append(flagged.size() - failures).append(" UNSTABLE)");
        }
        Map<Verdict, Long> counts = countByVerdict();
        String separator = ": ";
        for (Verdict verdict : Verdict.values()) {
            Long count = counts.get(verdict);
            if (count != null) {
                text.append(separator).append(count).append(' ')
                        .append(verdict.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                separator = ", ";
            }
        }
        if (!warnings.isEmpty()) {
            text.append("; ").append(warnings.size()).append(warnings.size() == 1 ? " warning" : " warnings");
        }
        return text.toString();
    }
}
