package io.omvcap.cli.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * A throughput or latency measurement run by {@code omvcap bench NAME}. Implementations warm up,
 * measure for a fixed number of iterations and return their numbers; they print progress to
 * {@code log} (stderr), never results.
 */
public interface Benchmark {
    /** Short name used on the command line, e.g. {@code wire-decode}. */
    String name();

    /** One line saying what is measured and the target. */
    String description();

    /** Runs the benchmark; {@code quick} shortens it (used by the smoke test). */
    List<BenchResult> run(boolean quick, PrintStream log) throws Exception;

    /**
     * Runs the benchmark for about {@code duration} (null: its own length); benchmarks of a fixed
     * amount of work ignore it.
     */
    default List<BenchResult> run(boolean quick, Duration duration, PrintStream log) throws Exception {
        return run(quick, log);
    }

    /** Whether {@link #run(boolean, Duration, PrintStream)} honours a duration. */
    default boolean takesDuration() {
        return false;
    }
}
