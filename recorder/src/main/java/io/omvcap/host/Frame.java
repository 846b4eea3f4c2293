package io.omvcap.host;

import io.omvcap.payload.FrameHeader;
import io.omvcap.payload.PixFormat;
import java.util.Objects;

/**
 * One preview frame from the stream channel: the parsed header and the image bytes after it
 * (a JPEG, or raw pixels in {@link #pixformat()}).
 *
 * @param header the frame header as sent
 * @param bytes  the image bytes (not copied)
 */
public record Frame(FrameHeader header, byte[] bytes) {
    /** Validates the fields. */
    public Frame {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(bytes, "bytes");
    }

    /** Image width in pixels. */
    public int width() {
        return (int) header.width();
    }

    /** Image height in pixels. */
    public int height() {
        return (int) header.height();
    }

    /** The raw pixformat code. */
    public long pixformat() {
        return header.pixformat();
    }

    /** The known pixformat, or {@code null}. */
    public PixFormat knownPixFormat() {
        return header.knownPixFormat();
    }

    @Override
    public String toString() {
        return "Frame[" + width() + "x" + height() + " " + PixFormat.nameOf(pixformat()) + ", " + bytes.length + " bytes]";
    }
}
