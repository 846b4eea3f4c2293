package io.omvcap.record;

import java.time.Duration;

/**
 * When a recording (or a tap) ends, and why: a stop request ({@link #request()} from any thread,
 * or an interrupt of the recording thread, which is remembered and re-asserted at the very end so
 * the last reads do not fail as if the cam were lost), the duration running out, or a reason the
 * recording loop gives itself (an error, the disk guard). Apart from {@link #request()}, for the
 * recording thread only.
 */
public final class StopControl {
    private volatile boolean requested;
    private boolean interrupted;
    private String reason;
    private long deadline = Long.MAX_VALUE;

    /** Asks the recording to finish (thread-safe, returns at once). */
    public void request() {
        requested = true;
    }

    /** Starts the duration now; {@code null} records until stopped. */
    public void startClock(Duration duration) {
        deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
    }

    /** Whether a stop was asked for; an interrupt of the calling thread counts as one (and is cleared). */
    public boolean asked() {
        if (Thread.interrupted()) {
            interrupted();
        }
        return requested;
    }

    /** The recording thread was interrupted while waiting: a stop request, re-asserted by {@link #reassertInterrupt()}. */
    public void interrupted() {
        interrupted = true;
        requested = true;
    }

    /** Whether the recording should end now; sets the reason to "stopped" or "duration reached" when that is why. */
    public boolean due() {
        asked();
        if (requested && reason == null) {
            reason = "stopped";
        }
        if (System.nanoTime() - deadline >= 0 && reason == null) {
            reason = "duration reached";
        }
        return reason != null;
    }

    /** Ends the recording for {@code why} (an error, the disk guard). */
    public void end(String why) {
        reason = why;
    }

    /** Why it ended ("stopped" when nothing more specific was said). */
    public String reason() {
        return reason == null ? "stopped" : reason;
    }

    /** Interrupts the calling thread again when an interrupt was taken as the stop request. */
    public void reassertInterrupt() {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
