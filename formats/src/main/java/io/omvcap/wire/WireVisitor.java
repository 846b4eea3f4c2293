package io.omvcap.wire;

/**
 * Receives what a {@link PacketDecoder} finds, in stream order, without allocation: the bytes are
 * borrowed from the decoder (or the caller's chunk) and valid only during the call. Copy what you
 * keep. {@link WireEvent}s are the allocating form of the same three cases.
 */
public interface WireVisitor {
    /**
     * A valid packet.
     *
     * @param offset stream offset of its first sync byte
     * @param buf    array holding the packet's wire bytes
     * @param off    first byte of the packet (the sync word) in {@code buf}
     * @param size   wire size of the packet (header, payload and payload CRC)
     */
    void valid(long offset, byte[] buf, int off, int size);

    /**
     * A rejected packet.
     *
     * @param offset    stream offset of its first sync byte
     * @param reason    why it was rejected
     * @param buf       array holding the examined bytes
     * @param off       first examined byte in {@code buf}
     * @param rawLength number of examined bytes (see {@link InvalidPacket#raw()})
     * @param consumed  stream bytes this event accounts for
     */
    void invalid(long offset, InvalidReason reason, byte[] buf, int off, int rawLength, int consumed);

    /** A run of {@code length} skipped bytes starting at stream offset {@code offset}. */
    void noise(long offset, int length);
}
