package dev.nightly.bench.formats;

import static dev.nightly.bench.formats.FormatTesting.assertRefused;
import static dev.nightly.bench.formats.FormatTesting.observation;
import static dev.nightly.bench.formats.FormatTesting.read;
import static dev.nightly.bench.formats.FormatTesting.replaced;
import static dev.nightly.bench.formats.FormatTesting.sample;
import static dev.nightly.bench.formats.FormatTesting.text;
import static dev.nightly.bench.formats.FormatTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nightly.bench.formats.gbench.GoogleBenchmarkFormat;
import dev.nightly.bench.model.BenchmarkResults;
import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.Observation;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoogleBenchmarkFormatTest {
    private static final String REPETITIONS = "gbench/parser-repetitions.json";
    private static final String SINGLE = "gbench/single-run.json";

    /** The history's zone in these tests; the files were written at +01:00. */
    private final GoogleBenchmarkFormat format = new GoogleBenchmarkFormat(ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void repetitionsGiveTheMeanWithTheStandardErrorOfTheMean() {
        BenchmarkResults results = read(format, sample(REPETITIONS));

        assertThat(results.observations()).extracting(o -> o.key().id()).containsExactly(
                "BM_MimeParse/real_time{arg0=1024}", "BM_MimeParse/cpu_time{arg0=1024}",
                "BM_MimeParse/bytes_per_second{arg0=1024}", "BM_MimeParse/parts{arg0=1024}",
                "BM_MimeParse/real_time{arg0=65536}", "BM_MimeParse/cpu_time{arg0=65536}",
                "BM_MimeParse/bytes_per_second{arg0=65536}", "BM_MimeParse/parts{arg0=65536}");
        Observation realTime = observation(results, "BM_MimeParse", "real_time", Map.of("arg0", "1024"));
        assertThat(realTime.value()).isEqualTo(7.2169260474617700e+03);
        assertThat(realTime.error()).isCloseTo(7.0154712937515380e+01 / Math.sqrt(3), within(1e-9));
        assertThat(realTime.unit()).isEqualTo("ns");
        Observation bytes = observation(results, "BM_MimeParse", "bytes_per_second", Map.of("arg0", "65536"));
        assertThat(bytes.unit()).isEqualTo("B/s");
        assertThat(Direction.fromUnit(bytes.unit())).isEqualTo(Direction.HIGHER_IS_BETTER);
        assertThat(Direction.fromUnit(realTime.unit())).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(observation(results, "BM_MimeParse", "parts", Map.of("arg0", "1024")).unit()).isEmpty();
    }

    @Test
    void theContextDateIsTheRunsTimeInTheHistoryZone() {
        BenchmarkResults results = read(format, sample(REPETITIONS));

        assertThat(results.observations()).allSatisfy(o -> {
            assertThat(o.time()).isEqualTo(LocalDateTime.of(2026, 11, 20, 2, 12, 44));
            assertThat(o.commit()).isEmpty();
        });
        assertThat(read(new GoogleBenchmarkFormat(ZoneOffset.ofHours(1)), sample(REPETITIONS)).observations().get(0).time())
                .isEqualTo(LocalDateTime.of(2026, 11, 20, 3, 12, 44));
    }

    @Test
    void repetitionsWithoutAggregatesAreAveragedHere() {
        String withoutAggregates = text(REPETITIONS).replaceAll("(?s)\\{\\s*\"name\": \"BM_MimeParse/\\d+_(mean|median|stddev|cv)\".*?\\}(,?)", "")
                .replaceAll(",\\s*]", "]");
        Path file = write(dir, "plain.json", withoutAggregates);

        BenchmarkResults results = read(format, file);

        Observation realTime = observation(results, "BM_MimeParse", "real_time", Map.of("arg0", "1024"));
        double[] repetitions = {7.2104518412158310e+03, 7.1502212099231520e+03, 7.2901050912463280e+03};
        double mean = (repetitions[0] + repetitions[1] + repetitions[2]) / 3;
        double squares = 0;
        for (double repetition : repetitions) {
            squares += (repetition - mean) * (repetition - mean);
        }
        assertThat(realTime.value()).isCloseTo(mean, within(1e-9));
        assertThat(realTime.error()).isCloseTo(Math.sqrt(squares / 2) / Math.sqrt(3), within(1e-9));
    }

    @Test
    void aggregatesOnlyOutputUsesTheMeanAndTheRepetitionCount() {
        String aggregatesOnly = text(REPETITIONS).replaceAll("(?s)\\{\\s*\"name\": \"BM_MimeParse/\\d+\",.*?\\},", "");
        BenchmarkResults results = read(format, write(dir, "aggregates.json", aggregatesOnly));

        Observation cpu = observation(results, "BM_MimeParse", "cpu_time", Map.of("arg0", "65536"));
        assertThat(cpu.value()).isEqualTo(4.4833647083865474e+05);
        assertThat(cpu.error()).isCloseTo(1.5012346283318450e+03 / Math.sqrt(3), within(1e-9));
        assertThat(results.observations()).hasSize(8);
    }

    @Test
    void nameArgumentsBecomeParametersAndFailedOrComplexityEntriesAreLeftOut() {
        BenchmarkResults results = read(format, sample(SINGLE));

        assertThat(results.observations()).extracting(o -> o.key().id()).containsExactly(
                "BM_StoreWrite/real_time{batch=10,entities=100,timing=real_time}",
                "BM_StoreWrite/cpu_time{batch=10,entities=100,timing=real_time}",
                "BM_StoreWrite/items_per_second{batch=10,entities=100,timing=real_time}",
                "BM_StoreWrite/real_time{batch=10,entities=100,threads=4,timing=real_time}",
                "BM_StoreWrite/cpu_time{batch=10,entities=100,threads=4,timing=real_time}",
                "BM_StoreWrite/items_per_second{batch=10,entities=100,threads=4,timing=real_time}",
                "BM_StoreRead/real_time{arg0=64,arg1=8}",
                "BM_StoreRead/cpu_time{arg0=64,arg1=8}",
                "BM_StoreRead/hit_ratio{arg0=64,arg1=8}",
                "BM_Compress/real_time{arg0=4096}",
                "BM_Compress/cpu_time{arg0=4096}",
                "BM_Compress/bytes_per_second{arg0=4096}",
                "BM_Compress/real_time{arg0=16384}",
                "BM_Compress/cpu_time{arg0=16384}",
                "BM_Compress/bytes_per_second{arg0=16384}");
        Observation write = observation(results, "BM_StoreWrite", "real_time",
                Map.of("entities", "100", "batch", "10", "timing", "real_time"));
        assertThat(write.unit()).isEqualTo("ms");
        assertThat(write.value()).isEqualTo(1.6985461165048540e+00);
        assertThat(write.error()).isNaN();
        assertThat(observation(results, "BM_StoreRead", "cpu_time", Map.of("arg0", "64", "arg1", "8")).unit()).isEqualTo("us");
        assertThat(results.datasets()).containsOnlyKeys("BM_StoreWrite", "BM_StoreRead", "BM_Compress");
        assertThat(results.datasets().get("BM_Compress").description()).contains("./build/bin/storage_benchmark");
    }

    @Test
    void olderOutputWithoutRunNameAndWithTheOldDateForm() {
        String old = text(REPETITIONS).replaceAll("\\s*\"(run_name|family_index|per_family_instance_index|aggregate_unit)\": [^,\\n]*,", "")
                .replace("\"2026-11-20T03:12:44+01:00\"", "\"2026/11/20-03:12:44\"");
        BenchmarkResults results = read(format, write(dir, "old.json", old));

        Observation realTime = observation(results, "BM_MimeParse", "real_time", Map.of("arg0", "65536"));
        assertThat(realTime.value()).isEqualTo(4.4846541613860466e+05);
        assertThat(realTime.time()).isEqualTo(LocalDateTime.of(2026, 11, 20, 3, 12, 44));
    }

    @Test
    void recognizesGoogleBenchmarkOutputOnly() {
        assertThat(format.recognizes(text(SINGLE))).isTrue();
        assertThat(format.recognizes(text(REPETITIONS))).isTrue();
        assertThat(format.recognizes(text("pytest/sieve-benchmarks.json"))).isFalse();
        assertThat(format.recognizes(text("jmh/store-benchmarks.json"))).isFalse();
        assertThat(format.recognizes("{\"dataset\": \"x\", \"rows\": []}")).isFalse();
    }

    @Test
    void refusesBadValuesNamingTheBenchmark() {
        Path file = write(dir, "a.json", replaced(SINGLE, "\"real_time\": 3.4721021785888380e+00", "\"real_time\": \"3.47\""));
        assertThat(assertRefused(format, file)).isEqualTo(file + ": benchmark 3 (\"BM_StoreRead/64/8\"), real_time: not a number: \"3.47\"");

        assertRefused(format, write(dir, "b.json", replaced(SINGLE, "\"time_unit\": \"ms\",\n      \"items_per_second\": 5.8874115437659340e+04",
                "\"time_unit\": \"minutes\",\n      \"items_per_second\": 5.8874115437659340e+04")),
                "benchmark 1 (\"BM_StoreWrite/entities:100/batch:10/real_time\"), time_unit: must be one of ns, us, ms, s");
        assertRefused(format, write(dir, "c.json", replaced(SINGLE, "\"real_time\": 2.8912000000000000e+04", "\"real_time\": Infinity")),
                "benchmark 5 (\"BM_Compress/4096\"), real_time: not a finite number");
        assertRefused(format, write(dir, "d.json", replaced(SINGLE, "\"2026-11-21T03:05:10+01:00\"", "\"last tuesday\"")),
                "context, date: not a date and time: \"last tuesday\"");
        assertRefused(format, write(dir, "e.json", replaced(SINGLE, "\"run_type\": \"iteration\",\n      \"repetitions\": 1,\n      \"repetition_index\": 0,\n      \"threads\": 4",
                "\"run_type\": \"warmup\",\n      \"repetitions\": 1,\n      \"repetition_index\": 0,\n      \"threads\": 4")),
                "benchmark 2", "run_type: must be \"iteration\" or \"aggregate\"");
        assertRefused(format, write(dir, "f.json", "{\"context\": {}, \"benchmarks\": {}}"), "top level, benchmarks: must be an array");
        assertRefused(format, write(dir, "g.json", "{\"context\": {}, \"benchmarks\": [ {\"real_time\": 1} ]}"), "benchmark 1, name: is missing");
    }

    @Test
    void countersNamedForARateAreRatesAndOthersHaveNoDirection() {
        BenchmarkResults results = read(format, sample("gbench/rate-counters.json"));

        Map<String, String> params = Map.of("arg0", "1048576");
        assertThat(observation(results, "BM_Triad", "FOM: GB/s", params).unit()).isEqualTo("GB/s");
        assertThat(observation(results, "BM_Triad", "rows_per_second", params).unit()).isEqualTo("rows/s");
        assertThat(observation(results, "BM_Triad", "bytes_per_second", params).unit()).isEqualTo("B/s");
        assertThat(observation(results, "BM_Triad", "checksum", params).unit()).isEmpty();
        for (String rate : List.of("FOM: GB/s", "rows_per_second", "bytes_per_second")) {
            assertThat(Direction.known(observation(results, "BM_Triad", rate, params).unit())).contains(Direction.HIGHER_IS_BETTER);
        }
        assertThat(Direction.known(observation(results, "BM_Triad", "checksum", params).unit())).isEmpty();
        assertThat(GoogleBenchmarkFormat.counterUnit("items_per_second")).isEqualTo("items/s");
        assertThat(GoogleBenchmarkFormat.counterUnit("bytesPerSecond")).isEqualTo("bytes/s");
        assertThat(GoogleBenchmarkFormat.counterUnit("MB/sec")).isEqualTo("MB/s");
        assertThat(GoogleBenchmarkFormat.counterUnit("collisions")).isEmpty();
    }

    @Test
    void aRunStoppedWithAnErrorIsSaidNotStored() {
        BenchmarkResults results = read(format, sample("gbench/rate-counters.json"));

        assertThat(results.observations()).noneMatch(o -> o.key().parameters().containsValue("2097152"));
        assertThat(results.skipped()).singleElement().satisfies(s -> {
            assertThat(s.entry()).isEqualTo("BM_Triad/2097152");
            assertThat(s.reason()).isEqualTo("error_occurred: \"could not allocate 2097152 doubles\"");
        });
    }

    @Test
    void aggregatesOfVersion14WithoutRunTypeAreReadAsAggregates() {
        BenchmarkResults results = read(format, sample("gbench/repetitions-1.4.json"));

        assertThat(results.observations()).extracting(o -> o.key().id()).containsExactly(
                "BM_Parse/real_time{arg0=64,repeats=3}", "BM_Parse/cpu_time{arg0=64,repeats=3}",
                "BM_Parse/items_per_second{arg0=64,repeats=3}");
        Observation realTime = observation(results, "BM_Parse", "real_time", Map.of("arg0", "64", "repeats", "3"));
        assertThat(realTime.value()).isEqualTo(1200.0);
        assertThat(realTime.error()).isCloseTo(100.0 / Math.sqrt(3), within(1e-9));
        assertThat(realTime.time()).isEqualTo(LocalDateTime.of(2018, 7, 12, 3, 4, 5));
    }
}
