package io.omvcap.parquet;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link ParquetExport} writes and where.
 *
 * @param out            the dataset folder
 * @param tables         the tables to write
 * @param frames         where frame images go
 * @param compression    page compression
 * @param rowGroupBytes  target row-group size in bytes (before compression)
 * @param packetPayloads whether {@code packets} carries each packet's payload bytes
 * @param force          write into an existing folder that is not an omvcap dataset
 * @param skipBad        carry on past unreadable inputs (reported; the result is partial)
 */
public record ExportOptions(Path out, Set<ExportTable> tables, FrameMode frames, ExportCompression compression,
        long rowGroupBytes, boolean packetPayloads, boolean force, boolean skipBad) {
    /** Default row-group size: large enough for scans, small enough for the heap (64 MiB). */
    public static final long DEFAULT_ROW_GROUP_BYTES = 64L << 20;
    /** Smallest row group accepted. */
    public static final long MIN_ROW_GROUP_BYTES = 1L << 20;
    /** Largest row group accepted (row groups are buffered in memory while written). */
    public static final long MAX_ROW_GROUP_BYTES = 1L << 30;
    /** Page size. */
    static final int PAGE_BYTES = 1 << 20;

    /** Validates and copies. */
    public ExportOptions {
        Objects.requireNonNull(out, "out");
        tables = tables == null || tables.isEmpty() ? EnumSet.allOf(ExportTable.class) : EnumSet.copyOf(tables);
        frames = frames == null ? FrameMode.INLINE : frames;
        compression = compression == null ? ExportCompression.ZSTD : compression;
        if (rowGroupBytes < MIN_ROW_GROUP_BYTES || rowGroupBytes > MAX_ROW_GROUP_BYTES) {
            throw new IllegalArgumentException("row-group size must be between 1 MiB and 1 GiB, got " + rowGroupBytes);
        }
    }

    /** Every table, frames inline, zstd, 64 MiB row groups, no payloads, no force, no skipping. */
    public static ExportOptions defaults(Path out) {
        return new ExportOptions(out, EnumSet.allOf(ExportTable.class), FrameMode.INLINE, ExportCompression.ZSTD,
                DEFAULT_ROW_GROUP_BYTES, false, false, false);
    }

    /** A copy with other tables. */
    public ExportOptions withTables(Set<ExportTable> t) {
        return new ExportOptions(out, t, frames, compression, rowGroupBytes, packetPayloads, force, skipBad);
    }

    /** A copy with another frame mode. */
    public ExportOptions withFrames(FrameMode m) {
        return new ExportOptions(out, tables, m, compression, rowGroupBytes, packetPayloads, force, skipBad);
    }

    /** A copy with another compression. */
    public ExportOptions withCompression(ExportCompression c) {
        return new ExportOptions(out, tables, frames, c, rowGroupBytes, packetPayloads, force, skipBad);
    }

    /** A copy with another row-group size. */
    public ExportOptions withRowGroupBytes(long n) {
        return new ExportOptions(out, tables, frames, compression, n, packetPayloads, force, skipBad);
    }

    /** A copy with packet payloads on or off. */
    public ExportOptions withPacketPayloads(boolean on) {
        return new ExportOptions(out, tables, frames, compression, rowGroupBytes, on, force, skipBad);
    }

    /** A copy with {@code --force} on or off. */
    public ExportOptions withForce(boolean on) {
        return new ExportOptions(out, tables, frames, compression, rowGroupBytes, packetPayloads, on, skipBad);
    }

    /** A copy with {@code --skip-bad} on or off. */
    public ExportOptions withSkipBad(boolean on) {
        return new ExportOptions(out, tables, frames, compression, rowGroupBytes, packetPayloads, force, on);
    }

    /** Whether {@code t} is exported. */
    public boolean has(ExportTable t) {
        return tables.contains(t);
    }
}
