package io.omvcap.mcap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Chunk Index (op 0x08, summary section): where a chunk and its message indexes are.
 *
 * @param messageStartTime    earliest message log time in the chunk
 * @param messageEndTime      latest message log time in the chunk
 * @param chunkStartOffset    file offset of the Chunk record
 * @param chunkLength         length of the Chunk record including opcode and length prefix
 * @param messageIndexOffsets channel id to file offset of its MessageIndex record (copied)
 * @param messageIndexLength  total length of the MessageIndex records after the chunk
 * @param compression         the chunk's compression name
 * @param compressedSize      size of the chunk's records field on disk
 * @param uncompressedSize    size of the records once decompressed
 */
public record ChunkIndex(long messageStartTime, long messageEndTime, long chunkStartOffset, long chunkLength,
                         Map<Integer, Long> messageIndexOffsets, long messageIndexLength, String compression,
                         long compressedSize, long uncompressedSize) implements McapRecord {
    public ChunkIndex {
        Objects.requireNonNull(compression, "compression");
        messageIndexOffsets = Collections.unmodifiableMap(new LinkedHashMap<>(messageIndexOffsets));
    }

    @Override
    public int opcode() {
        return Opcode.CHUNK_INDEX.code();
    }
}
