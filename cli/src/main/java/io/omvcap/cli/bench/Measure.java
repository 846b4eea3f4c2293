package io.omvcap.cli.bench;

import java.util.Arrays;

/** Small helpers for timing repeated runs and reporting their median. */
public final class Measure {
    private Measure() {
    }

    /** A repeatable piece of work returning the bytes it processed. */
    @FunctionalInterface
    public interface Work {
        /** Runs once; returns bytes processed. */
        long run() throws Exception;
    }

    /**
     * Runs {@code work} {@code warmup} times unmeasured, then {@code runs} times measured.
     *
     * @return throughput of each measured run in MB/s (10^6 bytes per second), sorted ascending
     */
    public static double[] throughput(Work work, int warmup, int runs) throws Exception {
        for (int i = 0; i < warmup; i++) {
            work.run();
        }
        double[] mbps = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            long bytes = work.run();
            long dt = System.nanoTime() - t0;
            mbps[i] = bytes / (dt / 1e9) / 1e6;
        }
        Arrays.sort(mbps);
        return mbps;
    }

    /** The median of sorted values. */
    public static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The p-th percentile (0–100) of sorted values, nearest rank. */
    public static double percentile(double[] sorted, double p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }
}
