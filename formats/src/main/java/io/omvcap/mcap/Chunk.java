package io.omvcap.mcap;

import java.util.Arrays;
import java.util.Objects;

/**
 * Chunk (op 0x06): a batch of Schema, Channel and Message records, possibly compressed.
 *
 * @param messageStartTime earliest message log time in the chunk, 0 if none
 * @param messageEndTime   latest message log time in the chunk, 0 if none
 * @param uncompressedSize size of the records once decompressed
 * @param uncompressedCrc  CRC-32 of the decompressed records, 0 = not available
 * @param compression      {@code ""}, {@code zstd}, {@code lz4} or another name
 * @param records          the (compressed) records bytes (not copied)
 */
public record Chunk(long messageStartTime, long messageEndTime, long uncompressedSize, long uncompressedCrc,
                    String compression, byte[] records) implements McapRecord {
    public Chunk {
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(records, "records");
    }

    @Override
    public int opcode() {
        return Opcode.CHUNK.code();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Chunk c && c.messageStartTime == messageStartTime && c.messageEndTime == messageEndTime
                && c.uncompressedSize == uncompressedSize && c.uncompressedCrc == uncompressedCrc
                && c.compression.equals(compression) && Arrays.equals(c.records, records);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageStartTime, messageEndTime, uncompressedSize, uncompressedCrc, compression) * 31
                + Arrays.hashCode(records);
    }

    @Override
    public String toString() {
        return "Chunk[start=" + Long.toUnsignedString(messageStartTime) + ", end=" + Long.toUnsignedString(messageEndTime)
                + ", uncompressedSize=" + uncompressedSize + ", compression=" + compression
                + ", records=" + records.length + " bytes]";
    }
}
