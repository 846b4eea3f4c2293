package io.omvcap.device;

import io.omvcap.wire.Crc16;
import io.omvcap.wire.Crc32;
import io.omvcap.wire.WireFormat;

/**
 * The cam's fixed-size protocol receive buffer (one maximal packet). Bytes are parsed in place;
 * offsets in the accessors are relative to the first unconsumed byte. Holds header helpers shared
 * by the engine's parse and scan states.
 */
final class ReceiveBuffer {
    private final byte[] data;
    private int start;
    private int end;

    ReceiveBuffer(int capacity) {
        data = new byte[capacity];
    }

    int available() {
        return end - start;
    }

    int free() {
        return data.length - available();
    }

    /** Appends as much of the input as fits; returns the number of bytes taken. */
    int append(byte[] src, int off, int len) {
        int n = Math.min(len, free());
        if (n <= 0) {
            return 0;
        }
        if (data.length - end < n) {
            System.arraycopy(data, start, data, 0, end - start);
            end -= start;
            start = 0;
        }
        System.arraycopy(src, off, data, end, n);
        end += n;
        return n;
    }

    void consume(int n) {
        start += Math.min(n, available());
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    void clear() {
        start = 0;
        end = 0;
    }

    /** The backing array; {@link #base()} is the index of the first unconsumed byte. */
    byte[] array() {
        return data;
    }

    int base() {
        return start;
    }

    int u8(int at) {
        return data[start + at] & 0xFF;
    }

    int u16(int at) {
        return WireFormat.u16(data, start + at);
    }

    boolean isSyncWord(int at) {
        return data[start + at] == WireFormat.SYNC_BYTE_0 && data[start + at + 1] == WireFormat.SYNC_BYTE_1;
    }

    /** Header field accessors for a header at {@code at}. */
    int sequence(int at) {
        return u8(at + 2);
    }

    int channel(int at) {
        return u8(at + 3);
    }

    int flags(int at) {
        return u8(at + 4);
    }

    int opcode(int at) {
        return u8(at + 5);
    }

    int length(int at) {
        return u16(at + 6);
    }

    /** Header CRC16 check (always true when CRCs are off). */
    boolean headerCrcOk(int at, boolean crcEnabled) {
        return !crcEnabled || Crc16.compute(data, start + at, WireFormat.HEADER_CRC_COVERED) == u16(at + 8);
    }

    /** Payload CRC32 check of the packet at {@code at} (true without payload or with CRCs off). */
    boolean payloadCrcOk(int at, boolean crcEnabled) {
        int len = length(at);
        if (len == 0 || !crcEnabled) {
            return true;
        }
        int p = start + at + WireFormat.HEADER_SIZE;
        return Crc32.update(Crc32.INITIAL, data, p, len) == (int) WireFormat.u32(data, p + len);
    }

    /** Whether a complete PROTO_SYNC command header sits at {@code at} (the firmware's is_sync). */
    boolean isSyncCommand(int at, boolean crcEnabled) {
        return isSyncWord(at) && channel(at) == 0 && length(at) == 0 && opcode(at) == 0 && headerCrcOk(at, crcEnabled);
    }
}
