package dev.nightly.bench.hawd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The reader checks numbers, commits and timestamps by hand for speed; these must decide exactly as the
 * regular expressions and the ISO formatter they stand in for.
 */
class HawdJsonReaderFastPathsTest {
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{4,64}");

    @Test
    void numbersAsTheJsonGrammarSays() {
        List<String> samples = new ArrayList<>(List.of("0", "-0", "7", "5000", "-12.5", "0.25", "1e3", "1E+3", "2.5e-7",
                "", "-", "01", "1.", ".5", "1e", "1e+", "+1", "1.2.3", "0x10", "NaN", "Infinity", "12a", "1 000",
                "١٢٣", "00", "-01", "1.e5", "9".repeat(40)));
        samples.addAll(random("0123456789-+.eE x", 20_000, 7));
        for (String text : samples) {
            assertThat(HawdJsonReader.isNumber(text)).as("\"%s\"", text).isEqualTo(NUMBER.matcher(text).matches());
        }
    }

    @Test
    void commitsAsHexOfFourToSixtyFourDigits() {
        List<String> samples = new ArrayList<>(List.of("abc", "abcd", "1a2b3c4d5", "ABCDEF01", "g123", "12 34",
                "a".repeat(64), "a".repeat(65), ""));
        samples.addAll(random("0123456789abcdefABCDEFgG-", 20_000, 70));
        for (String text : samples) {
            assertThat(HawdJsonReader.isCommit(text)).as("\"%s\"", text).isEqualTo(COMMIT.matcher(text).matches());
        }
    }

    @Test
    void hawdTimestampsAsTheIsoFormatterReadsThem() {
        List<String> samples = new ArrayList<>(List.of("2018-07-28T03:04:12.345", "2018-07-28T03:04:12.000",
                "2016-02-29T23:59:59.999", "2018-02-29T03:04:12.345", "2018-13-01T03:04:12.345",
                "2018-07-28T24:00:00.000", "2018-07-28T23:59:60.000", "2018-07-28 03:04:12.345",
                "2018-07-28T03:04:12,345", "0000-01-01T00:00:00.000", "2018-07-28T03:04:1a.345"));
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            char[] text = "2018-07-28T03:04:12.345".toCharArray();
            text[random.nextInt(text.length)] = "0123456789:-T.x".charAt(random.nextInt(15));
            samples.add(new String(text));
        }
        for (String text : samples) {
            LocalDateTime fast = HawdJsonReader.hawdTimestamp(text);
            LocalDateTime slow;
            try {
                slow = LocalDateTime.from(DateTimeFormatter.ISO_DATE_TIME.parse(text));
            }
            catch (DateTimeParseException e) {
                slow = null;
            }
            if (fast != null) {
                assertThat(fast).as("\"%s\"", text).isEqualTo(slow);
            }
            else if (slow != null) {
                // Only forms other than HAWD's own may take the formatter's way.
                assertThat(text).matches(s -> s.length() != 23 || !s.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}"));
            }
        }
    }

    @Test
    void hawdTimestampsOfEveryDayOfFourCenturiesAsLocalDateTimeHasThem() {
        DateTimeFormatter hawd = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");
        LocalDateTime time = LocalDateTime.of(1800, 1, 1, 23, 59, 58, 999_000_000);
        while (time.getYear() < 2200) {
            String text = hawd.format(time);
            assertThat(HawdJsonReader.hawdTimestamp(text)).as(text).isEqualTo(time);
            time = time.plusDays(1).plusSeconds(3_599).withNano((time.getNano() + 7_000_000) % 1_000_000_000);
            time = time.withHour(time.getDayOfYear() % 24);
        }
        assertThat(HawdJsonReader.hawdTimestamp("0000-02-29T00:00:00.000")).isEqualTo(LocalDateTime.of(0, 2, 29, 0, 0));
        assertThat(HawdJsonReader.hawdTimestamp("9999-12-31T23:59:59.999")).isEqualTo(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000));
        assertThat(HawdJsonReader.hawdTimestamp("1900-02-29T00:00:00.000")).isNull();
    }

    @Test
    void numbersReadFromTheirCharactersAsDoubleParseDoubleReadsThem() {
        List<String> samples = new ArrayList<>(List.of("0", "-0", "7", "999999999999999", "9999999999999999", "12345678901234567890",
                "0.1", "-2.5e-3", "1E308", "1e309", "4.9e-324", "2.2250738585072012e-308", "3.141592653589793238462643383279"));
        Random random = new Random(13);
        for (int i = 0; i < 20_000; i++) {
            samples.add(switch (i % 4) {
                case 0 -> Long.toString(random.nextLong() >>> random.nextInt(64));
                case 1 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
                case 2 -> String.format(java.util.Locale.ROOT, "%." + random.nextInt(18) + "f", random.nextDouble() * 1e6);
                default -> Double.toString(Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL));
            });
        }
        for (String text : samples) {
            char[] padded = ("[" + text + "]").toCharArray();
            assertThat(HawdJsonReader.parseNumber(padded, 1, text.length())).as(text).isEqualTo(Double.parseDouble(text));
        }
    }

    private static List<String> random(String alphabet, int count, int maxLength) {
        Random random = new Random(count + maxLength);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(maxLength + 1);
            for (int k = 0; k < length; k++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            out.add(text.toString());
        }
        return out;
    }
}
