package dev.nightly.bench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Observation;
import dev.nightly.bench.model.SeriesKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill (years of nights in one ingest) is checksummed in ranges of at most {@link Checksums#RANGE_BYTES}:
 * the next night checks only the last range (not the whole history again), and {@code verify} still checks
 * every byte.
 */
class LongAppendChecksumsTest {
    private static final SeriesKey KEY = SeriesKey.of("mail_query", "queryTime", Map.of("rows", "5000"));

    @TempDir
    Path dir;

    private static BenchmarkResults nights(int from, int to) {
        List<Observation> observations = new ArrayList<>();
        LocalDateTime first = LocalDateTime.of(2000, 1, 1, 3, 0, 12, 345_000_000);
        for (int night = from; night < to; night++) {
            observations.add(new Observation(KEY, "ms", first.plusDays(night), "c" + night, 100 + night % 17 + 0.25, Double.NaN));
        }
        return new BenchmarkResults(Map.of(), observations);
    }

    @Test
    void aBackfillIsCheckedRangeByRangeAndTheNextNightReadsOnlyTheLast() throws Exception {
        HistoryStore store = HistoryStore.open(dir);
        store.ingest(1, nights(0, 8000), "", null);
        JsonNode series = new ObjectMapper().readTree(dir.resolve("nightly-history.json").toFile()).get("series").get(0);
        Path file = dir.resolve(series.get("file").asText());
        Path sums = dir.resolve(Checksums.sumsFile(series.get("file").asText()));
        byte[] bytes = Files.readAllBytes(file);
        List<Checksums.Range> ranges = Checksums.ranges(sums, Files.readAllBytes(sums));

        assertThat(bytes.length).isGreaterThan(3 * Checksums.RANGE_BYTES);
        assertThat(ranges).hasSizeGreaterThan(3);
        long start = 0;
        for (Checksums.Range range : ranges) {
            assertThat(range.start()).isEqualTo(start);
            assertThat(range.end() - range.start()).isLessThanOrEqualTo(Checksums.RANGE_BYTES + 100);
            assertThat(bytes[(int) range.end() - 1]).isEqualTo((byte) '\n');
            long lines = new String(bytes, 0, (int) range.end(), StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count();
            assertThat(range.count()).isEqualTo(lines);
            start = range.end();
        }
        assertThat(start).isEqualTo(bytes.length);
        assertThat(ranges.get(ranges.size() - 1).count()).isEqualTo(8000);
        assertThat(store.verify()).isEmpty();

        // An edit in the first range: verify finds it; the next night checks only the last range and is stored.
        byte[] edited = bytes.clone();
        int at = new String(bytes, StandardCharsets.UTF_8).indexOf("\t100.25\n");
        edited[at + 1] = '7';
        Files.write(file, edited);
        List<String> problems = store.verify();
        assertThat(problems).anySatisfy(problem ->
                assertThat(problem).contains(file.toString(), "lines 1-", "do not match their checksum"));
        store.ingest(2, nights(8000, 8001), "", null);
        assertThat(store.verify()).isEqualTo(problems);

        // An edit in the last range is refused by the next ingest, before it writes.
        byte[] now = Files.readAllBytes(file);
        now[now.length - 3] = (byte) (now[now.length - 3] == '5' ? '6' : '5');
        Files.write(file, now);
        assertThatThrownBy(() -> store.ingest(3, nights(8001, 8002), "", null))
                .isInstanceOf(StoreDamagedException.class).hasMessageContaining("do not match their checksum");
        assertThat(Files.readAllBytes(file)).isEqualTo(now);
    }

    @Test
    void rangesOfFingerprintsEndOnWholeEntries() {
        byte[] index = new byte[Checksums.RANGE_BYTES * 2 + 8 * 3];
        List<Checksums.Range> ranges = Checksums.rangesOf(800, index, Long.BYTES, 100 + index.length / 8);
        assertThat(ranges).hasSize(3);
        assertThat(ranges).allSatisfy(r -> assertThat((r.end() - r.start()) % 8).isZero());
        assertThat(ranges.get(0).start()).isEqualTo(800);
        assertThat(ranges.get(2).end()).isEqualTo(800 + index.length);
        assertThat(ranges).extracting(Checksums.Range::count)
                .containsExactly(100 + Checksums.RANGE_BYTES / 8L, 100 + Checksums.RANGE_BYTES / 4L, 100 + index.length / 8L);
    }
}
