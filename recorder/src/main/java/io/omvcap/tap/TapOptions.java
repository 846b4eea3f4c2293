package io.omvcap.tap;

import io.omvcap.record.StorageOptions;
import io.omvcap.serve.ServeTarget;
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
 * @param opener   how the cam's port is opened at start (at once, or waiting for it to appear)
 */
public record TapOptions(String port, ServeTarget host, StorageOptions storage, Duration duration,
        Map<String, String> labels, PortOpener opener) {

    /** Validates and copies. */
    public TapOptions {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(opener, "opener");
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
        return new TapOptions(port, host, StorageOptions.defaults(out), null, Map.of(), PortOpener.IMMEDIATE);
    }

    /** A copy with a duration limit. */
    public TapOptions withDuration(Duration d) {
        return new TapOptions(port, host, storage, d, labels, opener);
    }

    /** A copy with other storage options. */
    public TapOptions withStorage(StorageOptions s) {
        return new TapOptions(port, host, s, duration, labels, opener);
    }

    /** A copy with labels. */
    public TapOptions withLabels(Map<String, String> l) {
        return new TapOptions(port, host, storage, duration, l, opener);
    }

    /** A copy that opens the cam's port at start with {@code o}. */
    public TapOptions withOpener(PortOpener o) {
        return new TapOptions(port, host, storage, duration, labels, o);
    }
}
