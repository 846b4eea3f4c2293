package io.omvcap.replay;

/**
 * One payload the recorded cam served on a channel: the bytes of a complete read as the host got
 * them (for the stream channel: frame header and image).
 *
 * @param time      replay time the read completed
 * @param data      the bytes
 * @param imageSize for stream frames, the image bytes after the header; otherwise the data length
 */
record Payload(long time, byte[] data, int imageSize) {
}
