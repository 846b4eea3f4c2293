package io.omvcap.mcap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Iterates the records inside decompressed chunk data: Schema, Channel, Message and unknown
 * opcodes are allowed; any other record, or a length past the end of the data, is an error.
 */
final class ChunkRecords {
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final ChunkData data;
    private final long chunkOffset;
    private final boolean validateCrcs;
    private int pos;
    private int lastOffset = -1;
    private int nextPos;

    ChunkRecords(ChunkData data, long chunkOffset, boolean validateCrcs) {
        this.data = data;
        this.chunkOffset = chunkOffset;
        this.validateCrcs = validateCrcs;
    }

    /** Offset in the chunk data of the record last returned by {@link #next()}. */
    int lastOffset() {
        return lastOffset;
    }

    /** The next record, or {@code null} after the last one. */
    McapRecord next() throws McapFormatException {
        if (pos >= data.length()) {
            return null;
        }
        McapRecord r = recordAt(pos);
        lastOffset = pos;
        pos = nextPos;
        return r;
    }

    /** Parses the record at chunk data offset {@code at}. */
    McapRecord recordAt(long at) throws McapFormatException {
        int length = data.length();
        if (at < 0 || at >= length) {
            throw FieldReader.error("record offset " + at + " outside chunk data of " + length + " bytes", at,
                    chunkOffset);
        }
        int p = (int) at;
        if (length - p < Mcap.RECORD_HEADER_LENGTH) {
            throw FieldReader.error("truncated record header (" + (length - p) + " bytes left in chunk)", p,
                    chunkOffset);
        }
        byte[] buf = data.buf();
        int opcode = buf[data.off() + p] & 0xFF;
        long contentLength = (long) LE_LONG.get(buf, data.off() + p + 1);
        long remaining = length - p - Mcap.RECORD_HEADER_LENGTH;
        if (contentLength < 0 || contentLength > remaining) {
            throw FieldReader.error("record length " + Long.toUnsignedString(contentLength) + " exceeds remaining "
                    + remaining + " bytes", p, chunkOffset);
        }
        Opcode op = Opcode.of(opcode);
        if (op != null && op != Opcode.SCHEMA && op != Opcode.CHANNEL && op != Opcode.MESSAGE) {
            throw FieldReader.error(op.recordName() + " record not allowed inside a chunk", p, chunkOffset);
        }
        McapRecord r = RecordParser.parse(opcode, buf, data.off() + p + Mcap.RECORD_HEADER_LENGTH,
                (int) contentLength, p, chunkOffset, validateCrcs);
        nextPos = p + Mcap.RECORD_HEADER_LENGTH + (int) contentLength;
        return r;
    }
}
