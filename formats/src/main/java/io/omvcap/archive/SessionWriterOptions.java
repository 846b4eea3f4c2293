package io.omvcap.archive;

import io.omvcap.mcap.Compression;
import io.omvcap.mcap.FsyncPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How a session archive is written.
 *
 * @param compression  chunk compression (zstd by default)
 * @param chunkSize    uncompressed bytes at which a chunk is closed
 * @param chunkMaxAge  age at which a chunk is closed (bounds the data lost by a kill)
 * @param fsync        when to fsync
 * @param library      the MCAP header library string, e.g. {@code omvcap 0.1.0}
 */
public record SessionWriterOptions(Compression compression, int chunkSize, Duration chunkMaxAge, FsyncPolicy fsync,
        String library) {
    /**
     * Defaults: zstd, 1 MiB or 0.9 s chunks (the age limit is checked at every write, so a
     * {@code kill -9} loses less than a second), fsync at most once a second.
     */
    public static final SessionWriterOptions DEFAULTS = new SessionWriterOptions(Compression.ZSTD, 1 << 20,
            Duration.ofMillis(900), FsyncPolicy.INTERVAL, io.omvcap.OmvcapVersion.library());

    /** Validates. */
    public SessionWriterOptions {
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(chunkMaxAge, "chunkMaxAge");
        Objects.requireNonNull(fsync, "fsync");
        Objects.requireNonNull(library, "library");
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunk size must be positive");
        }
    }

    /** A copy with another compression. */
    public SessionWriterOptions withCompression(Compression c) {
        return new SessionWriterOptions(c, chunkSize, chunkMaxAge, fsync, library);
    }

    /** A copy with another fsync policy. */
    public SessionWriterOptions withFsync(FsyncPolicy f) {
        return new SessionWriterOptions(compression, chunkSize, chunkMaxAge, f, library);
    }

    /** A copy with another library string. */
    public SessionWriterOptions withLibrary(String l) {
        return new SessionWriterOptions(compression, chunkSize, chunkMaxAge, fsync, l);
    }

    /** A copy with another chunk age. */
    public SessionWriterOptions withChunkMaxAge(Duration age) {
        return new SessionWriterOptions(compression, chunkSize, age, fsync, library);
    }
}
