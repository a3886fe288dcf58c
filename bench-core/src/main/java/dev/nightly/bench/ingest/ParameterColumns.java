package dev.nightly.bench.ingest;

import dev.nightly.bench.model.BadInputException;
import java.util.HashMap;
import java.util.Map;

/**
 * Which columns of a dataset are parameters (they split series, like HAWD's {@code rows} sweeps) and
 * which are measured values. By default a column with a unit is measured and one without is a
 * parameter; a user overrides that per column, for all datasets or for one.
 *
 * <p>Spec syntax, comma-separated: {@code rows} makes {@code rows} a parameter in every dataset,
 * {@code mail_query:rows} only in {@code mail_query}; a leading {@code !} makes the column measured
 * instead ({@code !count}, {@code mail_query:!count}).
 */
public final class ParameterColumns implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final String ANY_DATASET = "";

    /** dataset ("" for all) -> column -> whether it is a parameter. */
    private final Map<String, Map<String, Boolean>> overrides;

    private ParameterColumns(Map<String, Map<String, Boolean>> overrides) {
        this.overrides = overrides;
    }

    public static ParameterColumns byUnit() {
        return new ParameterColumns(Map.of());
    }

    public static ParameterColumns parse(String spec) {
        Map<String, Map<String, Boolean>> overrides = new HashMap<>();
        if (spec == null || spec.isBlank()) {
            return byUnit();
        }
        for (String raw : spec.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String dataset = ANY_DATASET;
            String column = entry;
            int colon = entry.indexOf(':');
            if (colon >= 0) {
                dataset = entry.substring(0, colon).strip();
                column = entry.substring(colon + 1).strip();
            }
            boolean parameter = true;
            if (column.startsWith("!")) {
                parameter = false;
                column = column.substring(1).strip();
            }
            if (column.isEmpty() || (colon >= 0 && dataset.isEmpty())) {
                throw new BadInputException("parameter columns \"" + spec + "\": entry \"" + entry
                        + "\" must be COLUMN, !COLUMN, DATASET:COLUMN or DATASET:!COLUMN");
            }
            overrides.computeIfAbsent(dataset, d -> new HashMap<>()).put(column, parameter);
        }
        return new ParameterColumns(overrides);
    }

    /**
     * Whether {@code column} of {@code dataset} is a parameter: the user's word for this dataset, else for
     * all datasets, else whether it has no unit.
     */
    public boolean isParameter(String dataset, String column, String unit) {
        Boolean choice = lookup(dataset, column);
        if (choice == null) {
            choice = lookup(ANY_DATASET, column);
        }
        return choice != null ? choice : unit == null || unit.isEmpty();
    }

    private Boolean lookup(String dataset, String column) {
        Map<String, Boolean> columns = overrides.get(dataset);
        return columns == null ? null : columns.get(column);
    }
}
