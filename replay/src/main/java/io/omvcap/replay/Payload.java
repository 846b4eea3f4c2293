package io.omvcap.replay;

/**
 * One payload the recorded cam served on a channel: the bytes of a complete read as the host got
 * them (for the stream channel: frame header and image), and where in the channel's data they
 * start (a host reading with its own offset).
 *
 * @param time      replay time the read completed
 * @param data      the bytes
 * @param imageSize for stream frames, the image bytes after the header; otherwise the data length
 * @param offset    the read offset of the first byte (0 for frames, telemetry and stdout)
 */
record Payload(long time, byte[] data, int imageSize, long offset) {
    /** A payload read from the start of the channel's data. */
    Payload(long time, byte[] data, int imageSize) {
        this(time, data, imageSize, 0);
    }
}
