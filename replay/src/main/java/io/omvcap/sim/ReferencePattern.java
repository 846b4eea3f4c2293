package io.omvcap.sim;

import io.omvcap.wire.WireFormat;

/**
 * The transcript harness's {@code frame} content: 12000 bytes, the frame counter in bytes 0–3
 * (little-endian), byte i = (7i + 3(i &gt;&gt; 8) + 13·counter) &amp; 0xFF for the rest.
 */
public final class ReferencePattern {
    /** Size of a reference frame. */
    public static final int SIZE = 12000;

    private ReferencePattern() {
    }

    /** Frame number {@code counter}. */
    public static byte[] frame(long counter) {
        byte[] f = new byte[SIZE];
        for (int i = 4; i < SIZE; i++) {
            f[i] = (byte) (7 * i + 3 * (i >> 8) + 13 * counter);
        }
        WireFormat.putU32(f, 0, counter);
        return f;
    }
}
