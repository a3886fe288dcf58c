package dev.nightly.bench.model;

import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What makes a series: a dataset, one measured column of it and the values of its parameter columns
 * (HAWD's sweeps over {@code rows} or {@code numBuffers} give one series per parameter value).
 *
 * @param dataset    the dataset id, e.g. {@code mail_query}
 * @param measure    the measured column, e.g. {@code time}
 * @param parameters parameter column name to value, sorted by name
 */
public record SeriesKey(String dataset, String measure, SortedMap<String, String> parameters)
        implements Comparable<SeriesKey>, java.io.Serializable {
    private static final Comparator<SeriesKey> ORDER = Comparator.comparing(SeriesKey::dataset)
            .thenComparing(SeriesKey::measure)
            .thenComparing(SeriesKey::parameterText);

    public SeriesKey {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(measure, "measure");
        parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
    }

    public static SeriesKey of(String dataset, String measure) {
        return new SeriesKey(dataset, measure, new TreeMap<>());
    }

    public static SeriesKey of(String dataset, String measure, Map<String, String> parameters) {
        return new SeriesKey(dataset, measure, new TreeMap<>(parameters));
    }

    /** {@code rows=5000,user=1}, or the empty string without parameters. */
    public String parameterText() {
        StringBuilder text = new StringBuilder();
        parameters.forEach((name, value) -> {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(name).append('=').append(value);
        });
        return text.toString();
    }

    /** A readable id that is unique per series: {@code mail_query/time{rows=5000}}. */
    public String id() {
        return parameters.isEmpty() ? dataset + '/' + measure : dataset + '/' + measure + '{' + parameterText() + '}';
    }

    @Override
    public int compareTo(SeriesKey other) {
        return ORDER.compare(this, other);
    }

    /**
     * The record's own equality, written out: the generated one is bootstrapped through method handles on its
     * first call, which the class data archive does not keep, and every command that reads a history meets it.
     */
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof SeriesKey key && dataset.equals(key.dataset) && measure.equals(key.measure)
                && parameters.equals(key.parameters);
    }

    /** The generated record hash (31 times the hash so far plus each component's, in order): the same values as before. */
    @Override
    public int hashCode() {
        return (31 * dataset.hashCode() + measure.hashCode()) * 31 + parameters.hashCode();
    }

    @Override
    public String toString() {
        return id();
    }
}
