package io.omvcap.record;

import io.omvcap.mcap.Compression;
import io.omvcap.mcap.FsyncPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a recording stores its archive, shared by {@code record} and {@code tap}: where, rotation,
 * compression, fsync, the disk guards and the heartbeat interval.
 *
 * @param out          output folder, or a file name (segments get {@code -NNN} suffixes)
 * @param rotateSize   start a new file after this many bytes, 0 for never
 * @param rotateTime   start a new file after this long, or null for never
 * @param compression  chunk compression
 * @param minFreeSpace react when free disk space falls below this many bytes, 0 for never
 * @param onLowSpace   how to react
 * @param maxTotalSize delete the oldest finished segments to keep the recording under this size, 0 for no cap
 * @param heartbeat    interval of the {@code /recorder/stats} heartbeat
 * @param fsync        fsync policy of the archive
 */
public record StorageOptions(Path out, long rotateSize, Duration rotateTime, Compression compression,
        long minFreeSpace, LowSpacePolicy onLowSpace, long maxTotalSize, Duration heartbeat, FsyncPolicy fsync) {

    /** Validates the fields. */
    public StorageOptions {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(onLowSpace, "onLowSpace");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(fsync, "fsync");
    }

    /** Defaults writing to {@code out}: zstd, interval fsync, 5 s heartbeat, no rotation, no guards. */
    public static StorageOptions defaults(Path out) {
        return new StorageOptions(out, 0, null, Compression.ZSTD, 0, LowSpacePolicy.STOP, 0, Duration.ofSeconds(5),
                FsyncPolicy.INTERVAL);
    }

    /** A copy with rotation settings. */
    public StorageOptions withRotation(long size, Duration time) {
        return new StorageOptions(out, size, time, compression, minFreeSpace, onLowSpace, maxTotalSize, heartbeat, fsync);
    }

    /** A copy with disk guards. */
    public StorageOptions withDiskGuard(long minFree, LowSpacePolicy policy, long maxTotal) {
        return new StorageOptions(out, rotateSize, rotateTime, compression, minFree, policy, maxTotal, heartbeat, fsync);
    }

    /** A copy with another heartbeat interval. */
    public StorageOptions withHeartbeat(Duration d) {
        return new StorageOptions(out, rotateSize, rotateTime, compression, minFreeSpace, onLowSpace, maxTotalSize, d, fsync);
    }

    /** A copy with compression and fsync policy. */
    public StorageOptions withArchive(Compression c, FsyncPolicy f) {
        return new StorageOptions(out, rotateSize, rotateTime, c, minFreeSpace, onLowSpace, maxTotalSize, heartbeat, f);
    }
}
