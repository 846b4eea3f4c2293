package io.omvcap.payload;

import io.omvcap.wire.WireFormat;
import java.util.Arrays;
import java.util.Objects;

/**
 * CHANNEL_WRITE request: uint32 offset, uint32 length, then the bytes. Hosts split large writes
 * into chunks of (max payload − 8) bytes, each its own request with its own offset.
 *
 * @param offset         byte offset into the channel
 * @param declaredLength the length field as sent (normally {@code data.length})
 * @param data           the bytes to write (not copied)
 */
public record WriteRequest(long offset, long declaredLength, byte[] data) {
    /** Bytes before the data. */
    public static final int PREFIX_SIZE = 8;

    /** Validates the fields. */
    public WriteRequest {
        Objects.requireNonNull(data, "data");
    }

    /** A request whose length field matches the data. */
    public static WriteRequest of(long offset, byte[] data) {
        return new WriteRequest(offset, data.length, data);
    }

    /** Decodes a write request; the data is whatever follows the 8-byte prefix. */
    public static WriteRequest decode(byte[] p) {
        Bytes.requireAtLeast("write request", p, PREFIX_SIZE);
        return new WriteRequest(WireFormat.u32(p, 0), WireFormat.u32(p, 4), Arrays.copyOfRange(p, PREFIX_SIZE, p.length));
    }

    /** Whether the length field agrees with the data carried. */
    public boolean consistent() {
        return declaredLength == data.length;
    }

    /** Encodes prefix and data. */
    public byte[] encode() {
        byte[] p = new byte[PREFIX_SIZE + data.length];
        WireFormat.putU32(p, 0, offset);
        WireFormat.putU32(p, 4, declaredLength);
        System.arraycopy(data, 0, p, PREFIX_SIZE, data.length);
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WriteRequest w && w.offset == offset && w.declaredLength == declaredLength
                && Arrays.equals(w.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(offset, declaredLength) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "WriteRequest[offset=" + offset + ", length=" + declaredLength + ", data=" + data.length + " bytes]";
    }
}
