package io.omvcap.payload;

import io.omvcap.wire.Status;
import io.omvcap.wire.WireFormat;

/** The NAK payload: a uint16 status code. Unknown codes are returned as numbers. */
public final class Nak {
    /** Encoded size. */
    public static final int SIZE = 2;

    private Nak() {
    }

    /** The status code of a NAK payload. */
    public static int decode(byte[] p) {
        Bytes.requireSize("NAK", p, SIZE);
        return WireFormat.u16(p, 0);
    }

    /** The payload of a NAK with {@code status}. */
    public static byte[] encode(Status status) {
        byte[] p = new byte[SIZE];
        WireFormat.putU16(p, 0, status.code());
        return p;
    }
}
