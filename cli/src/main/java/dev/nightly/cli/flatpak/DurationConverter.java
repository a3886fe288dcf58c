package dev.nightly.cli.flatpak;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Ages as people write them: {@code 30d}, {@code 12h}, {@code 90m}, {@code 2w}, or ISO-8601 ({@code P30D}, {@code PT12H}). */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([smhdw])");

    @Override
    public Duration convert(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
        }
        try {
            if (text.contains("t")) {
                return Duration.parse(value.strip());
            }
            // calendar periods: a month counts as 30 days, a year as 365
            Period period = Period.parse(value.strip());
            return Duration.ofDays(period.getYears() * 365L + period.getMonths() * 30L + period.getDays());
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not an age like 30d, 12h, 90m, 2w or P30D");
        }
    }
}
