package io.omvcap.archive;

import java.time.Instant;

/**
 * Turns {@link System#nanoTime()} readings into nanoseconds since the Unix epoch, anchored to the
 * wall clock once, so archive times never jump when the system clock is adjusted.
 *
 * @param anchorWallNanos      epoch nanoseconds at the anchor
 * @param anchorMonotonicNanos {@code System.nanoTime()} at the anchor
 */
public record SessionClock(long anchorWallNanos, long anchorMonotonicNanos) {
    /** Name of this clock in the session metadata. */
    public static final String NAME = "monotonic-anchored-utc";

    /** A clock anchored now. */
    public static SessionClock startNow() {
        Instant now = Instant.now();
        long mono = System.nanoTime();
        return new SessionClock(now.getEpochSecond() * 1_000_000_000L + now.getNano(), mono);
    }

    /** Epoch nanoseconds for a {@code System.nanoTime()} reading. */
    public long toEpochNanos(long monotonicNanos) {
        return anchorWallNanos + (monotonicNanos - anchorMonotonicNanos);
    }

    /** Epoch nanoseconds now. */
    public long nowEpochNanos() {
        return toEpochNanos(System.nanoTime());
    }

    /** The anchor as an instant. */
    public Instant anchor() {
        return Instant.ofEpochSecond(Math.floorDiv(anchorWallNanos, 1_000_000_000L),
                Math.floorMod(anchorWallNanos, 1_000_000_000L));
    }
}
