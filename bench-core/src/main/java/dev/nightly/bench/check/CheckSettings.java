package dev.nightly.bench.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightly.bench.changes.Directions;
import dev.nightly.bench.json.JsonFields;
import dev.nightly.bench.json.JsonInput;
import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.SeriesKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The checks to run: the user's rules, and whether the built-in ones (noise-aware regression, HAWD bounds)
 * apply where no rule of the same kind matches a series. Of several matching rules of one kind the last
 * one wins, so a file reads from general to specific.
 *
 * <p>JSON form (the CLI's {@code --checks FILE}; README documents it):
 * <pre>{@code
 * {"defaults": true,
 *  "checks": [{"series": {"dataset": "mail_*", "measure": "time", "parameters": {"rows": "5000"}},
 *              "kind": "regression", "baseline": "median", "window": 5, "tolerance": 10,
 *              "direction": "lower", "level": "failure"}]}
 * }</pre>
 *
 * @param useDefaults whether the built-in checks apply to series no rule of their kind matches
 * @param rules    the user's rules, general to specific
 */
public record CheckSettings(boolean useDefaults, List<CheckRule> rules) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final Set<String> TOP_KEYS = Set.of("defaults", "checks");
    private static final Set<String> RULE_KEYS = Set.of("series", "kind", "baseline", "window", "build", "tolerance",
            "direction", "level", "enabled", "keepFailing");
    private static final Set<String> SERIES_KEYS = Set.of("dataset", "measure", "parameters");

    public CheckSettings {
        rules = List.copyOf(rules);
    }

    /** The built-in checks only. */
    public static CheckSettings defaults() {
        return new CheckSettings(true, List.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The rule of {@code kind} that applies to {@code key}, if any. */
    public Optional<CheckRule> ruleFor(SeriesKey key, CheckKind kind) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            CheckRule rule = rules.get(i);
            if (rule.kind() == kind && rule.series().matches(key)) {
                return rule.enabled() ? Optional.of(rule) : Optional.empty();
            }
        }
        if (!useDefaults) {
            return Optional.empty();
        }
        return Optional.of(switch (kind) {
            case BOUNDS -> CheckRule.defaultBounds();
            case REGRESSION -> CheckRule.defaultRegression();
            case CHANGE -> CheckRule.defaultChange();
            case MISSING -> CheckRule.defaultMissing();
        });
    }

    /**
     * Which way each series gets better: the {@code direction} of the rule of its change check or else of
     * its regression check, and otherwise its unit's.
     */
    public Directions directions() {
        return (key, unit) -> ruleFor(key, CheckKind.CHANGE).map(CheckRule::direction)
                .or(() -> ruleFor(key, CheckKind.REGRESSION).map(CheckRule::direction))
                .orElseGet(() -> Direction.fromUnit(unit));
    }

    public static CheckSettings read(Path file) {
        return fromJson(JsonInput.readTree(file, "check settings (JSON)"), file.toString());
    }

    public static CheckSettings parse(String json) {
        return fromJson(JsonInput.readTree(json, "check settings"), "check settings");
    }

    private static CheckSettings fromJson(JsonNode root, String source) {
        JsonFields fields = JsonFields.of(source, "", root).allowOnly(TOP_KEYS);
        Boolean defaults = fields.bool("defaults");
        List<CheckRule> rules = new ArrayList<>();
        JsonNode checks = fields.get("checks");
        if (checks != null && !checks.isNull()) {
            if (!checks.isArray()) {
                throw fields.error("checks", "must be an array of checks, found " + JsonFields.shape(checks));
            }
            for (int i = 0; i < checks.size(); i++) {
                rules.add(rule(source, "checks[" + i + "]", checks.get(i)));
            }
        }
        return new CheckSettings(defaults == null || defaults, rules);
    }

    private static CheckRule rule(String source, String path, JsonNode node) {
        JsonFields fields = JsonFields.of(source, path, node).allowOnly(RULE_KEYS);
        SeriesSelector selector = SeriesSelector.ALL;
        if (fields.has("series")) {
            JsonFields series = JsonFields.of(source, fields.path("series"), fields.get("series")).allowOnly(SERIES_KEYS);
            Map<String, String> parameters = new TreeMap<>();
            if (series.has("parameters")) {
                JsonFields.of(source, series.path("parameters"), series.get("parameters"));
                series.get("parameters").fields().forEachRemaining(p -> {
                    if (!p.getValue().isValueNode() || p.getValue().isNull()) {
                        throw series.error(series.path("parameters") + "." + p.getKey(), "must be a string or number pattern");
                    }
                    parameters.put(p.getKey(), p.getValue().asText());
                });
            }
            selector = new SeriesSelector(series.string("dataset", "*"), series.string("measure", "*"), parameters);
        }
        CheckKind kind = choice(fields, "kind", CheckKind.class, CheckKind.REGRESSION);
        BaselineKind baseline = choice(fields, "baseline", BaselineKind.class, BaselineKind.AUTO);
        long window = fields.integer("window", CheckRule.DEFAULT_WINDOW);
        if (window < 1 || window > 1000) {
            throw fields.error(fields.path("window"), "must be between 1 and 1000, found " + window);
        }
        Long build = fields.has("build") ? fields.integer("build", 0) : null;
        if (baseline == BaselineKind.BUILD && build == null) {
            throw fields.error(fields.path("build"), "is required with \"baseline\": \"build\"");
        }
        Double tolerance = fields.number("tolerance");
        if (tolerance != null && (tolerance < 0 || tolerance.isInfinite())) {
            throw fields.error(fields.path("tolerance"), "must be a percentage of 0 or more, found " + tolerance);
        }
        String direction = fields.string("direction", "auto").strip().toLowerCase(Locale.ROOT);
        Direction chosen = switch (direction) {
            case "auto" -> null;
            case "lower", "lower-is-better", "lower_is_better" -> Direction.LOWER_IS_BETTER;
            case "higher", "higher-is-better", "higher_is_better" -> Direction.HIGHER_IS_BETTER;
            default -> throw fields.error(fields.path("direction"), "must be lower, higher or auto, found \"" + direction + "\"");
        };
        Level level = choice(fields, "level", Level.class, Level.UNSTABLE);
        Boolean enabled = fields.bool("enabled");
        Boolean keepFailing = fields.bool("keepFailing");
        return new CheckRule(selector, kind, baseline, (int) window, build, tolerance, chosen, level, enabled == null || enabled,
                keepFailing != null && keepFailing);
    }

    private static <E extends Enum<E>> E choice(JsonFields fields, String key, Class<E> type, E fallback) {
        String text = fields.string(key, null);
        if (text == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                names.add(constant.name().toLowerCase(Locale.ROOT));
            }
            throw fields.error(fields.path(key), "must be one of " + String.join(", ", names) + ", found \"" + text + "\"");
        }
    }

    /** Fluent construction, for the Jenkins step's parameters. */
    public static final class Builder {
        private boolean defaults = true;
        private final List<CheckRule> rules = new ArrayList<>();

        public Builder defaults(boolean useDefaults) {
            this.defaults = useDefaults;
            return this;
        }

        public Builder rule(CheckRule rule) {
            rules.add(rule);
            return this;
        }

        public Builder rules(List<CheckRule> more) {
            rules.addAll(more);
            return this;
        }

        public CheckSettings build() {
            return new CheckSettings(defaults, rules);
        }
    }
}
