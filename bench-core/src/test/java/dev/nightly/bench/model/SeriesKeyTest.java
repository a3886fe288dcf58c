package dev.nightly.bench.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SeriesKeyTest {
    /** What SeriesKey was before it wrote its equality out: a plain record of the same components. */
    private record Generated(String dataset, String measure, SortedMap<String, String> parameters) {
    }

    @Test
    void hashesAsTheGeneratedRecordDid() {
        // Maps and sets keyed by series iterate in hash order: a different hash would reorder what is written.
        for (SeriesKey key : new SeriesKey[] {SeriesKey.of("mail_query", "time"), SeriesKey.of("mail_query", "time", Map.of("rows", "5000")),
                SeriesKey.of("storage", "writeRate", Map.of("size", "4096", "sync", "true")), SeriesKey.of("", "")}) {
            assertThat(key.hashCode()).isEqualTo(new Generated(key.dataset(), key.measure(), new TreeMap<>(key.parameters())).hashCode());
        }
    }

    @Test
    void equalWhenEveryComponentIs() {
        SeriesKey key = SeriesKey.of("mail_query", "time", Map.of("rows", "5000"));
        assertThat(key).isEqualTo(SeriesKey.of("mail_query", "time", new TreeMap<>(Map.of("rows", "5000"))))
                .isNotEqualTo(SeriesKey.of("mail_query", "time", Map.of("rows", "500")))
                .isNotEqualTo(SeriesKey.of("mail_query", "time"))
                .isNotEqualTo(SeriesKey.of("mail_query", "timeMs", Map.of("rows", "5000")))
                .isNotEqualTo(SeriesKey.of("mail_querx", "time", Map.of("rows", "5000")))
                .isNotEqualTo("mail_query/time{rows=5000}")
                .isNotEqualTo(null);
    }
}
