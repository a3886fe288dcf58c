package dev.nightly.bench.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.SeriesKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckSettingsTest {
    @TempDir
    Path dir;

    @Test
    void theLastMatchingRuleOfAKindWins() {
        CheckSettings settings = CheckSettings.parse("""
                {"checks": [{"tolerance": 10},
                            {"series": {"dataset": "mail_query", "parameters": {"rows": "5000"}}, "tolerance": 3}]}
                """);

        assertThat(settings.ruleFor(SeriesKey.of("mail_query", "t", Map.of("rows", "5000")), CheckKind.REGRESSION))
                .get().extracting(CheckRule::tolerance).isEqualTo(3.0);
        assertThat(settings.ruleFor(SeriesKey.of("mail_query", "t", Map.of("rows", "1000")), CheckKind.REGRESSION))
                .get().extracting(CheckRule::tolerance).isEqualTo(10.0);
        assertThat(settings.ruleFor(SeriesKey.of("mail_query", "t"), CheckKind.BOUNDS)).contains(CheckRule.defaultBounds());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"checks\": [{\"tolerence\": 5}]}|\"checks[0].tolerence\" unknown key",
            "{\"checks\": [{\"kind\": \"speed\"}]}|\"checks[0].kind\" must be one of bounds, regression, change, missing, found \"speed\"",
            "{\"checks\": [{\"tolerance\": \"5%\"}]}|\"checks[0].tolerance\" must be a number",
            "{\"checks\": [{\"tolerance\": -1}]}|\"checks[0].tolerance\" must be a percentage",
            "{\"checks\": [{\"baseline\": \"build\"}]}|\"checks[0].build\" is required",
            "{\"checks\": [{\"window\": 0}]}|\"checks[0].window\" must be between 1 and 1000",
            "{\"checks\": [{\"direction\": \"up\"}]}|\"checks[0].direction\" must be lower, higher or auto",
            "{\"checks\": [{\"level\": \"WARNING\"}]}|\"checks[0].level\" must be one of unstable, failure",
            "{\"checks\": {}}|\"checks\" must be an array",
            "{\"checks\": [{\"series\": {\"dataset\": \"a\", \"params\": {}}}]}|\"checks[0].series.params\" unknown key"})
    void badSettingsAreRefusedWithThePathOfTheValue(String json, String expected) throws Exception {
        Path file = Files.writeString(dir.resolve("checks.json"), json);

        assertThatThrownBy(() -> CheckSettings.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining(expected);
    }
}
