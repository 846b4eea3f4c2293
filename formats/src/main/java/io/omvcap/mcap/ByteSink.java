package io.omvcap.mcap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * A reusable, growable little-endian byte buffer. Records are serialised into it and written out
 * in one call; {@link #reset()} keeps the capacity, so steady-state writing allocates nothing.
 */
final class ByteSink {
    private static final VarHandle LE_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf;
    private int size;

    ByteSink(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** The backing array; valid bytes are {@code [0, size())}. */
    byte[] array() {
        return buf;
    }

    int size() {
        return size;
    }

    int capacity() {
        return buf.length;
    }

    void reset() {
        size = 0;
    }

    /** Sets the size, e.g. after a compressor wrote into {@link #array()} directly. */
    void setSize(int newSize) {
        if (newSize < 0 || newSize > buf.length) {
            throw new IndexOutOfBoundsException("size " + newSize + " outside capacity " + buf.length);
        }
        size = newSize;
    }

    /** Makes room for {@code extra} more bytes. */
    void ensure(long extra) {
        long needed = size + extra;
        if (needed > buf.length) {
            if (needed > Mcap.MAX_ARRAY_LENGTH) {
                throw new IllegalStateException("buffer would exceed " + Mcap.MAX_ARRAY_LENGTH + " bytes");
            }
            long grown = Math.max(needed, Math.min((long) buf.length * 2, Mcap.MAX_ARRAY_LENGTH));
            buf = Arrays.copyOf(buf, (int) grown);
        }
    }

    void putU8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    void putU16(int v) {
        ensure(2);
        LE_SHORT.set(buf, size, (short) v);
        size += 2;
    }

    void putU32(long v) {
        ensure(4);
        LE_INT.set(buf, size, (int) v);
        size += 4;
    }

    void putU64(long v) {
        ensure(8);
        LE_LONG.set(buf, size, v);
        size += 8;
    }

    void setU32(int pos, long v) {
        LE_INT.set(buf, pos, (int) v);
    }

    void setU64(int pos, long v) {
        LE_LONG.set(buf, pos, v);
    }

    void putBytes(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, buf, size, len);
        size += len;
    }

    void putBytes(byte[] src) {
        putBytes(src, 0, src.length);
    }

    /** A uint32 length followed by the UTF-8 bytes. */
    void putString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        putU32(utf8.length);
        putBytes(utf8);
    }

    /** {@code Map<string,string>}: uint32 byte length, then key/value strings. */
    void putStringMap(Map<String, String> map) {
        int lengthAt = size;
        putU32(0);
        for (Map.Entry<String, String> e : map.entrySet()) {
            putString(e.getKey());
            putString(e.getValue());
        }
        setU32(lengthAt, size - lengthAt - 4);
    }

    /** {@code Map<uint16,uint64>}: uint32 byte length, then id/value pairs. */
    void putU16U64Map(Map<Integer, Long> map) {
        putU32(map.size() * 10L);
        for (Map.Entry<Integer, Long> e : map.entrySet()) {
            putU16(e.getKey());
            putU64(e.getValue());
        }
    }

    /** Writes an opcode and a placeholder length; returns the position to pass to {@link #endRecord}. */
    int beginRecord(int opcode) {
        putU8(opcode);
        int at = size;
        putU64(0);
        return at;
    }

    /** Back-patches the content length of the record begun at {@code lengthAt}. */
    void endRecord(int lengthAt) {
        setU64(lengthAt, size - lengthAt - 8);
    }
}
