package io.omvcap.mcap;

import java.util.zip.CRC32;

/**
 * Serialises records into a {@link ByteSink}: opcode, uint64 content length, fields. Attachment
 * CRCs are always computed here; the {@code crc} component of an {@link Attachment} is ignored.
 */
final class RecordEncoder {
    private RecordEncoder() {
    }

    /** Appends {@code record} to {@code out}; returns the number of bytes written. */
    static int encode(McapRecord record, ByteSink out) {
        int begin = out.size();
        int lengthAt = out.beginRecord(record.opcode());
        int contentStart = out.size();
        if (record instanceof Header h) {
            out.putString(h.profile());
            out.putString(h.library());
        } else if (record instanceof Footer f) {
            out.putU64(f.summaryStart());
            out.putU64(f.summaryOffsetStart());
            out.putU32(f.summaryCrc());
        } else if (record instanceof Schema s) {
            out.putU16(s.id());
            out.putString(s.name());
            out.putString(s.encoding());
            out.putU32(s.data().length);
            out.putBytes(s.data());
        } else if (record instanceof Channel c) {
            out.putU16(c.id());
            out.putU16(c.schemaId());
            out.putString(c.topic());
            out.putString(c.messageEncoding());
            out.putStringMap(c.metadata());
        } else if (record instanceof Message m) {
            out.putU16(m.channelId());
            out.putU32(m.sequence());
            out.putU64(m.logTime());
            out.putU64(m.publishTime());
            out.putBytes(m.data());
        } else if (record instanceof Chunk c) {
            out.putU64(c.messageStartTime());
            out.putU64(c.messageEndTime());
            out.putU64(c.uncompressedSize());
            out.putU32(c.uncompressedCrc());
            out.putString(c.compression());
            out.putU64(c.records().length);
            out.putBytes(c.records());
        } else if (record instanceof MessageIndex mi) {
            out.putU16(mi.channelId());
            out.putU32((long) mi.size() * MessageIndex.ENTRY_LENGTH);
            for (int i = 0; i < mi.size(); i++) {
                out.putU64(mi.logTimes()[i]);
                out.putU64(mi.offsets()[i]);
            }
        } else if (record instanceof ChunkIndex ci) {
            out.putU64(ci.messageStartTime());
            out.putU64(ci.messageEndTime());
            out.putU64(ci.chunkStartOffset());
            out.putU64(ci.chunkLength());
            out.putU16U64Map(ci.messageIndexOffsets());
            out.putU64(ci.messageIndexLength());
            out.putString(ci.compression());
            out.putU64(ci.compressedSize());
            out.putU64(ci.uncompressedSize());
        } else if (record instanceof Attachment a) {
            out.putU64(a.logTime());
            out.putU64(a.createTime());
            out.putString(a.name());
            out.putString(a.mediaType());
            out.putU64(a.data().length);
            out.putBytes(a.data());
            CRC32 crc = new CRC32();
            crc.update(out.array(), contentStart, out.size() - contentStart);
            out.putU32(crc.getValue());
        } else if (record instanceof AttachmentIndex ai) {
            out.putU64(ai.offset());
            out.putU64(ai.length());
            out.putU64(ai.logTime());
            out.putU64(ai.createTime());
            out.putU64(ai.dataSize());
            out.putString(ai.name());
            out.putString(ai.mediaType());
        } else if (record instanceof Statistics s) {
            out.putU64(s.messageCount());
            out.putU16(s.schemaCount());
            out.putU32(s.channelCount());
            out.putU32(s.attachmentCount());
            out.putU32(s.metadataCount());
            out.putU32(s.chunkCount());
            out.putU64(s.messageStartTime());
            out.putU64(s.messageEndTime());
            out.putU16U64Map(s.channelMessageCounts());
        } else if (record instanceof Metadata m) {
            out.putString(m.name());
            out.putStringMap(m.metadata());
        } else if (record instanceof MetadataIndex mi) {
            out.putU64(mi.offset());
            out.putU64(mi.length());
            out.putString(mi.name());
        } else if (record instanceof SummaryOffset so) {
            out.putU8(so.groupOpcode());
            out.putU64(so.groupStart());
            out.putU64(so.groupLength());
        } else if (record instanceof DataEnd d) {
            out.putU32(d.dataSectionCrc());
        } else if (record instanceof UnknownRecord u) {
            out.putBytes(u.content());
        } else {
            throw new IllegalArgumentException("unsupported record " + record);
        }
        out.endRecord(lengthAt);
        return out.size() - begin;
    }
}
