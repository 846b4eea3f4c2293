package io.omvcap.record;

import io.omvcap.host.CameraOptions;
import io.omvcap.mcap.Compression;
import io.omvcap.mcap.FsyncPolicy;
import io.omvcap.transport.PortWait;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a recording is configured by.
 *
 * @param port          link spec: a serial port path, {@code tcp://HOST:PORT}, {@code sim:}
 * @param out           output folder, or a file name (segments get {@code -NNN} suffixes)
 * @param script        cam script to upload and run after every connect, or null
 * @param channels      channel names to read; empty reads every readable script channel
 * @param stream        also pull preview frames from the stream channel
 * @param pollInterval  time between CHANNEL_POLLs
 * @param duration      stop after this long, or null to run until stopped
 * @param rotateSize    start a new file after this many bytes, 0 for never
 * @param rotateTime    start a new file after this long, or null for never
 * @param compression   chunk compression
 * @param labels        user labels stored in the session metadata
 * @param minFreeSpace  react when free disk space falls below this many bytes, 0 for never
 * @param onLowSpace    how to react
 * @param maxTotalSize  delete the oldest finished segments to keep the recording under this size, 0 for no cap
 * @param heartbeat     interval of the {@code /recorder/stats} heartbeat
 * @param fsync         fsync policy of the archive
 * @param camera        host protocol options
 * @param mode          session mode written to the metadata ({@code host}, {@code simulated})
 * @param waitForPort   whether and how long to wait at start for a port that is not there yet
 */
public record RecordOptions(String port, Path out, Path script, List<String> channels, boolean stream,
        Duration pollInterval, Duration duration, long rotateSize, Duration rotateTime, Compression compression,
        Map<String, String> labels, long minFreeSpace, LowSpacePolicy onLowSpace, long maxTotalSize,
        Duration heartbeat, FsyncPolicy fsync, CameraOptions camera, String mode, PortWait waitForPort) {

    /** Validates and copies. */
    public RecordOptions {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(out, "out");
        channels = channels == null ? List.of() : List.copyOf(channels);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(onLowSpace, "onLowSpace");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(fsync, "fsync");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(waitForPort, "waitForPort");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive");
        }
    }

    /** Options that fail at once when the port is missing ({@link PortWait#NONE}). */
    public RecordOptions(String port, Path out, Path script, List<String> channels, boolean stream,
            Duration pollInterval, Duration duration, long rotateSize, Duration rotateTime, Compression compression,
            Map<String, String> labels, long minFreeSpace, LowSpacePolicy onLowSpace, long maxTotalSize,
            Duration heartbeat, FsyncPolicy fsync, CameraOptions camera, String mode) {
        this(port, out, script, channels, stream, pollInterval, duration, rotateSize, rotateTime, compression, labels,
                minFreeSpace, onLowSpace, maxTotalSize, heartbeat, fsync, camera, mode, PortWait.NONE);
    }

    /** Defaults for {@code port} writing to {@code out}: zstd, 10 ms polls, 5 s heartbeat, no rotation. */
    public static RecordOptions defaults(String port, Path out) {
        return new RecordOptions(port, out, null, List.of(), false, Duration.ofMillis(10), null, 0, null,
                Compression.ZSTD, Map.of(), 0, LowSpacePolicy.STOP, 0, Duration.ofSeconds(5), FsyncPolicy.INTERVAL,
                CameraOptions.defaults(), "host", PortWait.NONE);
    }

    /** A copy that waits for a missing port at start as {@code wait} says. */
    public RecordOptions withWaitForPort(PortWait wait) {
        return new RecordOptions(port, out, script, channels, stream, pollInterval, duration, rotateSize, rotateTime,
                compression, labels, minFreeSpace, onLowSpace, maxTotalSize, heartbeat, fsync, camera, mode, wait);
    }

    /** The storage part of these options (output, rotation, compression, disk guards, heartbeat, fsync). */
    public StorageOptions storage() {
        return new StorageOptions(out, rotateSize, rotateTime, compression, minFreeSpace, onLowSpace, maxTotalSize,
                heartbeat, fsync);
    }

    /** A copy with a duration limit. */
    public RecordOptions withDuration(Duration d) {
        return new RecordOptions(port, out, script, channels, stream, pollInterval, d, rotateSize, rotateTime,
                compression, labels, minFreeSpace, onLowSpace, maxTotalSize, heartbeat, fsync, camera, mode, waitForPort);
    }

    /** A copy with rotation settings. */
    public RecordOptions withRotation(long size, Duration time) {
        return new RecordOptions(port, out, script, channels, stream, pollInterval, duration, size, time,
                compression, labels, minFreeSpace, onLowSpace, maxTotalSize, heartbeat, fsync, camera, mode, waitForPort);
    }

    /** A copy with stream capture on or off. */
    public RecordOptions withStream(boolean on) {
        return new RecordOptions(port, out, script, channels, on, pollInterval, duration, rotateSize, rotateTime,
                compression, labels, minFreeSpace, onLowSpace, maxTotalSize, heartbeat, fsync, camera, mode, waitForPort);
    }

    /** A copy with another poll interval. */
    public RecordOptions withPollInterval(Duration d) {
        return new RecordOptions(port, out, script, channels, stream, d, duration, rotateSize, rotateTime,
                compression, labels, minFreeSpace, onLowSpace, maxTotalSize, heartbeat, fsync, camera, mode, waitForPort);
    }

    /** A copy with a heartbeat interval. */
    public RecordOptions withHeartbeat(Duration d) {
        return new RecordOptions(port, out, script, channels, stream, pollInterval, duration, rotateSize, rotateTime,
                compression, labels, minFreeSpace, onLowSpace, maxTotalSize, d, fsync, camera, mode, waitForPort);
    }

    /** A copy with a session mode. */
    public RecordOptions withMode(String m) {
        return new RecordOptions(port, out, script, channels, stream, pollInterval, duration, rotateSize, rotateTime,
                compression, labels, minFreeSpace, onLowSpace, maxTotalSize, heartbeat, fsync, camera, m, waitForPort);
    }

    /** A copy with disk guards. */
    public RecordOptions withDiskGuard(long minFree, LowSpacePolicy policy, long maxTotal) {
        return new RecordOptions(port, out, script, channels, stream, pollInterval, duration, rotateSize, rotateTime,
                compression, labels, minFree, policy, maxTotal, heartbeat, fsync, camera, mode, waitForPort);
    }

    /** A copy with a script and channel selection. */
    public RecordOptions withScript(Path s, List<String> chosen) {
        return new RecordOptions(port, out, s, chosen, stream, pollInterval, duration, rotateSize, rotateTime,
                compression, labels, minFreeSpace, onLowSpace, maxTotalSize, heartbeat, fsync, camera, mode, waitForPort);
    }

    /** A copy with labels and compression. */
    public RecordOptions withArchive(Compression c, FsyncPolicy f, Map<String, String> l) {
        return new RecordOptions(port, out, script, channels, stream, pollInterval, duration, rotateSize, rotateTime,
                c, l, minFreeSpace, onLowSpace, maxTotalSize, heartbeat, f, camera, mode, waitForPort);
    }
}
