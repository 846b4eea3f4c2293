package io.omvcap.device;

import io.omvcap.wire.Status;

/**
 * Observes (and may refuse) the host requests the engine processes, and learns when an answer has
 * reached the host. A real cam has no such hook; replays and fault injection use it. Called on the
 * engine's thread; the payload bytes are borrowed (valid only during the call).
 */
public interface RequestHook {
    /** No hook. */
    RequestHook NONE = new RequestHook() {
    };

    /**
     * A well-formed request (CRCs, sequence and length checked) is about to be processed.
     *
     * @return null to process it normally, or the status to NAK it with instead
     */
    default Status before(int channel, int opcode, byte[] buf, int off, int len) {
        return null;
    }

    /** The request was processed (or NAKed by {@link #before}); its answer is queued or sent. */
    default void after(int channel, int opcode, byte[] buf, int off, int len) {
    }

    /**
     * The last packet of an answer was sent and, when ACKs are on, acknowledged by the host (or the
     * host closed the link after it went out, {@link ProtocolEngine#hostLeft}). Answers dropped by a
     * resync or a transport error are never delivered.
     *
     * @param nak whether the answer was a NAK
     */
    default void delivered(int channel, int opcode, boolean nak) {
    }
}
