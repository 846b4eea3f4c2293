package io.omvcap.mcap;

/**
 * The fields of a Chunk record before its records bytes, plus where those bytes sit in the buffer
 * the record was parsed from. Lets readers decompress without copying the compressed bytes.
 */
record ChunkHeader(long messageStartTime, long messageEndTime, long uncompressedSize, long uncompressedCrc,
                   String compression, int recordsOffset, int recordsLength) {

    /** Parses the content of a Chunk record that starts at file offset {@code recordOffset}. */
    static ChunkHeader parse(byte[] buf, int off, int len, long recordOffset) throws McapFormatException {
        FieldReader r = new FieldReader(buf, off, len, recordOffset + Mcap.RECORD_HEADER_LENGTH, -1);
        long start = r.u64("chunk message_start_time");
        long end = r.u64("chunk message_end_time");
        long uncompressedSize = r.u64("chunk uncompressed_size");
        long crc = r.u32("chunk uncompressed_crc");
        String compression = r.string("chunk compression");
        long recordsLength = r.u64("chunk records length");
        if (recordsLength < 0 || recordsLength > r.remaining()) {
            throw r.error("chunk records length " + Long.toUnsignedString(recordsLength) + " exceeds remaining "
                    + r.remaining() + " bytes");
        }
        int recordsOffset = off + (len - r.remaining());
        return new ChunkHeader(start, end, uncompressedSize, crc, compression, recordsOffset, (int) recordsLength);
    }

    /** The full Chunk record, copying the records bytes out of {@code buf}. */
    Chunk toChunk(byte[] buf) {
        byte[] records = new byte[recordsLength];
        System.arraycopy(buf, recordsOffset, records, 0, recordsLength);
        return new Chunk(messageStartTime, messageEndTime, uncompressedSize, uncompressedCrc, compression, records);
    }
}
