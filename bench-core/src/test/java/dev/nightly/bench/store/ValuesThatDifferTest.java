package dev.nightly.bench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.bench.TestFiles;
import dev.nightly.bench.check.CheckReport;
import dev.nightly.bench.check.CheckSettings;
import dev.nightly.bench.check.Checker;
import dev.nightly.bench.ingest.ResultsReader;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.SeriesKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A row is "stored before" only when its value is the same too: two runs of a format without times in the
 * same minute of one commit, or two files of one ingest that share the default time, keep every value.
 */
class ValuesThatDifferTest {
    private static final SeriesKey QUERY = SeriesKey.of("dev.kube.store.QueryBenchmark", "query",
            Map.of("rows", "1000", "mode", "thrpt"));
    private static final LocalDateTime NIGHT = LocalDateTime.of(2026, 11, 21, 3, 0);

    @TempDir
    Path dir;

    private static BenchmarkResults one(SeriesKey key, double value) {
        return new BenchmarkResults(Map.of(), List.of(new Observation(key, "ms", null, "", value)));
    }

    @Test
    void aSecondRunWithTheSameTimeAndCommitButOtherValuesIsStoredAndChecked() {
        HistoryStore store = HistoryStore.open(dir.resolve("history"));
        SeriesKey key = SeriesKey.of("parse", "mail");

        store.ingest(1, one(key, 10.0), "c0ffee123", NIGHT);
        IngestSummary second = store.ingest(2, one(key, 14.0), "c0ffee123", NIGHT);

        assertThat(second.newPoints()).isEqualTo(1);
        assertThat(store.snapshot().read(key).points()).extracting(Point::build, Point::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 10.0), org.assertj.core.groups.Tuple.tuple(2L, 14.0));
        CheckReport report = new Checker(CheckSettings.defaults()).check(store.snapshot(), 2);
        assertThat(report.results()).singleElement().satisfies(r -> assertThat(r.point().value()).isEqualTo(14.0));
    }

    @Test
    void aRowPrintedAgainWithTheSameValueIsStoredOnce() {
        HistoryStore store = HistoryStore.open(dir.resolve("history"));
        SeriesKey key = SeriesKey.of("parse", "mail");

        store.ingest(1, one(key, 10.0), "c0ffee123", NIGHT);
        IngestSummary again = store.ingest(2, one(key, 10.0), "c0ffee123", NIGHT);

        assertThat(again.newPoints()).isZero();
        assertThat(again.knownPoints()).isEqualTo(1);
    }

    @Test
    void twoJmhFilesOfOneIngestShareTheDefaultTimeAndKeepBothValues() throws IOException {
        Path first = TestFiles.resource("formats/jmh/store-benchmarks.json");
        String text = Files.readString(first, StandardCharsets.UTF_8);
        Path second = TestFiles.write(dir, "fork2/store-benchmarks.json", text.replace("4211.873021533814", "4100.5"));
        Path copy = TestFiles.write(dir, "copy/store-benchmarks.json", text);
        HistoryStore store = HistoryStore.open(dir.resolve("history"));

        BenchmarkResults both = ResultsReader.create().read(List.of(first, second));
        IngestSummary summary = store.ingest(7, both, "c0ffee123", NIGHT);

        assertThat(summary.newPoints()).isEqualTo(both.observations().size() - observationsPerFile() + 1);
        assertThat(store.snapshot().read(QUERY).points()).extracting(Point::value).containsExactlyInAnyOrder(4211.873021533814, 4100.5);
        // The same file twice is one run printed twice: nothing new.
        IngestSummary reprint = store.ingest(8, ResultsReader.create().read(List.of(first, copy)), "c0ffee123", NIGHT);
        assertThat(reprint.newPoints()).isZero();
    }

    /** How many observations one JMH sample file gives. */
    private static int observationsPerFile() {
        return ResultsReader.create().read(List.of(TestFiles.resource("formats/jmh/store-benchmarks.json"))).observations().size();
    }

    @Test
    void aConflictInsideOneHawdFileIsRefusedNamingFileSeriesAndBothValues() throws IOException {
        String night = Files.readString(TestFiles.hawdNight(2), StandardCharsets.UTF_8);
        int rows = night.indexOf("\"rows\": [") + "\"rows\": [".length();
        int firstRowEnd = night.indexOf("\n        },", rows) + "\n        },".length();
        String firstRow = night.substring(rows, firstRowEnd);
        Path conflict = TestFiles.write(dir, "mail_query.json", night.substring(0, firstRowEnd)
                + firstRow.replace("\"value\": \"41\"", "\"value\": \"57\"") + night.substring(firstRowEnd));
        Path reprinted = TestFiles.write(dir, "again/mail_query.json", night.substring(0, firstRowEnd) + firstRow
                + night.substring(firstRowEnd));

        assertThatThrownBy(() -> ResultsReader.create().withDefinitions(TestFiles.hawdDefinitions()).read(List.of(conflict)))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(conflict + ": dataset mail_query, row 2")
                .hasMessageContaining("series mail_query/queryTime{rows=1000} has two values at 2026-11-21T03:00:11.130")
                .hasMessageContaining("commit a81b0e4f2: 41.0 (row 1) and 57.0");
        BenchmarkResults twice = ResultsReader.create().withDefinitions(TestFiles.hawdDefinitions()).read(List.of(reprinted));
        IngestSummary summary = HistoryStore.open(dir.resolve("history")).ingest(1, twice, "", null);
        assertThat(summary.knownPoints()).isEqualTo(2);
    }

    // Stores written before values counted: their index holds fingerprints of series, time and commit.

    @Test
    void aStoreWrittenBeforeRecognisesItsRowsAndIsConvertedOnItsNextIngest() throws IOException {
        Path history = dir.resolve("history");
        HistoryStore store = threeNightsWrittenAsBefore(history);
        Path keyOnlyIndex = history.resolve(StoreFiles.indexFile("mail_query", 0));
        assertThat(keyOnlyIndex).exists();
        assertThat(Files.readString(history.resolve(Manifest.FILE_NAME))).doesNotContain("\"kind\"");

        IngestSummary again = store.ingest(14, hawdNight(3), "", null);

        assertThat(again.newPoints()).isZero();
        assertThat(again.knownPoints()).isEqualTo(12);
        Manifest converted = Manifest.read(history.resolve(Manifest.FILE_NAME));
        assertThat(converted.indexes().get("mail_query").kind()).isEqualTo(Manifest.IndexEntry.WITH_VALUE);
        assertThat(keyOnlyIndex).doesNotExist();
        assertThat(store.verify()).isEmpty();
        IngestSummary night4 = store.ingest(15, hawdNight(4), "", null);
        assertThat(night4.newPoints()).isEqualTo(4);
        assertThat(night4.knownPoints()).isEqualTo(12);
    }

    @Test
    void rowsOfABuildDeletedInAStoreWrittenBeforeDoNotComeBack() throws IOException {
        Path history = dir.resolve("history");
        HistoryStore store = threeNightsWrittenAsBefore(history);
        assertThat(store.removeBuild(12)).isEqualTo(4);

        IngestSummary again = store.ingest(14, hawdNight(3), "", null);

        assertThat(again.newPoints()).isZero();
        assertThat(store.snapshot().read(SeriesKey.of("mail_query", "queryTime", Map.of("rows", "1000"))).points())
                .extracting(Point::build).containsExactly(11L, 13L);
    }

    @Test
    void aStoreWrittenBeforeKeepsAnotherValueUnderAKnownSeriesTimeAndCommit() throws IOException {
        Path history = dir.resolve("history");
        HistoryStore store = HistoryStore.open(history);
        SeriesKey key = SeriesKey.of("parse", "mail");
        store.ingest(1, one(key, 10.0), "c0ffee123", NIGHT);
        writeAsBefore(history);

        IngestSummary same = store.ingest(2, one(key, 10.0), "c0ffee123", NIGHT);
        IngestSummary other = store.ingest(3, one(key, 12.0), "c0ffee123", NIGHT);

        assertThat(same.newPoints()).isZero();
        assertThat(other.newPoints()).isEqualTo(1);
        assertThat(store.snapshot().read(key).points()).extracting(Point::value).containsExactly(10.0, 12.0);
    }

    /** A store of nights 1 to 3 (builds 11 to 13) as versions before values counted wrote it. */
    private static HistoryStore threeNightsWrittenAsBefore(Path history) throws IOException {
        HistoryStore store = HistoryStore.open(history);
        for (int night = 1; night <= 3; night++) {
            store.ingest(10 + night, hawdNight(night), "", null);
        }
        writeAsBefore(history);
        return store;
    }

    private static BenchmarkResults hawdNight(int night) {
        return ResultsReader.create().withDefinitions(TestFiles.hawdDefinitions()).read(List.of(TestFiles.hawdNight(night)));
    }

    /**
     * Turns a store into what versions before values counted wrote: per dataset an index named
     * {@code <dataset>-<hash>.idx} of fingerprints of series, time and commit, and a manifest without index kinds.
     */
    private static void writeAsBefore(Path history) throws IOException {
        Manifest manifest = Manifest.read(history.resolve(Manifest.FILE_NAME));
        Map<String, List<Long>> fingerprints = new HashMap<>();
        for (Manifest.SeriesEntry entry : manifest.series().values()) {
            for (Point point : HistorySnapshot.readPoints(history, entry)) {
                fingerprints.computeIfAbsent(entry.info().key().dataset(), d -> new java.util.ArrayList<>())
                        .add(Fingerprints.of(entry.info().key(), point.time(), point.commit()));
            }
        }
        Map<String, Manifest.IndexEntry> indexes = new HashMap<>();
        for (Manifest.IndexEntry index : manifest.indexes().values()) {
            List<Long> keyOnly = fingerprints.get(index.dataset());
            ByteBuffer bytes = ByteBuffer.allocate(keyOnly.size() * Long.BYTES);
            keyOnly.forEach(bytes::putLong);
            // Then, indexes had neither values nor checksums.
            String file = StoreFiles.indexFile(index.dataset(), 0);
            Files.delete(history.resolve(index.file()));
            Files.deleteIfExists(history.resolve(index.sumsFile()));
            Files.write(history.resolve(file), bytes.array());
            indexes.put(index.dataset(), new Manifest.IndexEntry(index.dataset(), file, bytes.capacity(), index.lastTime(), 0,
                    Manifest.IndexEntry.KEY_ONLY));
        }
        Files.write(history.resolve(Manifest.FILE_NAME),
                new Manifest(manifest.generation(), manifest.datasets(), manifest.series(), indexes).toJson());
        try (Stream<Path> files = Files.list(history.resolve(StoreFiles.INDEX_DIR))) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(name -> name.endsWith(".idx") && !name.contains(".g"));
        }
    }
}
