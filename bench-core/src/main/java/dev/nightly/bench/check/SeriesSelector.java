package dev.nightly.bench.check;

import dev.nightly.bench.model.SeriesKey;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which series a rule applies to: glob patterns ({@code *}, {@code ?}) for dataset, measure and the values
 * of named parameters. A series matches when all given patterns match; a named parameter must exist.
 *
 * @param dataset    pattern for the dataset id, {@code *} for all
 * @param measure    pattern for the measured column, {@code *} for all
 * @param parameters parameter name to a pattern for its value
 */
public record SeriesSelector(String dataset, String measure, Map<String, String> parameters)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public static final SeriesSelector ALL = new SeriesSelector("*", "*", Map.of());

    public SeriesSelector {
        dataset = dataset == null || dataset.isBlank() ? "*" : dataset;
        measure = measure == null || measure.isBlank() ? "*" : measure;
        parameters = Map.copyOf(new TreeMap<>(parameters == null ? Map.of() : parameters));
    }

    public boolean matches(SeriesKey key) {
        if (!glob(dataset, key.dataset()) || !glob(measure, key.measure())) {
            return false;
        }
        for (Map.Entry<String, String> wanted : parameters.entrySet()) {
            String value = key.parameters().get(wanted.getKey());
            if (value == null || !glob(wanted.getValue(), value)) {
                return false;
            }
        }
        return true;
    }

    static boolean glob(String pattern, String text) {
        if ("*".equals(pattern)) {
            return true;
        }
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.matches(regex.toString(), text);
    }

    @Override
    public String toString() {
        String text = dataset + "/" + measure;
        return parameters.isEmpty() ? text : text + parameters;
    }
}
