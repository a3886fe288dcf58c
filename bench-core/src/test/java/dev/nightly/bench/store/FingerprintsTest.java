package dev.nightly.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightly.bench.model.SeriesKey;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fingerprints are on disk (each dataset's index): a store written by an earlier version must keep
 * recognising its rows, so their bits must never change.
 */
class FingerprintsTest {
    @Test
    void fingerprintsKeepTheBitsOfStoresWrittenBefore() {
        // Values computed with the first released version of this class.
        assertThat(Fingerprints.of(SeriesKey.of("mail_query", "queryTime", Map.of("rows", "5000")),
                LocalDateTime.parse("2018-07-28T03:04:12.345"), "a81b0e4f2")).isEqualTo(0x256b79f4c003b9f6L);
        assertThat(Fingerprints.of(SeriesKey.of("buffer_creation", "ops", Map.of()), LocalDateTime.parse("2026-01-01T03:00"), ""))
                .isEqualTo(0xb00f70306ab17e01L);
    }

    @Test
    void theIngestsWayOfMakingThemGivesTheSameBits() {
        SeriesKey key = SeriesKey.of("mail_query", "queryTime", Map.of("rows", "5000"));
        LocalDateTime time = LocalDateTime.parse("2018-07-28T03:04:12.345");

        assertThat(Fingerprints.of(Fingerprints.seriesPart(key), time.toString(), "a81b0e4f2"))
                .isEqualTo(Fingerprints.of(key, time, "a81b0e4f2"));
    }
}
