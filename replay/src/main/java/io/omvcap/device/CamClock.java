package io.omvcap.device;

/**
 * A cam's millisecond tick counter (MicroPython {@code ticks_ms}): monotonic, starting near zero at
 * boot. Injectable so the protocol engine and the simulated cam can run on a test clock.
 */
@FunctionalInterface
public interface CamClock {
    /** Milliseconds since the cam booted. */
    long millis();

    /** A clock on {@link System#nanoTime()}, zero now. */
    static CamClock system() {
        long origin = System.nanoTime();
        return () -> (System.nanoTime() - origin) / 1_000_000L;
    }
}
