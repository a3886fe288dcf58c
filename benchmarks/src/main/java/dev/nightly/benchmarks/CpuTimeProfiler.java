package dev.nightly.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time of the benchmark JVM per operation (all its threads: the benchmark, GC, JIT). On a shared
 * machine other people's builds stretch wall-clock time; the CPU a run needed is much steadier, so the
 * table shows both. Per-invocation set-up work is inside this figure, unlike the timed score.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    public static final String NAME = "cpu.time.norm";
    private long before;

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @Override
    public String getDescription() {
        return "process CPU time per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = processCpuNanos();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long ops = result.getMetadata().getAllOps();
        double perOp = ops == 0 ? Double.NaN : (processCpuNanos() - before) / 1e6 / ops;
        return List.of(new ScalarResult(NAME, perOp, "ms/op", AggregationPolicy.AVG));
    }
}
