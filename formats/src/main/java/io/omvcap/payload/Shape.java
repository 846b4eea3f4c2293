package io.omvcap.payload;

import io.omvcap.wire.WireFormat;
import io.omvcap.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * CHANNEL_SHAPE response: up to four uint32 dimensions (e.g. height, width, bytes).
 *
 * @param dims the dimensions, at most four
 */
public record Shape(List<Long> dims) {
    /** Most dimensions a shape carries. */
    public static final int MAX_DIMS = 4;

    /** Validates and copies the dimensions. */
    public Shape {
        if (dims.size() > MAX_DIMS) {
            throw new IllegalArgumentException("a shape has at most 4 dimensions, got " + dims.size());
        }
        dims = List.copyOf(dims);
    }

    /** Decodes a shape payload (0–16 bytes, a multiple of 4). */
    public static Shape decode(byte[] p) {
        if (p.length % 4 != 0 || p.length > 4 * MAX_DIMS) {
            throw new WireFormatException("shape payload must be 0..16 bytes in steps of 4, got " + p.length);
        }
        List<Long> d = new ArrayList<>();
        for (int off = 0; off < p.length; off += 4) {
            d.add(WireFormat.u32(p, off));
        }
        return new Shape(d);
    }

    /** Encodes the dimensions. */
    public byte[] encode() {
        byte[] p = new byte[dims.size() * 4];
        for (int i = 0; i < dims.size(); i++) {
            WireFormat.putU32(p, i * 4, dims.get(i));
        }
        return p;
    }
}
