package io.omvcap.mcap;

/** Chunk compression formats this library reads and writes. */
public enum Compression {
    /** No compression: the empty string on disk. */
    NONE(""),
    /** Zstandard frames. */
    ZSTD("zstd"),
    /** LZ4 frame format (not raw LZ4 blocks). */
    LZ4("lz4");

    private final String wireName;

    Compression(String wireName) {
        this.wireName = wireName;
    }

    /** The string stored in Chunk and ChunkIndex records. */
    public String wireName() {
        return wireName;
    }

    /** The compression named {@code wireName} on disk, or {@code null} if unsupported. */
    public static Compression fromWireName(String wireName) {
        for (Compression c : values()) {
            if (c.wireName.equals(wireName)) {
                return c;
            }
        }
        return null;
    }
}
