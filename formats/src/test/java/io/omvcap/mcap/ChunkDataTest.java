package io.omvcap.mcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** Chunk decompression: both size policies, and declared sizes that the data does not back. */
class ChunkDataTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static ChunkHeader header(String compression, long size, byte[] records, long crc) {
        return new ChunkHeader(0, 0, size, crc, compression, 0, records.length);
    }

    private static long crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return c.getValue();
    }

    @Test
    void highlyCompressibleChunksUseTheGrowingPathAndRoundTrip() throws McapFormatException {
        byte[] data = new byte[8 << 20];
        for (int i = 0; i < data.length; i += 4096) {
            data[i] = (byte) i;
        }
        byte[] zstd = Zstd.compress(data, 1);
        assertTrue(zstd.length * 32L < data.length, "ratio above the one-shot bound: " + zstd.length);
        ByteSink lz4 = new ByteSink(16);
        Lz4Frame.encode(data, 0, data.length, lz4);
        byte[] lz4Bytes = Arrays.copyOf(lz4.array(), lz4.size());
        for (Object[] c : new Object[][] {{"zstd", zstd}, {"lz4", lz4Bytes}}) {
            byte[] src = (byte[]) c[1];
            ChunkData out = ChunkData.decode(header((String) c[0], data.length, src, crc(data)), src,
                    new ByteSink(0), McapReadOptions.DEFAULT_MAX_CHUNK_UNCOMPRESSED_SIZE, 77, true);
            assertArrayEquals(data, Arrays.copyOfRange(out.buf(), out.off(), out.off() + out.length()));
        }
    }

    @Test
    void declaredSizeNotBackedByDataFailsWithoutAllocatingIt() {
        byte[] small = Zstd.compress(new byte[1000], 1);
        long tid = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(tid);
        McapFormatException e = assertThrows(McapFormatException.class, () -> ChunkData.decode(
                header("zstd", 500_000_000L, small, 0), small, new ByteSink(0), 1L << 30, 99, true));
        assertTrue(THREADS.getThreadAllocatedBytes(tid) - before < 8 << 20, "allocation bounded");
        assertEquals("chunk decompressed to 1000 bytes, declared uncompressed size 500000000 at offset 99",
                e.getMessage());
    }

    @Test
    void limitsAndUnsupportedCompression() {
        byte[] b = {1, 2, 3};
        assertEquals("chunk uncompressed size 2000 exceeds limit 1000 at offset 5", assertThrows(
                McapFormatException.class, () -> ChunkData.decode(header("zstd", 2000, b, 0), b, new ByteSink(0),
                        1000, 5, true)).getMessage());
        assertEquals("unsupported chunk compression 'bz2' at offset 5", assertThrows(McapFormatException.class,
                () -> ChunkData.decode(header("bz2", 3, b, 0), b, new ByteSink(0), 1000, 5, true)).getMessage());
        assertEquals("chunk records length 3 differs from uncompressed size 4 at offset 5", assertThrows(
                McapFormatException.class, () -> ChunkData.decode(header("", 4, b, 0), b, new ByteSink(0), 1000, 5,
                        true)).getMessage());
    }
}
