package io.omvcap.mcap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounds-checked little-endian cursor over one record's content. Every read checks the bytes
 * that remain first, so no length field can index past the record or drive an allocation larger
 * than the record itself; failures become {@link McapFormatException}s naming the field and its
 * offset.
 */
final class FieldReader {
    private static final VarHandle LE_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] buf;
    private final int start;
    private final int end;
    private final long base;
    private final long chunkOffset;
    private int pos;

    /**
     * @param base        offset of {@code buf[off]}: a file offset, or an offset in decompressed
     *                    chunk data when {@code chunkOffset >= 0}
     * @param chunkOffset file offset of the enclosing chunk, or -1 for a top-level record
     */
    FieldReader(byte[] buf, int off, int len, long base, long chunkOffset) {
        this.buf = buf;
        this.start = off;
        this.end = off + len;
        this.base = base;
        this.chunkOffset = chunkOffset;
        this.pos = off;
    }

    int remaining() {
        return end - pos;
    }

    /** Bytes read so far. */
    int consumed() {
        return pos - start;
    }

    /** Offset (file or chunk data) of the next byte. */
    long position() {
        return base + (pos - start);
    }

    /** An error located at the next unread byte. */
    McapFormatException error(String reason) {
        return error(reason, position(), chunkOffset);
    }

    /** An error at {@code position}, which is a chunk data offset when {@code chunkOffset >= 0}. */
    static McapFormatException error(String reason, long position, long chunkOffset) {
        if (chunkOffset < 0) {
            return new McapFormatException(reason, position);
        }
        return new McapFormatException(reason + " at chunk data offset " + position + " in chunk", chunkOffset);
    }

    private void need(long n, String field) throws McapFormatException {
        if (n > end - pos) {
            throw error(field + " needs " + Long.toUnsignedString(n) + " bytes but only " + (end - pos) + " remain in record");
        }
    }

    int u8(String field) throws McapFormatException {
        need(1, field);
        return buf[pos++] & 0xFF;
    }

    int u16(String field) throws McapFormatException {
        need(2, field);
        int v = (short) LE_SHORT.get(buf, pos) & 0xFFFF;
        pos += 2;
        return v;
    }

    long u32(String field) throws McapFormatException {
        need(4, field);
        long v = (int) LE_INT.get(buf, pos) & 0xFFFFFFFFL;
        pos += 4;
        return v;
    }

    long u64(String field) throws McapFormatException {
        need(8, field);
        long v = (long) LE_LONG.get(buf, pos);
        pos += 8;
        return v;
    }

    /** {@code n} raw bytes, copied. */
    byte[] bytes(long n, String field) throws McapFormatException {
        need(n, field);
        byte[] out = new byte[(int) n];
        System.arraycopy(buf, pos, out, 0, (int) n);
        pos += (int) n;
        return out;
    }

    /** Everything left in the record, copied. */
    byte[] rest() {
        byte[] out = new byte[end - pos];
        System.arraycopy(buf, pos, out, 0, out.length);
        pos = end;
        return out;
    }

    byte[] bytesU32(String field) throws McapFormatException {
        long n = u32(field + " length");
        return bytes(n, field);
    }

    byte[] bytesU64(String field) throws McapFormatException {
        long n = u64(field + " length");
        if (n < 0) {
            throw error(field + " length " + Long.toUnsignedString(n) + " exceeds remaining " + (end - pos) + " bytes");
        }
        return bytes(n, field);
    }

    /** A uint32-length UTF-8 string; malformed UTF-8 is an error naming {@code field}. */
    String string(String field) throws McapFormatException {
        long n = u32(field + " length");
        need(n, field);
        int len = (int) n;
        long at = position();
        String s = decodeUtf8(buf, pos, len);
        if (s == null) {
            throw error("invalid UTF-8 in " + field, at, chunkOffset);
        }
        pos += len;
        return s;
    }

    /** A {@code Map<string,string>}. */
    Map<String, String> stringMap(String field) throws McapFormatException {
        long n = u32(field + " length");
        need(n, field);
        int mapEnd = pos + (int) n;
        FieldReader inner = new FieldReader(buf, pos, (int) n, position(), chunkOffset);
        Map<String, String> map = new LinkedHashMap<>();
        while (inner.remaining() > 0) {
            String key = inner.string(field + " key");
            map.put(key, inner.string(field + " value"));
        }
        pos = mapEnd;
        return map;
    }

    /** A {@code Map<uint16,uint64>}. */
    Map<Integer, Long> u16u64Map(String field) throws McapFormatException {
        long n = u32(field + " length");
        need(n, field);
        if (n % 10 != 0) {
            throw error(field + " length " + n + " is not a multiple of 10");
        }
        Map<Integer, Long> map = new LinkedHashMap<>();
        for (long i = 0; i < n; i += 10) {
            int key = u16(field + " key");
            map.put(key, u64(field + " value"));
        }
        return map;
    }

    /** Strict UTF-8 decoding; {@code null} when the bytes are not valid UTF-8. */
    static String decodeUtf8(byte[] b, int off, int len) {
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (b[i] < 0) {
                try {
                    return StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(b, off, len))
                            .toString();
                } catch (CharacterCodingException e) {
                    return null;
                }
            }
        }
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
}
