package io.omvcap.cli.bench;

import java.util.ArrayList;
import java.util.List;

/** The registry of benchmarks {@code omvcap bench} can run. */
public final class Benchmarks {
    private Benchmarks() {
    }

    /** Every benchmark, in the order {@code omvcap bench all} runs them. */
    public static List<Benchmark> all() {
        List<Benchmark> list = new ArrayList<>();
        list.add(new WireDecodeBenchmark());
        list.add(new McapBenchmark());
        list.add(new ArchiveBenchmark());
        list.add(new TurnaroundBenchmark());
        list.add(new RecorderBenchmark());
        list.add(new ExportBenchmark());
        list.add(new ReplayBenchmark());
        list.add(new FootprintBenchmark());
        list.add(new TapBenchmark());
        return list;
    }
}
