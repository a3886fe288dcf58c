package dev.nightly.bench.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightly.bench.json.JsonFields;
import dev.nightly.bench.json.JsonInput;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.DatasetInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The dataset definitions of a HAWD project: a folder with one JSON file per dataset, named by the
 * dataset id and without extension ({@code hawd_defs/} in Sink). Files with an extension (a README) and
 * hidden files are not definitions and are passed over.
 */
public final class Definitions {
    private static final Set<String> DEFINITION_KEYS = Set.of("name", "description", "columns");
    private static final Set<String> COLUMN_KEYS = Set.of("name", "type", "unit", "min", "max");

    private final Map<String, DatasetDefinition> byId;

    private Definitions(Map<String, DatasetDefinition> byId) {
        this.byId = Map.copyOf(byId);
    }

    public static Definitions none() {
        return new Definitions(Map.of());
    }

    public static Definitions of(Collection<DatasetDefinition> definitions) {
        Map<String, DatasetDefinition> byId = new TreeMap<>();
        definitions.forEach(d -> byId.put(d.id(), d));
        return new Definitions(byId);
    }

    /** Reads every definition in {@code folder}; a malformed one is refused with its file and key. */
    public static Definitions read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder + ": " + (Files.exists(folder) ? "is not a folder" : "no such folder")
                    + " (expected a folder of HAWD definitions)");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(Definitions::isDefinitionFile).sorted().toList();
        }
        catch (IOException e) {
            throw JsonInput.unreadable(folder, e);
        }
        List<DatasetDefinition> definitions = new ArrayList<>();
        for (Path file : files) {
            definitions.add(readDefinition(file));
        }
        return of(definitions);
    }

    private static boolean isDefinitionFile(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith(".") && !name.contains(".") && Files.isRegularFile(file);
    }

    /** Reads one definition file; its name is the dataset id. */
    public static DatasetDefinition readDefinition(Path file) {
        String source = file.toString();
        JsonNode root = JsonInput.readTree(file, "a HAWD dataset definition (JSON)");
        JsonFields fields = JsonFields.of(source, "", root).allowOnly(DEFINITION_KEYS);
        List<ColumnDefinition> columns = new ArrayList<>();
        JsonNode columnsNode = fields.get("columns");
        // Before 2015 HAWD wrote columns as an object keyed by name; HAWD itself reads that form as no
        // columns, and so do we: the results' own units still make the series.
        if (columnsNode != null && columnsNode.isArray()) {
            for (int i = 0; i < columnsNode.size(); i++) {
                columns.add(readColumn(source, "columns[" + i + "]", columnsNode.get(i)));
            }
        }
        else if (columnsNode != null && !columnsNode.isObject() && !columnsNode.isNull()) {
            throw fields.error("columns", "must be an array of columns, found " + JsonFields.shape(columnsNode));
        }
        String id = file.getFileName().toString();
        return new DatasetDefinition(id, fields.string("name", id), fields.string("description", ""), columns);
    }

    private static ColumnDefinition readColumn(String source, String path, JsonNode node) {
        JsonFields fields = JsonFields.of(source, path, node).allowOnly(COLUMN_KEYS);
        return new ColumnDefinition(fields.requiredString("name"),
                ColumnType.parse(fields.string("type", null)),
                fields.string("unit", ""),
                fields.integer("min", 0),
                fields.integer("max", 0));
    }

    public Optional<DatasetDefinition> get(String datasetId) {
        return Optional.ofNullable(byId.get(datasetId));
    }

    public Collection<DatasetDefinition> all() {
        return byId.values();
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }

    /** Dataset information (names, bounds) for every definition. */
    public Map<String, DatasetInfo> infos() {
        Map<String, DatasetInfo> infos = new TreeMap<>();
        byId.forEach((id, definition) -> infos.put(id, definition.info()));
        return infos;
    }
}
