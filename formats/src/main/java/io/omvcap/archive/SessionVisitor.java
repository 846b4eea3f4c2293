package io.omvcap.archive;

/**
 * Receives a pass over a session ({@link SessionReader#read}) in the order of
 * {@link SessionCursor}. Chunks and packets are borrowed: valid only during the call.
 */
public interface SessionVisitor {
    /** A transport read or write. */
    default void wire(WireChunk chunk) {
    }

    /** A framed packet, valid or not. */
    default void packet(PacketView packet) {
    }

    /** A stored message of any other topic. */
    default void message(ArchivedMessage message) {
    }
}
