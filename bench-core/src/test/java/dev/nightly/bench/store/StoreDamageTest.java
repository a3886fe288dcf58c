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
import dev.nightly.bench.model.SeriesKey;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store whose files no longer say what its manifest says: writers refuse it before writing a byte (an
 * append would make the damage permanent), readers fail with one line, never hang, and never touch a file
 * outside the store.
 */
class StoreDamageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @TempDir
    Path outside;

    private static BenchmarkResults night(int night) {
        return ResultsReader.create().withDefinitions(TestFiles.hawdDefinitions()).read(List.of(TestFiles.hawdNight(night)));
    }

    private HistoryStore storeWithTwoNights() {
        HistoryStore store = HistoryStore.open(dir);
        store.ingest(1, SyntheticResults.of(1, 4, 3), "", null);
        store.ingest(2, SyntheticResults.of(2, 4, 3), "", null);
        return store;
    }

    @Test
    void aSeriesFileShorterThanCommittedIsRefusedAndNothingIsWritten() throws Exception {
        HistoryStore store = storeWithTwoNights();
        Path file = dir.resolve(firstSeries().get("file").asText());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 20);
        }
        String manifest = manifestText();
        long size = Files.size(file);

        assertRefusedNaming(() -> store.ingest(3, SyntheticResults.of(3, 4, 3), "", null), file, "shorter");
        assertThat(Files.size(file)).isEqualTo(size);
        assertThat(manifestText()).isEqualTo(manifest);
    }

    @Test
    void aMissingSeriesFileIsRefused() throws Exception {
        HistoryStore store = storeWithTwoNights();
        Path file = dir.resolve(firstSeries().get("file").asText());
        Files.delete(file);

        assertRefusedNaming(() -> store.ingest(3, SyntheticResults.of(3, 4, 3), "", null), file, "is missing");
        assertThat(file).doesNotExist();
    }

    @Test
    void aMissingSeriesFolderIsRefusedAndNotMadeAgain() throws Exception {
        HistoryStore store = storeWithTwoNights();
        try (Stream<Path> files = Files.list(dir.resolve("series"))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir.resolve("series"));

        assertRefusedNaming(() -> store.ingest(3, SyntheticResults.of(3, 4, 3), "", null), dir.resolve("series"), "is missing");
        assertThat(dir.resolve("series")).doesNotExist();
    }

    @Test
    void aWrongCountInTheManifestIsRefused() throws Exception {
        HistoryStore store = storeWithTwoNights();
        ObjectNode root = (ObjectNode) JSON.readTree(manifestText());
        ObjectNode series = (ObjectNode) root.get("series").get(0);
        series.put("count", series.get("count").asInt() + 1);
        Files.writeString(dir.resolve("nightly-history.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        Path file = dir.resolve(series.get("file").asText());
        long size = Files.size(file);

        assertRefusedNaming(() -> store.ingest(3, SyntheticResults.of(3, 4, 3), "", null), file, "the manifest records 7");
        assertThat(Files.size(file)).isEqualTo(size);
    }

    @Test
    void anEditedLastLineIsRefused() throws Exception {
        anEditedLastLineIsRefused(false, "do not match their checksum");
    }

    @Test
    void anEditedLastLineWithoutChecksumsIsRefused() throws Exception {
        anEditedLastLineIsRefused(true, "near its end");
    }

    private void anEditedLastLineIsRefused(boolean released, String what) throws Exception {
        HistoryStore store = storeWithTwoNights();
        if (released) {
            stripChecksums();
        }
        Path file = dir.resolve(firstSeries().get("file").asText());
        byte[] bytes = Files.readAllBytes(file);
        // the last value's digits become letters; the length stays what the manifest says
        bytes[bytes.length - 2] = 'x';
        Files.write(file, bytes);

        assertRefusedNaming(() -> store.ingest(3, SyntheticResults.of(3, 4, 3), "", null), file, what);
    }

    @Test
    void bytesPastTheCommittedLengthAreStillCutByTheNextWriter() throws Exception {
        HistoryStore store = storeWithTwoNights();
        Path file = dir.resolve(firstSeries().get("file").asText());
        Files.writeString(file, "99\t2030-01-01T00:00:00.000\t\t1.", StandardOpenOption.APPEND);

        store.ingest(3, SyntheticResults.of(3, 4, 3), "", null);

        assertThat(store.verify()).isEmpty();
        assertThat(store.snapshot().series()).allSatisfy(info -> assertThat(info.count()).isEqualTo(9));
    }

    @Test
    void aZeroedIndexIsRefusedInsteadOfStoringEveryRowAgain() throws Exception {
        aZeroedIndexIsRefused(false, "do not match their checksum");
    }

    @Test
    void aZeroedIndexWithoutChecksumsIsRefusedToo() throws Exception {
        aZeroedIndexIsRefused(true, "more than once");
    }

    private void aZeroedIndexIsRefused(boolean released, String what) throws Exception {
        HistoryStore store = HistoryStore.open(dir);
        store.ingest(1, night(1), "", null);
        store.ingest(2, night(2), "", null);
        if (released) {
            stripChecksums();
        }
        JsonNode index = JSON.readTree(manifestText()).get("indexes").get(0);
        Path file = dir.resolve(index.get("file").asText());
        Files.write(file, new byte[(int) Files.size(file)]);
        String manifest = manifestText();

        assertRefusedNaming(() -> store.ingest(3, night(3), "", null), file, what);
        assertThat(manifestText()).isEqualTo(manifest);
        assertThat(store.verify()).anySatisfy(problem -> assertThat(problem).contains(file.toString(), "repeated"));
    }

    @Test
    void aLinkAtASeriesPathIsNeverFollowed() throws Exception {
        HistoryStore store = storeWithTwoNights();
        Path file = dir.resolve(firstSeries().get("file").asText());
        Path victim = outside.resolve("someone-elses.txt");
        // longer than the committed length, so that a writer following the link would cut it
        byte[] content = "a file that is not the store's\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        Files.write(victim, content);
        Files.delete(file);
        Files.createSymbolicLink(file, victim);

        assertRefusedNaming(() -> store.ingest(3, SyntheticResults.of(3, 4, 3), "", null), file, "symbolic link");
        assertThatThrownBy(() -> store.snapshot().read(keyOf(firstSeries()))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("symbolic link");
        assertThat(store.verify()).anySatisfy(problem -> assertThat(problem).contains(file.toString(), "symbolic link"));
        assertThat(Files.readAllBytes(victim)).isEqualTo(content);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aFifoAtASeriesPathIsReportedAtOnce() throws Exception {
        HistoryStore store = storeWithTwoNights();
        Path file = dir.resolve(firstSeries().get("file").asText());
        Files.delete(file);
        mkfifo(file);

        assertThatThrownBy(() -> store.snapshot().read(keyOf(firstSeries()))).isInstanceOf(BadInputException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("FIFO");
        assertThatThrownBy(() -> store.snapshot().readColumns(keyOf(firstSeries()))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("FIFO");
        assertRefusedNaming(() -> store.ingest(3, SyntheticResults.of(3, 4, 3), "", null), file, "FIFO");
        assertThat(store.verify()).anySatisfy(problem -> assertThat(problem).contains(file.toString(), "FIFO"));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aFifoAsTheLockFileIsReportedAtOnce() throws Exception {
        HistoryStore store = storeWithTwoNights();
        Files.delete(dir.resolve(".lock"));
        mkfifo(dir.resolve(".lock"));

        assertThatThrownBy(() -> store.ingest(3, SyntheticResults.of(3, 4, 3), "", null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(dir.resolve(".lock").toString()).hasMessageContaining("FIFO");
    }

    @Test
    void anEditedValueIsFoundByItsChecksum() throws Exception {
        HistoryStore store = HistoryStore.open(dir);
        for (long build = 1; build <= 3; build++) {
            store.ingest(build, SyntheticResults.of(build, 1, 3), "", null);
        }
        Path file = dir.resolve(firstSeries().get("file").asText());
        List<String> lines = Files.readAllLines(file);
        // line 5 (the second of build 2): 101.0 becomes 701.0, still a valid line
        assertThat(lines.get(4)).endsWith("\t101.0");
        lines.set(4, lines.get(4).replace("\t101.0", "\t701.0"));
        Files.write(file, lines);

        // The checksum names the lines; the index, whose fingerprints hold values, misses the edited point too.
        assertThat(store.verify()).contains(file + ": lines 4-6: do not match their checksum: changed after they were written")
                .hasSize(2).anySatisfy(problem -> assertThat(problem).contains(".idx", "1 stored points", "missing from it"));
    }

    @Test
    void aStoreWrittenBeforeChecksumsReadsVerifiesAndTakesNewNights() throws Exception {
        HistoryStore store = storeWithTwoNights();
        stripChecksums();

        assertThat(store.snapshot().read(keyOf(firstSeries())).points()).hasSize(6);
        StoreVerification before = StoreVerifier.verify(dir);
        assertThat(before.problems()).isEmpty();
        assertThat(before.notes()).singleElement().asString().contains("no checksums");

        store.ingest(3, SyntheticResults.of(3, 4, 3), "", null);

        assertThat(store.verify()).isEmpty();
        assertThat(JSON.readTree(manifestText()).get("version").asInt()).isEqualTo(2);
        assertThat(store.snapshot().read(keyOf(firstSeries())).points()).hasSize(9);
    }

    /** Makes the store what the released version wrote: version 1, no checksum files. */
    private void stripChecksums() throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(manifestText());
        root.put("version", 1);
        root.get("series").forEach(node -> ((ObjectNode) node).remove("sums"));
        root.get("indexes").forEach(node -> ((ObjectNode) node).remove("sums"));
        Files.writeString(dir.resolve("nightly-history.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        for (String sub : List.of("series", "index")) {
            try (Stream<Path> files = Files.list(dir.resolve(sub))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".sum")).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    static void mkfifo(Path path) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(process.waitFor()).isZero();
    }

    private void assertRefusedNaming(Runnable write, Path file, String what) {
        assertThatThrownBy(write::run).isInstanceOf(BadInputException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(what)
                .hasMessageContaining("nightly bench repair --history " + dir);
    }

    private JsonNode firstSeries() throws IOException {
        JsonNode series = JSON.readTree(manifestText()).get("series");
        JsonNode first = series.get(0);
        for (JsonNode node : series) {
            if (node.get("file").asText().compareTo(first.get("file").asText()) < 0) {
                first = node;
            }
        }
        return first;
    }

    private static SeriesKey keyOf(JsonNode series) {
        java.util.Map<String, String> parameters = new java.util.TreeMap<>();
        series.get("parameters").fields().forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
        return SeriesKey.of(series.get("dataset").asText(), series.get("measure").asText(), parameters);
    }

    private String manifestText() throws IOException {
        return Files.readString(dir.resolve("nightly-history.json"));
    }
}
