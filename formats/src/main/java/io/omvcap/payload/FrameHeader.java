package io.omvcap.payload;

import io.omvcap.wire.WireFormat;
import io.omvcap.wire.WireFormatException;

/**
 * The header in front of stream-channel frame data. Current firmware sends 32 bytes: uint32
 * width, height, pixformat, size, data offset, a float32 fps and 8 pad bytes; older hosts read the
 * first 20 and jump to {@code offset}.
 *
 * @param width     image width
 * @param height    image height
 * @param pixformat pixel format code, see {@link PixFormat}
 * @param size      image bytes
 * @param offset    where the image starts in the read data
 * @param fps       frames per second, NaN when the header is the short 20-byte form
 */
public record FrameHeader(long width, long height, long pixformat, long size, long offset, float fps) {
    /** Size of the header current firmware sends. */
    public static final int SIZE = 32;
    /** The part every host relies on. */
    public static final int MIN_SIZE = 20;

    /** Decodes the header at the start of {@code data}. */
    public static FrameHeader decode(byte[] data) {
        if (data.length < MIN_SIZE) {
            throw new WireFormatException("frame header needs at least 20 bytes, got " + data.length);
        }
        float fps = data.length >= 24 ? Float.intBitsToFloat((int) WireFormat.u32(data, 20)) : Float.NaN;
        return new FrameHeader(WireFormat.u32(data, 0), WireFormat.u32(data, 4), WireFormat.u32(data, 8),
                WireFormat.u32(data, 12), WireFormat.u32(data, 16), fps);
    }

    /** Encodes the 32-byte header. */
    public byte[] encode() {
        byte[] p = new byte[SIZE];
        WireFormat.putU32(p, 0, width);
        WireFormat.putU32(p, 4, height);
        WireFormat.putU32(p, 8, pixformat);
        WireFormat.putU32(p, 12, size);
        WireFormat.putU32(p, 16, offset);
        WireFormat.putU32(p, 20, Float.floatToIntBits(Float.isNaN(fps) ? 0f : fps));
        return p;
    }

    /** The known pixel format, or {@code null}. */
    public PixFormat knownPixFormat() {
        return PixFormat.of(pixformat);
    }

    /** Checks that offset and size fit in a read of {@code dataLength} bytes. */
    public boolean fitsIn(int dataLength) {
        return offset >= MIN_SIZE && offset <= dataLength && size <= dataLength - offset;
    }
}
