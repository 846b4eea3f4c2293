package io.omvcap.payload;

import io.omvcap.wire.WireFormat;

/** A single uint32 payload: the CHANNEL_SIZE response, event-free ioctl arguments. */
public final class U32 {
    /** Encoded size. */
    public static final int SIZE = 4;

    private U32() {
    }

    /** Decodes a 4-byte payload as an unsigned value. */
    public static long decode(byte[] p) {
        Bytes.requireSize("uint32", p, SIZE);
        return WireFormat.u32(p, 0);
    }

    /** Encodes {@code value} (0..2^32-1) as 4 little-endian bytes. */
    public static byte[] encode(long value) {
        byte[] p = new byte[SIZE];
        WireFormat.putU32(p, 0, value);
        return p;
    }
}
