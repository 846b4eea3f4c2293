package io.omvcap.mcap;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;

/** Compresses chunk records for the writer, reusing one zstd context; not thread-safe. */
final class ChunkCompressor implements AutoCloseable {
    private final int zstdLevel;
    private ZstdCompressCtx zstd;

    ChunkCompressor(int zstdLevel) {
        this.zstdLevel = zstdLevel;
    }

    /** Appends {@code src[off, off+len)} compressed with {@code compression} to {@code out}. */
    void compress(Compression compression, byte[] src, int off, int len, ByteSink out) {
        switch (compression) {
            case NONE -> out.putBytes(src, off, len);
            case LZ4 -> Lz4Frame.encode(src, off, len, out);
            case ZSTD -> {
                if (zstd == null) {
                    zstd = new ZstdCompressCtx().setLevel(zstdLevel).setContentSize(true).setChecksum(false);
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
