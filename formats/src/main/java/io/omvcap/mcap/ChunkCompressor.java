package io.omvcap.mcap;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;

/**
 * Compresses chunk records for the writer, reusing one zstd context; not thread-safe. A small
 * chunk (one closed by its age limit, so the data rate is low) is compressed at a high zstd level:
 * small inputs compress worst, and at most {@link #SMALL_CHUNK} bytes a chunk the effort stays a
 * few milliseconds.
 */
final class ChunkCompressor implements AutoCloseable {
    /** Chunks up to this size get {@link #SMALL_CHUNK_LEVEL}. */
    static final int SMALL_CHUNK = 64 * 1024;
    /** zstd level for small chunks (never below the configured level). */
    static final int SMALL_CHUNK_LEVEL = 15;

    private final int zstdLevel;
    private ZstdCompressCtx zstd;
    private int currentLevel;

    ChunkCompressor(int zstdLevel) {
        this.zstdLevel = zstdLevel;
    }

    /** Appends {@code src[off, off+len)} compressed with {@code compression} to {@code out}. */
    void compress(Compression compression, byte[] src, int off, int len, ByteSink out) {
        switch (compression) {
            case NONE -> out.putBytes(src, off, len);
            case LZ4 -> Lz4Frame.encode(src, off, len, out);
            case ZSTD -> {
                int level = len <= SMALL_CHUNK ? Math.max(zstdLevel, SMALL_CHUNK_LEVEL) : zstdLevel;
                if (zstd == null) {
                    zstd = new ZstdCompressCtx().setContentSize(true).setChecksum(false);
                    currentLevel = Integer.MIN_VALUE;
                }
                if (level != currentLevel) {
                    zstd.setLevel(level);
                    currentLevel = level;
                }
                out.ensure(Zstd.compressBound(len));
                int n = zstd.compressByteArray(out.array(), out.size(), out.capacity() - out.size(), src, off, len);
                out.setSize(out.size() + n);
            }
            default -> throw new AssertionError(compression);
        }
    }

    @Override
    public void close() {
        if (zstd != null) {
            zstd.close();
            zstd = null;
        }
    }
}
