package dev.nightly.bench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.bench.TestFiles;
import dev.nightly.bench.ingest.ResultsReader;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.model.SeriesKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {
    private static final SeriesKey FAST_QUERY = SeriesKey.of("mail_query", "queryTime", Map.of("rows", "1000"));

    @TempDir
    Path dir;

    private static BenchmarkResults night(int night) {
        return ResultsReader.create().withDefinitions(TestFiles.hawdDefinitions()).read(List.of(TestFiles.hawdNight(night)));
    }

    @Test
    void nightlyFullHistoriesStoreEachRowOnceInTheBuildThatFirstSawIt() {
        HistoryStore store = HistoryStore.open(dir.resolve("history"));

        List<IngestSummary> summaries = new ArrayList<>();
        for (int night = 1; night <= 4; night++) {
            summaries.add(store.ingest(10 + night, night(night), "", null));
        }

        assertThat(summaries).extracting(IngestSummary::newPoints).containsExactly(4, 4, 4, 4);
        assertThat(summaries).extracting(IngestSummary::knownPoints).containsExactly(0, 4, 8, 12);
        Series series = store.snapshot().read(FAST_QUERY);
        assertThat(series.unit()).isEqualTo("ms");
        assertThat(series.points()).extracting(Point::build, Point::commit, Point::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple(11L, "3f9a2c1d7", 40.0),
                org.assertj.core.groups.Tuple.tuple(12L, "a81b0e4f2", 41.0),
                org.assertj.core.groups.Tuple.tuple(13L, "c0ffee123", 39.0),
                org.assertj.core.groups.Tuple.tuple(14L, "9d4e7a6b5", 52.0));
        assertThat(store.snapshot().series()).hasSize(4);
        assertThat(store.snapshot().latestBuild()).isEqualTo(14);
        assertThat(store.verify()).isEmpty();
    }

    @Test
    void aFirstIngestOfALongHistoryKeepsEveryRowAsItsOwnPoint() {
        HistoryStore store = HistoryStore.open(dir);

        IngestSummary summary = store.ingest(1, night(4), "", null);

        assertThat(summary.newPoints()).isEqualTo(16);
        assertThat(store.snapshot().read(FAST_QUERY).points()).extracting(Point::value).containsExactly(40.0, 41.0, 39.0, 52.0);
        assertThat(store.snapshot().read(FAST_QUERY).points()).extracting(Point::build).containsOnly(1L);
    }

    @Test
    void ingestingTheSameFilesAgainStoresNothing() {
        HistoryStore store = HistoryStore.open(dir);
        store.ingest(1, night(2), "", null);
        String manifest = readManifest();

        IngestSummary again = store.ingest(2, night(2), "", null);

        assertThat(again.newPoints()).isZero();
        assertThat(again.knownPoints()).isEqualTo(8);
        assertThat(readManifest()).isEqualTo(manifest);
    }

    @Test
    void valuesWithoutTimeOrCommitTakeTheIngestsOwn() {
        HistoryStore store = HistoryStore.open(dir);
        BenchmarkResults results = new BenchmarkResults(Map.of(), List.of(
                new dev.nightly.bench.model.Observation(SeriesKey.of("jmh", "score"), "ops/s", null, "", 12.5, 0.25)));

        store.ingest(7, results, "cafe1234", LocalDateTime.parse("2026-11-28T02:00:00"));

        assertThat(store.snapshot().read(SeriesKey.of("jmh", "score")).points()).singleElement()
                .isEqualTo(new Point(7, "cafe1234", LocalDateTime.parse("2026-11-28T02:00:00"), 12.5, 0.25));
    }

    @Test
    void removingABuildRemovesItsPointsAndTheyDoNotComeBack() {
        HistoryStore store = HistoryStore.open(dir);
        for (int night = 1; night <= 3; night++) {
            store.ingest(night, night(night), "", null);
        }

        int removed = store.removeBuild(2);
        store.ingest(4, night(4), "", null);

        assertThat(removed).isEqualTo(4);
        assertThat(store.snapshot().read(FAST_QUERY).points()).extracting(Point::build).containsExactly(1L, 3L, 4L);
        assertThat(store.removeBuild(2)).isZero();
        assertThat(store.verify()).isEmpty();
    }

    @Test
    void removingABuildFromATimeOnKeepsTheHistoryItImported() {
        HistoryStore store = HistoryStore.open(dir);
        store.ingest(1, night(1), "", null);
        store.ingest(2, night(2), "", null);
        List<Point> imported = store.snapshot().read(FAST_QUERY).points();
        LocalDateTime second = imported.get(1).time();

        // Build 2 holds night 2 only; measured from the day after it, nothing of it is its own.
        assertThat(store.removeBuild(2, second.plusDays(1))).isZero();
        assertThat(store.snapshot().read(FAST_QUERY).points()).isEqualTo(imported);

        assertThat(store.removeBuild(2, second)).isEqualTo(4);
        assertThat(store.snapshot().read(FAST_QUERY).points()).extracting(Point::build).containsExactly(1L);
        assertThat(store.verify()).isEmpty();
    }

    @Test
    void aSnapshotTakenBeforeABuildDeletionReadsTheRewrittenSeries() {
        HistoryStore store = HistoryStore.open(dir);
        for (int night = 1; night <= 3; night++) {
            store.ingest(night, night(night), "", null);
        }
        HistorySnapshot before = store.snapshot();

        store.removeBuild(2);

        assertThat(before.read(FAST_QUERY).points()).extracting(Point::build).containsExactly(1L, 3L);
        assertThat(before.readRecent(FAST_QUERY, 1).points()).extracting(Point::build).containsExactly(3L);
    }

    @Test
    void removingTheOnlyBuildOfASeriesRemovesTheSeries() {
        HistoryStore store = HistoryStore.open(dir);
        store.ingest(1, SyntheticResults.of(1, 2, 3), "", null);

        store.removeBuild(1);

        assertThat(store.snapshot().series()).isEmpty();
        try (Stream<Path> files = Files.list(dir.resolve("series"))) {
            assertThat(files).isEmpty();
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anInterruptedIngestLeavesThePreviousStateAndIsUndoneByTheNext() throws Exception {
        HistoryStore store = HistoryStore.open(dir);
        store.ingest(1, night(1), "", null);
        Path seriesFile;
        try (Stream<Path> files = Files.list(dir.resolve("series"))) {
            seriesFile = files.findFirst().orElseThrow();
        }
        // what a writer killed between appending and the manifest leaves behind
        Files.writeString(seriesFile, "99\t2030-01-01T00:00:00.000\t\t1.0\n", StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("series/orphan-0123456789abcdef.tsv"), "99\t2030-01-01T00:00:00.000\t\t1");
        Files.writeString(dir.resolve("nightly-history.json.tmp-1234"), "{\"format\": \"nightly-hist");

        assertThat(store.snapshot().series()).allSatisfy(info -> assertThat(info.lastBuild()).isEqualTo(1));
        assertThat(store.snapshot().read(FAST_QUERY).points()).hasSize(1);

        store.ingest(2, night(2), "", null);

        assertThat(dir.resolve("series/orphan-0123456789abcdef.tsv")).doesNotExist();
        assertThat(dir.resolve("nightly-history.json.tmp-1234")).doesNotExist();
        assertThat(store.snapshot().read(FAST_QUERY).points()).extracting(Point::build).containsExactly(1L, 2L);
        assertThat(store.verify()).isEmpty();
    }

    @Test
    void aDamagedManifestIsReportedClearly() throws Exception {
        HistoryStore store = HistoryStore.open(dir);
        store.ingest(1, night(1), "", null);
        Files.writeString(dir.resolve("nightly-history.json"), "{\"format\": \"nightly-history\", \"version\": 1, \"series\": [");

        assertThatThrownBy(store::snapshot).isInstanceOf(BadInputException.class)
                .hasMessageContaining("history store damaged").hasMessageContaining("nightly-history.json")
                .hasMessageContaining("ends too early");
        assertThatThrownBy(() -> store.ingest(2, night(2), "", null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("history store damaged");
    }

    @Test
    void aTimeBeyondYear9999IsRefusedAndNothingIsWritten() throws Exception {
        HistoryStore store = HistoryStore.open(dir);
        store.ingest(1, night(2), "", null);
        String before = readManifest();
        SeriesKey key = SeriesKey.of("mail_query", "queryTime", Map.of("rows", "1000"));
        BenchmarkResults far = new BenchmarkResults(Map.of(), List.of(
                new Observation(key, "ms", LocalDateTime.parse("2026-01-01T00:00:00"), "", 1),
                new Observation(key, "ms", LocalDateTime.parse("+10000-01-01T00:00:00"), "", 2)));

        assertThatThrownBy(() -> store.ingest(2, far, "", null))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("mail_query/queryTime{rows=1000}").hasMessageContaining("+10000-01-01T00:00")
                .hasMessageContaining("years 0000 to 9999");
        assertThat(readManifest()).isEqualTo(before);
        assertThat(store.verify()).isEmpty();
    }

    @Test
    void aManifestWithParametersThatAreNoObjectIsReportedWithItsFile() throws Exception {
        HistoryStore store = HistoryStore.open(dir);
        store.ingest(1, night(2), "", null);
        Path manifest = dir.resolve("nightly-history.json");
        String text = Files.readString(manifest);
        assertThat(text).contains("\"parameters\" : {");
        Files.writeString(manifest, text.replaceFirst("\"parameters\" : \\{[^}]*\\}", "\"parameters\" : [ 1 ]"));

        assertThatThrownBy(() -> HistoryStore.open(dir).snapshot())
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("history store damaged").hasMessageContaining(manifest.toString())
                .hasMessageContaining("\"series[].parameters\" must be a JSON object");
    }

    @Test
    void aDamagedSeriesFileIsReportedWithItsLine() throws Exception {
        HistoryStore store = HistoryStore.open(dir);
        store.ingest(1, night(2), "", null);
        SeriesKey key = store.snapshot().series().get(0).key();
        Path file = dir.resolve(seriesFileOf(key));
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        String value = lines.get(0).substring(lines.get(0).lastIndexOf('\t') + 1);
        lines.set(0, lines.get(0).substring(0, lines.get(0).lastIndexOf('\t') + 1) + "x".repeat(value.length()));
        Files.write(file, lines);

        assertThatThrownBy(() -> store.snapshot().read(key))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(file.getFileName().toString()).hasMessageContaining("line 1");
        assertThat(store.verify()).singleElement().asString().contains("line 1");
    }

    @Test
    void aForeignFileIsReportedAndStopsWriters() throws Exception {
        HistoryStore store = HistoryStore.open(dir);
        store.ingest(1, night(1), "", null);
        Files.writeString(dir.resolve("series/notes.txt"), "mine");

        assertThat(store.verify()).singleElement().asString().contains("foreign file series/notes.txt");
        assertThatThrownBy(() -> store.ingest(2, night(2), "", null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("foreign file series/notes.txt");
        assertThat(dir.resolve("series/notes.txt")).exists();
    }

    @Test
    void aNonEmptyDirectoryThatIsNoStoreIsRefused() throws Exception {
        Files.writeString(dir.resolve("thesis.tex"), "\\documentclass{article}");

        assertThatThrownBy(() -> HistoryStore.open(dir)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a history store").hasMessageContaining("thesis.tex");
    }

    @Test
    void aDirectoryWithOnlyEmptyFoldersBecomesAStore() throws Exception {
        Files.createDirectories(dir.resolve("series"));
        Files.createDirectories(dir.resolve("index"));

        HistoryStore store = HistoryStore.open(dir);
        store.ingest(1, night(1), "", null);

        assertThat(store.snapshot().series()).hasSize(4);
    }

    @Test
    void aManifestOfAnotherFormatIsRefused() throws Exception {
        Files.writeString(dir.resolve("nightly-history.json"), "{\"format\": \"something-else\", \"version\": 1}");

        assertThatThrownBy(() -> HistoryStore.open(dir).snapshot()).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a nightly history store");
    }

    @Test
    void threadsIngestingAtOnceLoseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<IngestSummary>> futures = new ArrayList<>();
            for (long build = 1; build <= 8; build++) {
                long b = build;
                futures.add(pool.submit(() -> HistoryStore.open(dir).ingest(b, SyntheticResults.of(b, 10, 5), "", null)));
            }
            for (Future<IngestSummary> future : futures) {
                assertThat(future.get().newPoints()).isEqualTo(50);
            }
        }
        finally {
            pool.shutdownNow();
        }

        HistorySnapshot snapshot = HistoryStore.open(dir).snapshot();
        assertThat(snapshot.series()).hasSize(10).allSatisfy(info -> assertThat(info.count()).isEqualTo(40));
        assertThat(HistoryStore.open(dir).verify()).isEmpty();
    }

    private String seriesFileOf(SeriesKey key) throws Exception {
        String manifest = readManifest();
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest);
        for (com.fasterxml.jackson.databind.JsonNode series : root.get("series")) {
            if (series.get("measure").asText().equals(key.measure())
                    && series.get("parameters").toString().equals(new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(key.parameters()))) {
                return series.get("file").asText();
            }
        }
        throw new AssertionError("no file for " + key);
    }

    private String readManifest() {
        try {
            return Files.readString(dir.resolve("nightly-history.json"));
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
