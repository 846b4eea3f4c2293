package io.omvcap.record;

import java.time.Duration;

/** Reconnect delays: doubling from a first delay up to a ceiling; reset after a good connection. */
public final class Backoff {
    private final long firstMillis;
    private final long maxMillis;
    private long next;

    /** Delays from {@code first} doubling up to {@code max}. */
    public Backoff(Duration first, Duration max) {
        this.firstMillis = Math.max(1, first.toMillis());
        this.maxMillis = Math.max(firstMillis, max.toMillis());
        this.next = firstMillis;
    }

    /** The next delay, and doubles the one after. */
    public Duration next() {
        long d = next;
        next = Math.min(maxMillis, next * 2);
        return Duration.ofMillis(d);
    }

    /** Back to the first delay. */
    public void reset() {
        next = firstMillis;
    }
}
