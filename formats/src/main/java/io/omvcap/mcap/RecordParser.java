package io.omvcap.mcap;

import java.util.zip.CRC32;

/**
 * Decodes record content into {@link McapRecord} values. Fields are read in specification order;
 * bytes after the known fields are ignored (records may grow new fields), except where the
 * format fixes the length. Every malformed field is a {@link McapFormatException}.
 */
final class RecordParser {
    private RecordParser() {
    }

    /**
     * Parses the content {@code buf[off, off+len)} of a record with {@code opcode}.
     *
     * @param base         offset of the record's first (opcode) byte: a file offset, or a chunk data
     *                     offset when {@code chunkOffset >= 0}
     * @param chunkOffset  file offset of the enclosing chunk, or -1 at top level
     * @param validateCrcs whether to check attachment CRCs
     */
    static McapRecord parse(int opcode, byte[] buf, int off, int len, long base, long chunkOffset,
                            boolean validateCrcs) throws McapFormatException {
        FieldReader r = new FieldReader(buf, off, len, base + Mcap.RECORD_HEADER_LENGTH, chunkOffset);
        Opcode op = Opcode.of(opcode);
        if (op == null) {
            if (opcode == 0) {
                throw FieldReader.error("invalid record opcode 0x00", base, chunkOffset);
            }
            return new UnknownRecord(opcode, r.rest());
        }
        switch (op) {
            case HEADER:
                return new Header(r.string("header profile"), r.string("header library"));
            case FOOTER:
                return new Footer(r.u64("footer summary_start"), r.u64("footer summary_offset_start"),
                        r.u32("footer summary_crc"));
            case SCHEMA:
                return new Schema(r.u16("schema id"), r.string("schema name"), r.string("schema encoding"),
                        r.bytesU32("schema data"));
            case CHANNEL:
                return new Channel(r.u16("channel id"), r.u16("channel schema_id"), r.string("channel topic"),
                        r.string("channel message_encoding"), r.stringMap("channel metadata"));
            case MESSAGE:
                return new Message(r.u16("message channel_id"), r.u32("message sequence"), r.u64("message log_time"),
                        r.u64("message publish_time"), r.rest());
            case CHUNK:
                return ChunkHeader.parse(buf, off, len, base).toChunk(buf);
            case MESSAGE_INDEX:
                return messageIndex(r);
            case CHUNK_INDEX:
                return new ChunkIndex(r.u64("chunk index message_start_time"), r.u64("chunk index message_end_time"),
                        r.u64("chunk index chunk_start_offset"), r.u64("chunk index chunk_length"),
                        r.u16u64Map("chunk index message_index_offsets"), r.u64("chunk index message_index_length"),
                        r.string("chunk index compression"), r.u64("chunk index compressed_size"),
                        r.u64("chunk index uncompressed_size"));
            case ATTACHMENT:
                return attachment(r, buf, off, base, chunkOffset, validateCrcs);
            case ATTACHMENT_INDEX:
                return new AttachmentIndex(r.u64("attachment index offset"), r.u64("attachment index length"),
                        r.u64("attachment index log_time"), r.u64("attachment index create_time"),
                        r.u64("attachment index data_size"), r.string("attachment index name"),
                        r.string("attachment index media_type"));
            case STATISTICS:
                return new Statistics(r.u64("statistics message_count"), r.u16("statistics schema_count"),
                        r.u32("statistics channel_count"), r.u32("statistics attachment_count"),
                        r.u32("statistics metadata_count"), r.u32("statistics chunk_count"),
                        r.u64("statistics message_start_time"), r.u64("statistics message_end_time"),
                        r.u16u64Map("statistics channel_message_counts"));
            case METADATA:
                return new Metadata(r.string("metadata name"), r.stringMap("metadata metadata"));
            case METADATA_INDEX:
                return new MetadataIndex(r.u64("metadata index offset"), r.u64("metadata index length"),
                        r.string("metadata index name"));
            case SUMMARY_OFFSET:
                return new SummaryOffset(r.u8("summary offset group_opcode"), r.u64("summary offset group_start"),
                        r.u64("summary offset group_length"));
            case DATA_END:
                return new DataEnd(r.u32("data end data_section_crc"));
            default:
                throw new AssertionError(op);
        }
    }

    private static MessageIndex messageIndex(FieldReader r) throws McapFormatException {
        int channelId = r.u16("message index channel_id");
        long n = r.u32("message index records length");
        if (n > r.remaining()) {
            throw r.error("message index records length " + n + " exceeds remaining " + r.remaining() + " bytes");
        }
        if (n % MessageIndex.ENTRY_LENGTH != 0) {
            throw r.error("message index records length " + n + " is not a multiple of 16");
        }
        int count = (int) (n / MessageIndex.ENTRY_LENGTH);
        long[] times = new long[count];
        long[] offsets = new long[count];
        for (int i = 0; i < count; i++) {
            times[i] = r.u64("message index log_time");
            offsets[i] = r.u64("message index offset");
        }
        return new MessageIndex(channelId, times, offsets);
    }

    private static Attachment attachment(FieldReader r, byte[] buf, int off, long base, long chunkOffset,
                                         boolean validateCrcs)
            throws McapFormatException {
        long logTime = r.u64("attachment log_time");
        long createTime = r.u64("attachment create_time");
        String name = r.string("attachment name");
        String mediaType = r.string("attachment media_type");
        byte[] data = r.bytesU64("attachment data");
        int covered = r.consumed();
        long crc = r.u32("attachment crc");
        if (validateCrcs && crc != 0) {
            CRC32 c = new CRC32();
            c.update(buf, off, covered);
            if (c.getValue() != crc) {
                throw FieldReader.error("attachment CRC mismatch (computed " + c.getValue() + ", stored " + crc + ")",
                        base, chunkOffset);
            }
        }
        return new Attachment(logTime, createTime, name, mediaType, data, crc);
    }
}
