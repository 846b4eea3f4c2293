package io.omvcap.tap;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Forwarding latencies in microseconds (1 µs buckets up to 100 ms, one overflow bucket), recorded
 * without allocation from the forwarding threads and read as percentiles by the status and the
 * benchmark.
 */
public final class LatencyHistogram {
    private static final int BUCKETS = 100_000;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS + 1);

    /** Records one latency. */
    public void record(long nanos) {
        long micros = Math.max(0, nanos / 1_000);
        counts.incrementAndGet((int) Math.min(BUCKETS, micros));
    }

    /** Latencies recorded. */
    public long count() {
        long n = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** The {@code p}-th percentile (0–100) in microseconds, nearest rank; 0 when empty, 100000 for the overflow. */
    public long percentileMicros(double p) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
        long seen = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return i;
            }
        }
        return BUCKETS;
    }

    /** Forgets everything recorded so far. */
    public void reset() {
        for (int i = 0; i <= BUCKETS; i++) {
            counts.set(i, 0);
        }
    }
}
