package io.omvcap.host;

import io.omvcap.payload.Event;
import io.omvcap.wire.Packet;

/**
 * What {@link HostProtocol#receive} made of one cam packet.
 *
 * @param kind    the verdict
 * @param ack     the ACK the host must send now, or {@code null}
 * @param payload the joined answer payload ({@link Kind#ANSWER}), else empty
 * @param status  the NAK status ({@link Kind#NAK}), else -1
 * @param event   the event ({@link Kind#EVENT}), else {@code null}
 * @param reason  why a packet was dropped ({@link Kind#STALE}, {@link Kind#DUPLICATE}), else {@code null}
 */
record Reception(Kind kind, Packet ack, byte[] payload, int status, Event event, String reason) {
    private static final byte[] NONE = new byte[0];

    /** The verdicts. */
    enum Kind {
        /** The (joined) answer to the outstanding request. */
        ANSWER,
        /** A NAK answering the outstanding request. */
        NAK,
        /** A fragment of the answer; more follow. */
        FRAGMENT,
        /** An event; it does not touch the outstanding request. */
        EVENT,
        /** A retransmitted copy of a packet already taken; re-ACKed and dropped. */
        DUPLICATE,
        /** A valid packet that does not answer the outstanding request; dropped. */
        STALE
    }

    static Reception answer(Packet ack, byte[] payload) {
        return new Reception(Kind.ANSWER, ack, payload, -1, null, null);
    }

    static Reception nak(Packet ack, int status) {
        return new Reception(Kind.NAK, ack, NONE, status, null, null);
    }

    static Reception fragment(Packet ack) {
        return new Reception(Kind.FRAGMENT, ack, NONE, -1, null, null);
    }

    static Reception event(Packet ack, Event event) {
        return new Reception(Kind.EVENT, ack, NONE, -1, event, null);
    }

    static Reception duplicate(Packet ack, String reason) {
        return new Reception(Kind.DUPLICATE, ack, NONE, -1, null, reason);
    }

    static Reception stale(Packet ack, String reason) {
        return new Reception(Kind.STALE, ack, NONE, -1, null, reason);
    }
}
