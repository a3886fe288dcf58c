package dev.nightly.bench.store;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A local time (no zone, as HAWD records it) as milliseconds since 1970-01-01T00:00, taken apart and written
 * without a {@code LocalDateTime}: an ingest writes and fingerprints a time per value, millions of them.
 * Years 0000 to 9999 only, as series files hold them.
 */
final class LocalMillis {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private LocalMillis() {
    }

    /** {@code time} (years 0000 to 9999) in milliseconds since 1970-01-01T00:00, truncated to the millisecond. */
    static long of(LocalDateTime time) {
        return time.toEpochSecond(ZoneOffset.UTC) * 1000 + time.getNano() / 1_000_000;
    }

    /** The date of {@code millis}, packed as {@code year << 9 | month << 5 | day} (taken apart without a division). */
    static int date(long millis) {
        // One division of a long (the C1 compiler of a short run calls out for each); the rest fits an int for
        // years 0000 to 9999.
        int days = days(millis);
        // Days since 1970 to a civil date (the proleptic Gregorian calendar of LocalDate), counting in eras of 400
        // years that start on March 1st, so that the leap day is the last day of an era's year.
        int shifted = days + 719_468;
        int era = Math.floorDiv(shifted, 146_097);
        int dayOfEra = shifted - era * 146_097;
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int monthFromMarch = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1;
        int month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
        int year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return year << 9 | month << 5 | day;
    }

    static int year(int date) {
        return date >>> 9;
    }

    static int month(int date) {
        return date >>> 5 & 15;
    }

    static int day(int date) {
        return date & 31;
    }

    /** Milliseconds since midnight. */
    static int ofDay(long millis) {
        return (int) (millis - days(millis) * MILLIS_PER_DAY);
    }

    /**
     * {@code Math.floorDiv(millis, MILLIS_PER_DAY)} by a division of doubles (C1 divides a long through a call):
     * exact for years 0000 to 9999, whose milliseconds are exact doubles and whose quotients lie at least
     * 1/86,400,000 from the next whole number, far more than the division's rounding.
     */
    private static int days(long millis) {
        return (int) Math.floor(millis / (double) MILLIS_PER_DAY);
    }

    /**
     * Writes the time as {@code LocalDateTime.toString()} does for a time with at most milliseconds (the form
     * fingerprints are made of: seconds only when not zero, milliseconds only when not zero) into
     * {@code chars}; returns the number of chars written (16 to 23).
     */
    static int isoText(long millis, char[] chars) {
        int date = date(millis);
        int ofDay = ofDay(millis);
        int at = digits(chars, 0, year(date), 4);
        chars[at++] = '-';
        at = digits(chars, at, month(date), 2);
        chars[at++] = '-';
        at = digits(chars, at, day(date), 2);
        chars[at++] = 'T';
        int seconds = Digits.thousandth(ofDay);
        int minutes = Digits.sixtieth(seconds);
        int hours = Digits.sixtieth(minutes);
        at = digits(chars, at, hours, 2);
        chars[at++] = ':';
        at = digits(chars, at, minutes - hours * 60, 2);
        int second = seconds - minutes * 60;
        int milli = ofDay - seconds * 1000;
        if (second > 0 || milli > 0) {
            chars[at++] = ':';
            at = digits(chars, at, second, 2);
            if (milli > 0) {
                chars[at++] = '.';
                at = digits(chars, at, milli, 3);
            }
        }
        return at;
    }

    private static int digits(char[] chars, int at, int value, int width) {
        Digits.write(chars, at, value, width);
        return at + width;
    }
}
