package io.omvcap.payload;

import io.omvcap.wire.WireFormat;

/**
 * CHANNEL_READ request: uint32 offset, uint32 length (a length of 0 is NAKed INVALID by the cam).
 *
 * @param offset byte offset into the channel's data
 * @param length bytes wanted
 */
public record ReadRequest(long offset, long length) {
    /** Encoded size. */
    public static final int SIZE = 8;

    /** Decodes an 8-byte read request. */
    public static ReadRequest decode(byte[] p) {
        Bytes.requireSize("read request", p, SIZE);
        return new ReadRequest(WireFormat.u32(p, 0), WireFormat.u32(p, 4));
    }

    /** Encodes to 8 bytes. */
    public byte[] encode() {
        byte[] p = new byte[SIZE];
        WireFormat.putU32(p, 0, offset);
        WireFormat.putU32(p, 4, length);
        return p;
    }
}
