package dev.nightly.bench.model;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * Observations kept in columns: an immutable list whose elements are made on each {@link #get}. A history
 * of ten thousand nights is two million observations; as objects (each with its key, time and commit)
 * they cost more to keep and to collect than to read, while as columns they are a few primitive arrays.
 *
 * <p>Values share their row (time and commit) with the other values of the same row of the file, and
 * their series (key and unit) with the other values of the same series: each is stored once. The columns
 * are cut into segments of a bounded length, so that growing never copies a long column and joining
 * lists ({@link #concat}) copies nothing.
 *
 * <pre>{@code
 * Observations.Builder builder = Observations.builder();
 * int time = builder.series(SeriesKey.of("mail_query", "time"), "ms");
 * builder.row(LocalDateTime.parse("2018-07-28T03:04:12"), "a81b0e4f2").value(time, 12.0);
 * List<Observation> observations = builder.build();
 * }</pre>
 */
public final class Observations extends AbstractList<Observation> implements RandomAccess, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** The time of a row that has none (outside the range of {@link LocalDateTime}). */
    private static final long NO_TIME = Long.MIN_VALUE;
    private static final long MIN_SECOND = LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC);
    private static final long MAX_SECOND = LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC);
    /** Values per segment: large enough for few segments, small enough to be cheap to copy while growing. */
    private static final int SEGMENT = 1 << 16;
    private static final Observations EMPTY = new Observations(new Segment[0]);

    private final Segment[] segments;
    /** The index of the first value of each segment, and the size after the last. */
    private final transient int[] starts;

    private Observations(Segment[] segments) {
        this.segments = segments;
        this.starts = starts(segments);
    }

    private static int[] starts(Segment[] segments) {
        int[] starts = new int[segments.length + 1];
        long total = 0;
        for (int i = 0; i < segments.length; i++) {
            starts[i] = (int) total;
            total += segments[i].size;
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("more than " + Integer.MAX_VALUE + " observations");
            }
        }
        starts[segments.length] = (int) total;
        return starts;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static Observations empty() {
        return EMPTY;
    }

    /** {@code observations} as columns; the same list when it is already. */
    public static Observations copyOf(List<Observation> observations) {
        if (observations instanceof Observations columns) {
            return columns;
        }
        return builder().addAll(observations).build();
    }

    /** All of {@code parts}, one after the other; the columns of parts that are already columns are shared. */
    public static Observations concat(List<? extends List<Observation>> parts) {
        List<Segment> all = new ArrayList<>();
        for (List<Observation> part : parts) {
            all.addAll(Arrays.asList(copyOf(part).segments));
        }
        return new Observations(all.toArray(Segment[]::new));
    }

    @Override
    public Observation get(int index) {
        Objects.checkIndex(index, size());
        int segment = Arrays.binarySearch(starts, 0, segments.length, index);
        if (segment < 0) {
            segment = -segment - 2;
        }
        else {
            // Empty segments share their start with the next one.
            while (segments[segment].size == 0) {
                segment++;
            }
        }
        return segments[segment].get(index - starts[segment]);
    }

    @Override
    public int size() {
        return starts[segments.length];
    }

    /** In order, segment by segment, without searching for each element's segment. */
    @Override
    public Iterator<Observation> iterator() {
        return new Iterator<>() {
            private int segment;
            private int index;
            /** The values of a row share its time: one object per row, not per value. */
            private Segment timeSegment;
            private int timeRow = -1;
            private LocalDateTime time;

            @Override
            public boolean hasNext() {
                while (segment < segments.length && index >= segments[segment].size) {
                    segment++;
                    index = 0;
                }
                return segment < segments.length;
            }

            @Override
            public Observation next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Segment current = segments[segment];
                int row = current.rowOf[index];
                if (current != timeSegment || row != timeRow) {
                    timeSegment = current;
                    timeRow = row;
                    time = current.time(row);
                }
                return current.get(index++, time);
            }
        };
    }

    /**
     * Gives every series key to {@code action}, at least once each (from the columns, without making an
     * {@link Observation} per value).
     */
    public void forEachKey(java.util.function.Consumer<SeriesKey> action) {
        for (Segment segment : segments) {
            for (SeriesKey key : segment.keys) {
                action.accept(key);
            }
        }
    }

    /**
     * What {@link #forEachColumn} gives: the columns as they are, without an {@link Observation} (and a time)
     * made per value. Series and rows are numbered per segment; a segment's numbers are valid until the next
     * {@link #segment} call.
     */
    public interface ColumnVisitor {
        /** A new segment starts; its series are {@code keys[n]} with {@code units[n]} (copies). */
        void segment(SeriesKey[] keys, String[] units);

        /**
         * The values that follow until the next call belong to this row: its time as
         * {@code toEpochSecond(ZoneOffset.UTC)} and nano of second, or {@code epochSecond == Long.MIN_VALUE}
         * when the file gave none, and its commit.
         */
        void row(long epochSecond, int nano, String commit);

        /** One value of series {@code series} of the current segment; {@code error} is {@code NaN} when unknown. */
        void value(int series, double value, double error);
    }

    /** The time of a row that has none, as {@link ColumnVisitor#row} gives it. */
    public static final long NO_TIME_SECOND = NO_TIME;

    /** Gives every value in order to {@code visitor}, with its row before it whenever the row changes. */
    public void forEachColumn(ColumnVisitor visitor) {
        for (Segment segment : segments) {
            if (segment.size == 0) {
                continue;
            }
            visitor.segment(segment.keys.clone(), segment.units.clone());
            int row = -1;
            for (int i = 0; i < segment.size; i++) {
                if (segment.rowOf[i] != row) {
                    row = segment.rowOf[i];
                    visitor.row(segment.seconds[row], segment.nanos[row], segment.commits[row]);
                }
                visitor.value(segment.seriesOf[i], segment.values[i], segment.errors == null ? Double.NaN : segment.errors[i]);
            }
        }
    }

    /**
     * This list cut into at most {@code parts} consecutive stretches of about the same size, whole segments each
     * (so nothing is copied), for work on several threads; joined in their order they are this list.
     */
    public List<Observations> split(int parts) {
        List<Observations> stretches = new ArrayList<>();
        long total = size();
        int from = 0;
        long done = 0;
        for (int part = 1; part <= parts && from < segments.length; part++) {
            long goal = total * part / parts;
            int to = from;
            while (to < segments.length && (done < goal || to == from || part == parts)) {
                done += segments[to++].size;
            }
            stretches.add(new Observations(Arrays.copyOfRange(segments, from, to)));
            from = to;
        }
        return stretches.isEmpty() ? List.of(this) : stretches;
    }

    /** How many values each series has (whatever their units). */
    public Map<SeriesKey, Integer> countsByKey() {
        Map<SeriesKey, Integer> counts = new HashMap<>();
        for (Segment segment : segments) {
            int[] perSeries = new int[segment.keys.length];
            for (int i = 0; i < segment.size; i++) {
                perSeries[segment.seriesOf[i]]++;
            }
            for (int series = 0; series < perSeries.length; series++) {
                if (perSeries[series] > 0) {
                    counts.merge(segment.keys[series], perSeries[series], Integer::sum);
                }
            }
        }
        return counts;
    }

    /** The first observation whose value is not a finite number or whose error is infinite, or null. */
    public Observation firstNonFinite() {
        for (int s = 0; s < segments.length; s++) {
            Segment segment = segments[s];
            for (int i = 0; i < segment.size; i++) {
                if (!Double.isFinite(segment.values[i]) || segment.errors != null && Double.isInfinite(segment.errors[i])) {
                    return segment.get(i);
                }
            }
        }
        return null;
    }

    private Object readResolve() throws InvalidObjectException {
        if (segments == null) {
            throw new InvalidObjectException("no segments");
        }
        for (Segment segment : segments) {
            if (segment == null) {
                throw new InvalidObjectException("a missing segment");
            }
        }
        try {
            return new Observations(segments.clone());
        }
        catch (IllegalArgumentException e) {
            throw new InvalidObjectException(e.getMessage());
        }
    }

    /** One stretch of the columns, with its own numbering of series and rows. */
    private static final class Segment implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        /** The series, by number: key and unit. */
        private final SeriesKey[] keys;
        private final String[] units;
        /** The rows, by number: time as UTC epoch second and nano of second (read as local time), commit. */
        private final long[] seconds;
        private final int[] nanos;
        private final String[] commits;
        /** Per value: its series, its row, the value and its error ({@code null} when every error is NaN). */
        private final int[] seriesOf;
        private final int[] rowOf;
        private final double[] values;
        private final double[] errors;
        private final int size;

        /** The builder's current columns, taken as they are when full, else copied to their length. */
        Segment(Builder builder) {
            keys = Arrays.copyOf(builder.keys, builder.seriesCount);
            units = Arrays.copyOf(builder.units, builder.seriesCount);
            seconds = builder.seconds.length == builder.rows ? builder.seconds : Arrays.copyOf(builder.seconds, builder.rows);
            nanos = builder.nanos.length == builder.rows ? builder.nanos : Arrays.copyOf(builder.nanos, builder.rows);
            commits = builder.commits.length == builder.rows ? builder.commits : Arrays.copyOf(builder.commits, builder.rows);
            seriesOf = builder.seriesOf.length == builder.size ? builder.seriesOf : Arrays.copyOf(builder.seriesOf, builder.size);
            rowOf = builder.rowOf.length == builder.size ? builder.rowOf : Arrays.copyOf(builder.rowOf, builder.size);
            values = builder.values.length == builder.size ? builder.values : Arrays.copyOf(builder.values, builder.size);
            errors = builder.errors == null || builder.errors.length == builder.size ? builder.errors
                    : Arrays.copyOf(builder.errors, builder.size);
            size = builder.size;
        }

        Observation get(int index) {
            return get(index, time(rowOf[index]));
        }

        LocalDateTime time(int row) {
            long second = seconds[row];
            return second == NO_TIME ? null : LocalDateTime.ofEpochSecond(second, nanos[row], ZoneOffset.UTC);
        }

        /** The observation at {@code index}, whose row's time is {@code time}. */
        Observation get(int index, LocalDateTime time) {
            int series = seriesOf[index];
            int row = rowOf[index];
            return new Observation(keys[series], units[series], time, commits[row], values[index],
                    errors == null ? Double.NaN : errors[index]);
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            int rows = seconds == null ? -1 : seconds.length;
            boolean consistent = keys != null && units != null && keys.length == units.length
                    && nanos != null && nanos.length == rows && commits != null && commits.length == rows
                    && seriesOf != null && seriesOf.length == size && rowOf != null && rowOf.length == size
                    && values != null && values.length == size && (errors == null || errors.length == size);
            if (!consistent) {
                throw new InvalidObjectException("observation columns of different lengths");
            }
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == null || units[i] == null) {
                    throw new InvalidObjectException("series " + i + " without key or unit");
                }
            }
            for (int i = 0; i < rows; i++) {
                boolean time = seconds[i] == NO_TIME || seconds[i] >= MIN_SECOND && seconds[i] <= MAX_SECOND;
                if (commits[i] == null || !time || nanos[i] < 0 || nanos[i] > 999_999_999) {
                    throw new InvalidObjectException("row " + i + " without commit or with a bad time");
                }
            }
            for (int i = 0; i < size; i++) {
                if (seriesOf[i] < 0 || seriesOf[i] >= keys.length || rowOf[i] < 0 || rowOf[i] >= rows) {
                    throw new InvalidObjectException("observation " + i + " refers to a missing series or row");
                }
            }
        }
    }

    /**
     * Gathers observations row by row: {@link #row} starts a row (a time and a commit), {@link #value}
     * adds a value of a series to it. A builder makes one list; it is empty again after {@link #build}.
     */
    public static final class Builder {
        private final List<Segment> done = new ArrayList<>();
        /** Series numbers are the builder's; each segment has its own copy of the series up to then. */
        private final Map<SeriesKey, Map<String, Integer>> seriesNumbers = new HashMap<>();
        private SeriesKey[] keys = new SeriesKey[16];
        private String[] units = new String[16];
        private int seriesCount;
        private long[] seconds = new long[16];
        private int[] nanos = new int[16];
        private String[] commits = new String[16];
        private int rows;
        private int[] seriesOf = new int[16];
        private int[] rowOf = new int[16];
        private double[] values = new double[16];
        private double[] errors;
        private int size;
        /** The series of the last {@link #add(Observation)}. */
        private SeriesKey lastKey;
        private String lastUnit;
        private int lastSeries = -1;

        private Builder() {
        }

        /** The number of the series {@code key} with {@code unit}, given on its first use and kept. */
        public int series(SeriesKey key, String unit) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(unit, "unit");
            Map<String, Integer> byUnit = seriesNumbers.computeIfAbsent(key, k -> new HashMap<>(2));
            Integer number = byUnit.get(unit);
            if (number != null) {
                return number;
            }
            if (seriesCount == keys.length) {
                keys = Arrays.copyOf(keys, seriesCount * 2);
                units = Arrays.copyOf(units, seriesCount * 2);
            }
            keys[seriesCount] = key;
            units[seriesCount] = unit;
            byUnit.put(unit, seriesCount);
            return seriesCount++;
        }

        /**
         * Starts a row: the values added next were measured at {@code time} ({@code null} when the file does
         * not say) on {@code commit} (empty when it does not say).
         */
        public Builder row(LocalDateTime time, String commit) {
            return row(time == null ? NO_TIME : time.toEpochSecond(ZoneOffset.UTC), time == null ? 0 : time.getNano(), commit);
        }

        /**
         * As {@link #row(LocalDateTime, String)}, with the time as {@code time.toEpochSecond(ZoneOffset.UTC)}
         * and {@code time.getNano()} give it: for readers that parse times without making objects.
         */
        public Builder row(long epochSecond, int nano, String commit) {
            Objects.requireNonNull(commit, "commit");
            if (nano < 0 || nano > 999_999_999 || epochSecond != NO_TIME && (epochSecond < MIN_SECOND || epochSecond > MAX_SECOND)) {
                throw new IllegalArgumentException("not a date and time: " + epochSecond + "s " + nano + "ns");
            }
            if (rows == seconds.length) {
                if (rows >= SEGMENT) {
                    seal();
                }
                else {
                    int capacity = grown(rows);
                    seconds = Arrays.copyOf(seconds, capacity);
                    nanos = Arrays.copyOf(nanos, capacity);
                    commits = Arrays.copyOf(commits, capacity);
                }
            }
            seconds[rows] = epochSecond;
            nanos[rows] = nano;
            commits[rows] = commit;
            rows++;
            return this;
        }

        /** Adds a value of series {@code series} (a number from {@link #series}) to the current row. */
        public Builder value(int series, double value) {
            if (rows == 0) {
                throw new IllegalStateException("a value needs a row first");
            }
            Objects.checkIndex(series, seriesCount);
            if (size == values.length) {
                grow();
            }
            seriesOf[size] = series;
            rowOf[size] = rows - 1;
            values[size] = value;
            if (errors != null) {
                errors[size] = Double.NaN;
            }
            size++;
            return this;
        }

        /** As {@link #value(int, double)}, with the value's uncertainty in its unit ({@code NaN} when unknown). */
        public Builder value(int series, double value, double error) {
            if (rows == 0) {
                throw new IllegalStateException("a value needs a row first");
            }
            Objects.checkIndex(series, seriesCount);
            if (size == values.length) {
                grow();
            }
            if (errors == null && !Double.isNaN(error)) {
                errors = new double[values.length];
                Arrays.fill(errors, 0, size, Double.NaN);
            }
            seriesOf[size] = series;
            rowOf[size] = rows - 1;
            values[size] = value;
            if (errors != null) {
                errors[size] = error;
            }
            size++;
            return this;
        }

        private void grow() {
            if (size >= SEGMENT) {
                // The current row goes on in the next segment.
                long second = seconds[rows - 1];
                int nano = nanos[rows - 1];
                String commit = commits[rows - 1];
                seal();
                seconds[0] = second;
                nanos[0] = nano;
                commits[0] = commit;
                rows = 1;
                return;
            }
            int capacity = grown(size);
            seriesOf = Arrays.copyOf(seriesOf, capacity);
            rowOf = Arrays.copyOf(rowOf, capacity);
            values = Arrays.copyOf(values, capacity);
            if (errors != null) {
                errors = Arrays.copyOf(errors, capacity);
            }
        }

        /**
         * The next capacity: eight times larger up to a full segment, so that a long history copies its first
         * segment a few times rather than a dozen (a small result stays small).
         */
        private static int grown(int length) {
            return Math.min(SEGMENT, length * 8);
        }

        /** Closes the current segment; the builder keeps its arrays unless the segment took them. */
        private void seal() {
            if (size > 0) {
                Segment segment = new Segment(this);
                done.add(segment);
                if (segment.values == values) {
                    seriesOf = new int[values.length];
                    rowOf = new int[values.length];
                    values = new double[values.length];
                }
                if (segment.seconds == seconds) {
                    seconds = new long[seconds.length];
                    nanos = new int[seconds.length];
                    commits = new String[seconds.length];
                }
            }
            rows = 0;
            size = 0;
            errors = null;
        }

        /** Adds one observation, in a row of its own unless it has the time and commit of the current row. */
        public Builder add(Observation observation) {
            LocalDateTime time = observation.time();
            long second = time == null ? NO_TIME : time.toEpochSecond(ZoneOffset.UTC);
            int nano = time == null ? 0 : time.getNano();
            if (rows == 0 || seconds[rows - 1] != second || nanos[rows - 1] != nano || !observation.commit().equals(commits[rows - 1])) {
                row(second, nano, observation.commit());
            }
            if (observation.key() != lastKey || !observation.unit().equals(lastUnit)) {
                lastSeries = series(observation.key(), observation.unit());
                lastKey = observation.key();
                lastUnit = observation.unit();
            }
            return value(lastSeries, observation.value(), observation.error());
        }

        /** Adds every observation of {@code observations}; the columns of {@link Observations} are shared. */
        public Builder addAll(List<Observation> observations) {
            if (observations instanceof Observations columns) {
                seal();
                done.addAll(Arrays.asList(columns.segments));
                return this;
            }
            observations.forEach(this::add);
            return this;
        }

        /** The observations added so far; the builder starts empty again. */
        public Observations build() {
            seal();
            Observations built = new Observations(done.toArray(Segment[]::new));
            done.clear();
            seriesNumbers.clear();
            seriesCount = 0;
            lastKey = null;
            lastUnit = null;
            lastSeries = -1;
            return built;
        }
    }
}
