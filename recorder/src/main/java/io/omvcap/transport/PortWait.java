package io.omvcap.transport;

import io.omvcap.link.ByteLink;
import io.omvcap.transport.PortUnavailableException.Reason;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Whether, and how long, opening a link at start waits for a port that is not there yet (a cam
 * plugged in after the field computer booted, a TCP cam still starting): {@link #NONE} fails at
 * once, {@link #FOREVER} waits until stopped, {@link #upTo} gives up after a limit.
 *
 * <p>A missing port (no such device, nothing listening) is waited for. A port that is there but
 * cannot be opened (busy, no permission) is retried for {@link #SETTLE}, since udev sets the
 * permissions of a new device and ModemManager probes new USB modems in their first seconds; then
 * its error stands. Unknown schemes fail at once.
 *
 * @param enabled whether to wait at all
 * @param limit   the longest wait, or null for no limit (ignored when not enabled)
 */
public record PortWait(boolean enabled, Duration limit) {
    /** Fail at once when the port is missing. */
    public static final PortWait NONE = new PortWait(false, null);
    /** Wait until the port appears or the caller stops. */
    public static final PortWait FOREVER = new PortWait(true, null);
    /** How long a port that has appeared may stay busy or unreadable before its error counts. */
    public static final Duration SETTLE = Duration.ofSeconds(5);

    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY = Duration.ofSeconds(1);
    private static final long STOP_CHECK_NANOS = 50_000_000;

    /** Validates the limit. */
    public PortWait {
        if (limit != null && (limit.isNegative() || limit.isZero())) {
            throw new IllegalArgumentException("the port wait limit must be positive");
        }
    }

    /** Wait at most {@code limit}. */
    public static PortWait upTo(Duration limit) {
        return new PortWait(true, limit);
    }

    /** {@code forever}, {@code up to 5m}, or {@code no wait}. */
    public String describe() {
        return !enabled ? "no wait" : limit == null ? "forever" : "up to " + text(limit);
    }

    /**
     * Opens the link {@code spec} names, waiting for it as configured. {@code status} receives one
     * line when the wait starts and one when the port appears.
     *
     * @param stop polled while waiting; when it turns true the wait ends with an empty result
     * @return the open link, or empty when stopped before the port appeared
     * @throws PortUnavailableException when the port did not appear within the limit, or cannot
     *                                  be opened for another reason
     * @throws IOException              from the transport, as {@link Transports#open} throws it
     */
    public Optional<ByteLink> open(String spec, BooleanSupplier stop, Consumer<String> status) throws IOException {
        if (!enabled || !Transports.schemes().contains(LinkSpec.parse(spec).scheme())) {
            return Optional.of(Transports.open(spec)); // unknown schemes fail at once, whatever the setting
        }
        long start = System.nanoTime();
        long appearedAt = -1;
        boolean announced = false;
        long delay = FIRST_RETRY.toNanos();
        while (true) {
            try {
                ByteLink link = Transports.open(spec);
                if (announced) {
                    status.accept(spec + " appeared after " + text(Duration.ofNanos(System.nanoTime() - start)));
                }
                return Optional.of(link);
            } catch (PortUnavailableException e) {
                long now = System.nanoTime();
                if (e.reason() != Reason.MISSING) {
                    if (appearedAt < 0) {
                        appearedAt = now;
                    }
                    if (now - appearedAt >= SETTLE.toNanos()) {
                        throw e;
                    }
                } else {
                    appearedAt = -1;
                }
                if (limit != null && now - start >= limit.toNanos()) {
                    throw new PortUnavailableException(e.reason(), e.reason() == Reason.MISSING
                            ? spec + " did not appear within " + text(limit) + " (" + e.getMessage() + ")"
                            : e.getMessage(), e);
                }
                if (!announced) {
                    status.accept("waiting for " + spec + (e.reason() == Reason.MISSING ? " to appear" : "") + " ("
                            + describe() + "): " + e.getMessage());
                    announced = true;
                }
            }
            long until = System.nanoTime() + delay;
            if (limit != null) {
                until = Math.min(until, start + limit.toNanos());
            }
            if (!pause(until, stop)) {
                return Optional.empty();
            }
            delay = Math.min(MAX_RETRY.toNanos(), delay * 2);
        }
    }

    /** {@code 2h}, {@code 5m}, {@code 1m30s}, {@code 2.5s}. */
    static String text(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0 || ms < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0).replace(".0s", "s");
        }
        long s = ms / 1000;
        String out = (s >= 3600 ? s / 3600 + "h" : "") + (s % 3600 / 60 != 0 ? s % 3600 / 60 + "m" : "")
                + (s % 60 != 0 ? s % 60 + "s" : "");
        return out;
    }

    /** Sleeps until {@code until}; false when {@code stop} turned true (or the thread was interrupted). */
    private static boolean pause(long until, BooleanSupplier stop) {
        while (true) {
            if (stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                return false;
            }
            long left = until - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(left, STOP_CHECK_NANOS) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
