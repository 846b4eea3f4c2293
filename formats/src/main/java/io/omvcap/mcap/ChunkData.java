package io.omvcap.mcap;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;

/**
 * The decompressed records of one chunk: {@code buf[off, off+length)}. {@link #decode} bounds
 * every allocation by the declared uncompressed size and a caller's limit, and grows output only
 * as it is produced when the declared size is implausibly large for the compressed input, so a
 * hostile size field cannot make a reader allocate memory the data does not back.
 */
record ChunkData(byte[] buf, int off, int length) {
    /** Declared sizes up to this are allocated up front. */
    private static final long ONE_SHOT_MIN = 1 << 20;
    /** ... as are sizes up to this multiple of the compressed size. */
    private static final long ONE_SHOT_RATIO = 32;
    private static final int STREAM_STEP = 64 * 1024;

    /**
     * Decompresses and CRC-checks the records of the chunk whose header is {@code h}, parsed from
     * {@code src}. Uncompressed chunks are returned in place; others go to {@code scratch}.
     */
    static ChunkData decode(ChunkHeader h, byte[] src, ByteSink scratch, long maxUncompressed, long chunkOffset,
                            boolean validateCrc) throws McapFormatException {
        long size = h.uncompressedSize();
        long limit = Math.min(maxUncompressed, Mcap.MAX_ARRAY_LENGTH);
        if (size < 0 || size > limit) {
            throw new McapFormatException("chunk uncompressed size " + Long.toUnsignedString(size)
                    + " exceeds limit " + limit, chunkOffset);
        }
        int off = h.recordsOffset();
        int len = h.recordsLength();
        ChunkData data;
        Compression compression = Compression.fromWireName(h.compression());
        if (compression == null) {
            throw new McapFormatException("unsupported chunk compression '" + h.compression() + "'", chunkOffset);
        }
        if (compression == Compression.NONE || (len == 0 && size == 0)) {
            if (len != size) {
                throw new McapFormatException("chunk records length " + len + " differs from uncompressed size "
                        + size, chunkOffset);
            }
            data = new ChunkData(src, off, len);
        } else {
            scratch.reset();
            if (compression == Compression.ZSTD) {
                zstd(src, off, len, size, scratch, chunkOffset);
            } else {
                Lz4Frame.decode(src, off, len, scratch, size, chunkOffset);
            }
            if (scratch.size() != size) {
                throw new McapFormatException("chunk decompressed to " + scratch.size()
                        + " bytes, declared uncompressed size " + size, chunkOffset);
            }
            data = new ChunkData(scratch.array(), 0, scratch.size());
        }
        if (validateCrc && h.uncompressedCrc() != 0) {
            CRC32 crc = new CRC32();
            crc.update(data.buf, data.off, data.length);
            if (crc.getValue() != h.uncompressedCrc()) {
                throw new McapFormatException("chunk CRC mismatch (computed " + crc.getValue() + ", stored "
                        + h.uncompressedCrc() + ")", chunkOffset);
            }
        }
        return data;
    }

    private static void zstd(byte[] src, int off, int len, long size, ByteSink out, long chunkOffset)
            throws McapFormatException {
        if (size <= Math.max(ONE_SHOT_MIN, ONE_SHOT_RATIO * len)) {
            out.ensure(size);
            long n;
            try {
                n = Zstd.decompressByteArray(out.array(), 0, (int) size, src, off, len);
            } catch (RuntimeException e) {
                throw new McapFormatException("zstd: " + e.getMessage() + " in chunk", chunkOffset, e);
            }
            if (Zstd.isError(n)) {
                throw new McapFormatException("zstd: " + Zstd.getErrorName(n) + " in chunk", chunkOffset);
            }
            out.setSize((int) n);
            return;
        }
        try (InputStream in = new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(src, off, len))) {
            while (true) {
                long room = size + 1 - out.size();
                out.ensure(Math.min(STREAM_STEP, room));
                int n = in.read(out.array(), out.size(), (int) Math.min(out.capacity() - out.size(), room));
                if (n < 0) {
                    return;
                }
                out.setSize(out.size() + n);
                if (out.size() > size) {
                    throw new McapFormatException("zstd: output exceeds declared uncompressed size " + size
                            + " in chunk", chunkOffset);
                }
            }
        } catch (McapFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new McapFormatException("zstd: " + e.getMessage() + " in chunk", chunkOffset, e);
        }
    }
}
