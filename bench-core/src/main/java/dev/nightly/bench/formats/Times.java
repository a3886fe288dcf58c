package dev.nightly.bench.formats;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Run times written by other tools. History points carry local time without zone, as HAWD records it and as
 * the ingest's own clock gives it, so a time with an offset is turned into the same instant in the ingest's
 * zone; a time without offset is read in the zone its tool writes (Google Benchmark: local time of the
 * machine, pytest-benchmark: UTC).
 */
public final class Times {
    private static final List<DateTimeFormatter> LOCAL_FORMS = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"),
            // Google Benchmark before 1.5 wrote "2016/08/03-17:44:46".
            DateTimeFormatter.ofPattern("yyyy/MM/dd-HH:mm:ss"));

    private Times() {
    }

    /**
     * Reads {@code text}; a time with offset lands in {@code zone}, one without is taken to be in
     * {@code writtenIn} ({@code null}: as it is). Empty when the text is no time we know.
     */
    public static Optional<LocalDateTime> parse(String text, ZoneId zone, ZoneId writtenIn) {
        String trimmed = text.strip();
        try {
            return Optional.of(OffsetDateTime.parse(trimmed, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .atZoneSameInstant(zone).toLocalDateTime());
        }
        catch (DateTimeParseException e) {
            // not with offset; try the local forms
        }
        for (DateTimeFormatter form : LOCAL_FORMS) {
            try {
                LocalDateTime local = LocalDateTime.parse(trimmed, form);
                return Optional.of(writtenIn == null ? local : local.atZone(writtenIn).withZoneSameInstant(zone).toLocalDateTime());
            }
            catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    public static final ZoneId UTC = ZoneOffset.UTC;
}
