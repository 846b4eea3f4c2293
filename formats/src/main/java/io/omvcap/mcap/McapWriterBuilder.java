package io.omvcap.mcap;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/** Settings for a {@link McapWriter}; obtain one with {@link McapWriter#builder()}. */
public final class McapWriterBuilder {
    /** Default uncompressed chunk size at which a chunk is closed: 1 MiB. */
    public static final int DEFAULT_CHUNK_SIZE = 1 << 20;
    /** Default age at which a chunk is closed: 1 s. */
    public static final Duration DEFAULT_CHUNK_MAX_AGE = Duration.ofSeconds(1);
    /** Default zstd level: fast, still a good ratio on camera frames. */
    public static final int DEFAULT_ZSTD_LEVEL = 1;

    String profile = "";
    String library = "omvcap";
    Compression compression = Compression.ZSTD;
    int zstdLevel = DEFAULT_ZSTD_LEVEL;
    int chunkSize = DEFAULT_CHUNK_SIZE;
    long chunkMaxAgeNanos = DEFAULT_CHUNK_MAX_AGE.toNanos();
    FsyncPolicy fsyncPolicy = FsyncPolicy.INTERVAL;
    long fsyncIntervalNanos = Duration.ofSeconds(1).toNanos();
    LongSupplier clock = System::nanoTime;

    McapWriterBuilder() {
    }

    /** Header profile, e.g. {@code openmv}. */
    public McapWriterBuilder profile(String profile) {
        this.profile = Objects.requireNonNull(profile);
        return this;
    }

    /** Header library, e.g. {@code omvcap 0.1.0}. */
    public McapWriterBuilder library(String library) {
        this.library = Objects.requireNonNull(library);
        return this;
    }

    /** Chunk compression; default zstd. */
    public McapWriterBuilder compression(Compression compression) {
        this.compression = Objects.requireNonNull(compression);
        return this;
    }

    /** zstd level (1–19, negative for faster); default {@value #DEFAULT_ZSTD_LEVEL}. */
    public McapWriterBuilder zstdLevel(int level) {
        this.zstdLevel = level;
        return this;
    }

    /** Uncompressed size in bytes at which the open chunk is closed; default 1 MiB. */
    public McapWriterBuilder chunkSize(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("chunk size must be positive: " + bytes);
        }
        this.chunkSize = bytes;
        return this;
    }

    /** Age at which the open chunk is closed; {@code Duration.ZERO} or {@code null} disables it. Default 1 s. */
    public McapWriterBuilder chunkMaxAge(Duration age) {
        this.chunkMaxAgeNanos = age == null || age.isZero() || age.isNegative() ? 0 : age.toNanos();
        return this;
    }

    /** When to fsync; default {@link FsyncPolicy#INTERVAL}. */
    public McapWriterBuilder fsyncPolicy(FsyncPolicy policy) {
        this.fsyncPolicy = Objects.requireNonNull(policy);
        return this;
    }

    /** Minimum time between fsyncs under {@link FsyncPolicy#INTERVAL}; default 1 s. */
    public McapWriterBuilder fsyncInterval(Duration interval) {
        this.fsyncIntervalNanos = interval.toNanos();
        return this;
    }

    /** Monotonic nanosecond clock for chunk ages and fsync intervals; default {@link System#nanoTime()}. */
    public McapWriterBuilder clock(LongSupplier nanoClock) {
        this.clock = Objects.requireNonNull(nanoClock);
        return this;
    }

    /** Creates (or truncates) {@code file} and writes the magic and Header. */
    public McapWriter open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        try {
            return new McapWriter(this, new WriterOutput(ch));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Writes to {@code channel}, which must be at position 0; the writer closes it. */
    public McapWriter open(FileChannel channel) throws IOException {
        return new McapWriter(this, new WriterOutput(channel));
    }

    /** Writes to {@code stream}, flushing it after every chunk; the writer closes it. */
    public McapWriter open(OutputStream stream) throws IOException {
        return new McapWriter(this, new WriterOutput(stream));
    }
}
