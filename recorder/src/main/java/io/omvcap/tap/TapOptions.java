package io.omvcap.tap;

import io.omvcap.record.StorageOptions;
import io.omvcap.serve.ServeTarget;
import io.omvcap.transport.PortWait;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a tap is configured by.
 *
 * @param port     the cam: a serial port path, {@code tcp://HOST:PORT}, {@code sim:}, or {@code auto}
 * @param host     where host programs connect: a pseudo-terminal (with an optional symlink) or a TCP
 *                 listener; in-process targets are not offered
 * @param storage  archive output, rotation, compression, disk guards, heartbeat, fsync
 * @param duration stop after this long, or null to run until stopped
 * @param labels   user labels stored in the session metadata
 * @param waitForPort whether and how long to wait at start for the cam's port to appear
 */
public record TapOptions(String port, ServeTarget host, StorageOptions storage, Duration duration,
        Map<String, String> labels, PortWait waitForPort) {

    /** Validates and copies. */
    public TapOptions {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(waitForPort, "waitForPort");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        if (host instanceof ServeTarget.InProcess) {
            throw new IllegalArgumentException("a tap serves hosts on a pseudo-terminal or TCP, not in-process");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive");
        }
    }

    /** Defaults: the cam on {@code port}, hosts on {@code host}, archive written to {@code out}, opened at once. */
    public static TapOptions defaults(String port, ServeTarget host, Path out) {
        return new TapOptions(port, host, StorageOptions.defaults(out), null, Map.of(), PortWait.NONE);
    }

    /** A copy with a duration limit. */
    public TapOptions withDuration(Duration d) {
        return new TapOptions(port, host, storage, d, labels, waitForPort);
    }

    /** A copy with other storage options. */
    public TapOptions withStorage(StorageOptions s) {
        return new TapOptions(port, host, s, duration, labels, waitForPort);
    }

    /** A copy with labels. */
    public TapOptions withLabels(Map<String, String> l) {
        return new TapOptions(port, host, storage, duration, l, waitForPort);
    }

    /** A copy that waits for the cam's port at start as {@code o} says. */
    public TapOptions withWaitForPort(PortWait o) {
        return new TapOptions(port, host, storage, duration, labels, o);
    }
}
