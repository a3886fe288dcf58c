package dev.nightly.bench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nightly.bench.TestFiles;
import dev.nightly.bench.ingest.ResultsReader;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Point;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link StoreRepair} mends what {@link StoreVerifier} finds, keeps every readable point and puts the rest aside. */
class StoreRepairTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @TempDir
    Path outside;

    private HistoryStore storeWithThreeNights() {
        HistoryStore store = HistoryStore.open(dir);
        for (long build = 1; build <= 3; build++) {
            store.ingest(build, SyntheticResults.of(build, 4, 3), "", null);
        }
        return store;
    }

    @Test
    void aSoundStoreIsLeftAsItIs() throws Exception {
        storeWithThreeNights();
        String manifest = manifestText();

        RepairReport report = StoreRepair.repair(dir);

        assertThat(report.actions()).isEmpty();
        assertThat(report.damaged()).isNull();
        assertThat(manifestText()).isEqualTo(manifest);
    }

    @Test
    void theDecisionsAboutChangePointsStayThroughARepair() throws Exception {
        storeWithThreeNights();
        String decisions = "{\"series\":\"d/m\",\"build\":2,\"status\":\"EXPECTED\"}\n";
        Files.writeString(dir.resolve(HistoryStore.ACKNOWLEDGEMENTS_FILE), decisions);
        Files.writeString(dir.resolve("stray.txt"), "not the store's");

        RepairReport report = StoreRepair.repair(dir);

        assertThat(dir.resolve(HistoryStore.ACKNOWLEDGEMENTS_FILE)).hasContent(decisions);
        assertThat(report.damaged().resolve("stray.txt")).exists();
        assertThat(report.damaged().resolve(HistoryStore.ACKNOWLEDGEMENTS_FILE)).doesNotExist();
        assertThat(StoreVerifier.verify(dir).problems()).isEmpty();
    }

    @Test
    void aCutSeriesKeepsItsWholeLinesAndTheStoreTakesNewNightsAgain() throws Exception {
        HistoryStore store = storeWithThreeNights();
        String file = firstSeriesFile();
        Path path = dir.resolve(file);
        byte[] original = Files.readAllBytes(path);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 5);
        }
        assertThat(StoreVerifier.verify(dir).problems()).isNotEmpty();

        RepairReport report = StoreRepair.repair(dir);

        assertThat(report.actions()).anySatisfy(action -> assertThat(action).contains(file, "shorter"));
        assertThat(StoreVerifier.verify(dir).problems()).isEmpty();
        assertThat(store.snapshot().series()).extracting(SeriesInfo::count).containsExactlyInAnyOrder(8, 9, 9, 9);
        assertThat(Files.readAllBytes(report.damaged().resolve(file))).isEqualTo(Arrays.copyOf(original, original.length - 5));
        assertThat(Files.readString(report.damaged().resolve("REPORT.txt"))).contains(file + ": copied before mending");

        store.ingest(4, SyntheticResults.of(4, 4, 3), "", null);
        assertThat(store.verify()).isEmpty();
        assertThat(store.snapshot().series()).extracting(SeriesInfo::count).containsExactlyInAnyOrder(11, 12, 12, 12);
    }

    @Test
    void aZeroedIndexIsMadeAnewAndOldRowsAreRecognisedAgain() throws Exception {
        HistoryStore store = HistoryStore.open(dir);
        for (int night = 1; night <= 2; night++) {
            store.ingest(night, night(night), "", null);
        }
        Path index = dir.resolve(JSON.readTree(manifestText()).get("indexes").get(0).get("file").asText());
        Files.write(index, new byte[(int) Files.size(index)]);

        RepairReport report = StoreRepair.repair(dir);

        assertThat(report.actions()).anySatisfy(action -> assertThat(action).contains("index of dataset mail_query", "damaged"));
        assertThat(StoreVerifier.verify(dir).problems()).isEmpty();
        IngestSummary third = store.ingest(3, night(3), "", null);
        assertThat(third.newPoints()).isEqualTo(4);
        assertThat(third.knownPoints()).isEqualTo(8);
    }

    @Test
    void aLinkAtASeriesPathIsMovedAsideAndWhatItPointsToIsNotTouched() throws Exception {
        storeWithThreeNights();
        String file = firstSeriesFile();
        Path victim = outside.resolve("someone-elses.txt");
        byte[] content = "not the store's\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(victim, content);
        Files.delete(dir.resolve(file));
        Files.createSymbolicLink(dir.resolve(file), victim);

        RepairReport report = StoreRepair.repair(dir);

        assertThat(Files.readAllBytes(victim)).isEqualTo(content);
        assertThat(Files.isSymbolicLink(report.damaged().resolve(file))).isTrue();
        assertThat(dir.resolve(file)).doesNotExist();
        assertThat(report.actions()).anySatisfy(action -> assertThat(action).contains(file, "symbolic link", "dropped"));
        assertThat(StoreVerifier.verify(dir).problems()).isEmpty();
        assertThat(HistoryStore.open(dir).snapshot().series()).hasSize(3);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aFifoAtASeriesPathIsMovedAside() throws Exception {
        storeWithThreeNights();
        String file = firstSeriesFile();
        Files.delete(dir.resolve(file));
        StoreDamageTest.mkfifo(dir.resolve(file));

        RepairReport report = StoreRepair.repair(dir);

        assertThat(report.actions()).anySatisfy(action -> assertThat(action).contains(file, "FIFO"));
        assertThat(Files.readString(report.damaged().resolve("REPORT.txt"))).contains(file + ": moved: a special file (FIFO");
        assertThat(StoreVerifier.verify(dir).problems()).isEmpty();
    }

    @Test
    void anEditedValueIsReportedKeptAndCopied() throws Exception {
        HistoryStore store = storeWithThreeNights();
        String file = firstSeriesFile();
        List<String> lines = Files.readAllLines(dir.resolve(file));
        lines.set(4, lines.get(4).replace("\t101.0", "\t701.0"));
        Files.write(dir.resolve(file), lines);

        RepairReport report = StoreRepair.repair(dir);

        assertThat(report.actions()).anySatisfy(action -> assertThat(action).contains(file, "lines 4-6 did not match their checksum"));
        assertThat(StoreVerifier.verify(dir).problems()).isEmpty();
        assertThat(store.snapshot().series()).extracting(SeriesInfo::count).containsOnly(9);
        assertThat(report.damaged().resolve(file)).exists();
    }

    @Test
    void aLostManifestIsMadeAnewFromTheChecksumHeaders() throws Exception {
        HistoryStore store = storeWithThreeNights();
        List<List<Point>> before = store.snapshot().series().stream().map(info -> store.snapshot().read(info.key()).points()).toList();
        Files.delete(dir.resolve("nightly-history.json"));

        RepairReport report = StoreRepair.repair(dir);

        assertThat(report.actions()).anySatisfy(action -> assertThat(action).contains("made anew", "4 series"));
        HistorySnapshot after = HistoryStore.open(dir).snapshot();
        assertThat(after.series().stream().map(info -> after.read(info.key()).points()).toList()).isEqualTo(before);
        assertThat(after.series()).extracting(SeriesInfo::unit).containsOnly("ms");
        assertThat(StoreVerifier.verify(dir).problems()).isEmpty();
    }

    @Test
    void aWrongCountAndAForeignFileAreMendedAndALaterRepairReplacesTheDamagedFolder() throws Exception {
        storeWithThreeNights();
        ObjectNode root = (ObjectNode) JSON.readTree(manifestText());
        ((ObjectNode) root.get("series").get(0)).put("count", 2);
        Files.writeString(dir.resolve("nightly-history.json"), JSON.writeValueAsString(root));
        Files.writeString(dir.resolve("series/notes.txt"), "mine");

        RepairReport first = StoreRepair.repair(dir);

        assertThat(first.actions()).anySatisfy(action -> assertThat(action).contains("the manifest recorded 2"));
        assertThat(first.damaged().resolve("series/notes.txt")).hasContent("mine");
        assertThat(StoreVerifier.verify(dir).problems()).isEmpty();

        Files.writeString(dir.resolve("stray.txt"), "also mine");
        RepairReport second = StoreRepair.repair(dir);

        assertThat(second.damaged().resolve("stray.txt")).hasContent("also mine");
        assertThat(second.damaged().resolve("series/notes.txt")).doesNotExist();
        try (Stream<Path> all = Files.walk(second.damaged())) {
            assertThat(all.filter(Files::isRegularFile).map(p -> second.damaged().relativize(p).toString()).toList())
                    .containsExactlyInAnyOrder("stray.txt", "REPORT.txt");
        }
    }

    @Test
    void aStoreWrittenBeforeChecksumsGetsThem() throws Exception {
        HistoryStore store = storeWithThreeNights();
        ObjectNode root = (ObjectNode) JSON.readTree(manifestText());
        root.put("version", 1);
        root.get("series").forEach(node -> ((ObjectNode) node).remove("sums"));
        root.get("indexes").forEach(node -> ((ObjectNode) node).remove("sums"));
        Files.writeString(dir.resolve("nightly-history.json"), JSON.writeValueAsString(root));
        for (String sub : List.of("series", "index")) {
            try (Stream<Path> files = Files.list(dir.resolve(sub))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".sum")).toList()) {
                    Files.delete(file);
                }
            }
        }
        assertThat(StoreVerifier.verify(dir).notes()).isNotEmpty();

        StoreRepair.repair(dir);

        StoreVerification after = StoreVerifier.verify(dir);
        assertThat(after.problems()).isEmpty();
        assertThat(after.notes()).isEmpty();
        assertThat(store.snapshot().series()).extracting(SeriesInfo::count).containsOnly(9);
    }

    @Test
    void aDirectoryThatIsNoStoreIsRefusedAndLeftAlone() throws Exception {
        Files.writeString(dir.resolve("thesis.tex"), "\\documentclass{article}");

        assertThatThrownBy(() -> StoreRepair.repair(dir)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a history store");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("thesis.tex");
        }
    }

    private static BenchmarkResults night(int night) {
        return ResultsReader.create().withDefinitions(TestFiles.hawdDefinitions()).read(List.of(TestFiles.hawdNight(night)));
    }

    private String firstSeriesFile() throws IOException {
        String first = null;
        for (JsonNode node : JSON.readTree(manifestText()).get("series")) {
            String file = node.get("file").asText();
            first = first == null || file.compareTo(first) < 0 ? file : first;
        }
        return first;
    }

    private String manifestText() throws IOException {
        return Files.readString(dir.resolve("nightly-history.json"));
    }
}
