package io.omvcap.parquet;

import java.util.Locale;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Page compression of the exported Parquet files. */
public enum ExportCompression {
    /** Zstandard (zstd-jni), the default: small files, fast. */
    ZSTD(CompressionCodecName.ZSTD),
    /** Snappy (snappy-java): what older readers expect. */
    SNAPPY(CompressionCodecName.SNAPPY),
    /** Uncompressed pages. */
    NONE(CompressionCodecName.UNCOMPRESSED);

    private final CompressionCodecName codec;

    ExportCompression(CompressionCodecName codec) {
        this.codec = codec;
    }

    /** The Parquet codec. */
    CompressionCodecName codec() {
        return codec;
    }

    /** The name used on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The compression named {@code s} (case-insensitive), or {@code null}. */
    public static ExportCompression parse(String s) {
        for (ExportCompression c : values()) {
            if (c.cliName().equalsIgnoreCase(s)) {
                return c;
            }
        }
        return null;
    }
}
