package io.omvcap.replay;

/**
 * Where a real-time replay is on the recording's time line: recorded time passes at the speed
 * factor from an anchor (the host's first request), and can be moved ahead when the host makes
 * something happen earlier than recorded (a soft reboot it asked for).
 */
final class ReplayClock {
    private final double factor;
    private long anchorRecorded;
    private long anchorWall;

    /** A clock at recorded time {@code start} until {@link #start} anchors it. */
    ReplayClock(double factor, long start) {
        this.factor = factor;
        this.anchorRecorded = start;
    }

    /** Recorded time starts passing now. */
    void start(long wallNanos) {
        anchorWall = wallNanos;
    }

    /** The recorded time it is now. */
    long now() {
        return anchorRecorded + (long) ((System.nanoTime() - anchorWall) * factor);
    }

    /** Jumps ahead to recorded time {@code time} (never back). */
    void jumpTo(long time) {
        if (time > now()) {
            anchorRecorded = time;
            anchorWall = System.nanoTime();
        }
    }
}
