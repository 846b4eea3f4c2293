package io.omvcap.device;

/** A {@link CamClock} that only moves when told to; for deterministic tests and replays. */
public final class ManualClock implements CamClock {
    private long now;

    /** A clock at {@code start} ms. */
    public ManualClock(long start) {
        this.now = start;
    }

    @Override
    public long millis() {
        return now;
    }

    /** Moves the clock to {@code millis}; it never goes back. */
    public void set(long millis) {
        if (millis < now) {
            throw new IllegalArgumentException("clock cannot go back from " + now + " to " + millis);
        }
        now = millis;
    }

    /** Moves the clock forward by {@code millis}. */
    public void advance(long millis) {
        set(now + millis);
    }
}
