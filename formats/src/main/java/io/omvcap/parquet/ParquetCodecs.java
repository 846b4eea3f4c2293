package io.omvcap.parquet;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * The page codecs the export writes with, over zstd-jni and snappy-java directly. parquet-java's
 * own factory loads Hadoop's codec classes (even for uncompressed pages), which this tool does not
 * ship; this one needs nothing of Hadoop. Only compression is offered: the export never reads.
 */
final class ParquetCodecs implements CompressionCodecFactory {
    /** zstd level: 3 is zstd's and parquet-java's default; faster levels barely pay for sensor data. */
    static final int ZSTD_LEVEL = 3;

    /**
     * Fails with one line when the chosen codec's native library cannot load on this machine
     * (snappy-java has no hard-float build for 32-bit ARM, such as Raspberry Pi OS 32-bit), before
     * anything is written.
     */
    static void requireAvailable(ExportCompression compression) throws ExportException {
        if (compression != ExportCompression.SNAPPY) {
            return;
        }
        try {
            Snappy.compress(new byte[1]);
        } catch (LinkageError | Exception e) {
            throw new ExportException("snappy compression is not available on this machine ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage().lines()
                    .findFirst().orElse("")) + "); use --compression zstd (the default) or none");
        }
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Compressor(codec) {
                @Override
                public BytesInput compress(BytesInput bytes) {
                    return bytes;
                }
            };
            case ZSTD -> new Compressor(codec) {
                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    byte[] in = bytes.toByteArray();
                    byte[] out = new byte[(int) Zstd.compressBound(in.length)];
                    long n = Zstd.compressByteArray(out, 0, out.length, in, 0, in.length, ZSTD_LEVEL);
                    if (Zstd.isError(n)) {
                        throw new IOException("zstd compression failed: " + Zstd.getErrorName(n));
                    }
                    return BytesInput.from(out, 0, (int) n);
                }
            };
            case SNAPPY -> new Compressor(codec) {
                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    byte[] in = bytes.toByteArray();
                    byte[] out = new byte[Snappy.maxCompressedLength(in.length)];
                    int n = Snappy.compress(in, 0, in.length, out, 0);
                    return BytesInput.from(out, 0, n);
                }
            };
            default -> throw new IllegalArgumentException("unsupported Parquet codec " + codec);
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("the export only writes Parquet");
    }

    @Override
    public void release() {
    }

    /** A stateless compressor of one codec. */
    private abstract static class Compressor implements BytesInputCompressor {
        private final CompressionCodecName codec;

        Compressor(CompressionCodecName codec) {
            this.codec = codec;
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
        }
    }
}
