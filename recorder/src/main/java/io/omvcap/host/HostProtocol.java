package io.omvcap.host;

import io.omvcap.payload.Caps;
import io.omvcap.payload.Event;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.Status;
import io.omvcap.wire.WireFormat;
import io.omvcap.wire.WireFormatException;
import java.io.ByteArrayOutputStream;

/**
 * The host side of the protocol as a pure state machine: no I/O, no clock, no threads. It numbers
 * requests, decides which cam packet answers the outstanding request, joins fragments and says
 * which packets to ACK.
 *
 * <p>Rules (the SDK's, plus the fixes the golden transcripts call for):
 * <ul>
 *   <li>every packet with ACK_REQ gets an ACK (same seq, channel, opcode), whatever else happens to it;
 *   <li>events never answer and never advance the counter;
 *   <li>an RTX packet whose seq is not the expected one is a duplicate: re-ACKed, dropped;
 *   <li>an answer must match the outstanding request's channel <em>and</em> opcode, and with
 *       sequence checking on, its seq must be the expected one (a NAK SEQUENCE carries the cam's
 *       counter and is taken whatever its seq), so a stale NAK is never taken for a newer
 *       request's answer (h-noise);
 *   <li>each accepted non-event packet (every fragment, every NAK) advances the counter by one.
 * </ul>
 * Not thread-safe.
 */
final class HostProtocol {
    private int sequence;
    private Caps caps = Caps.HOST_DEFAULT;
    private Outstanding pending;
    private final ByteArrayOutputStream fragments = new ByteArrayOutputStream();
    private final int maxAnswer;

    /** A protocol that refuses joined answers larger than {@code maxAnswer} bytes. */
    HostProtocol(int maxAnswer) {
        this.maxAnswer = maxAnswer;
    }

    private record Outstanding(int opcode, int channel, int sequence) {
        String describe() {
            return Opcode.nameOf(opcode) + " ch " + channel + " seq " + sequence;
        }
    }

    /** The caps that shape framing and checks on the host side now. */
    Caps caps() {
        return caps;
    }

    /** Puts new caps in force (after the cam ACKed SET_CAPS). */
    void setCaps(Caps newCaps) {
        caps = newCaps;
    }

    /** The host's counter: the seq of the next request and of the next expected cam packet. */
    int sequence() {
        return sequence;
    }

    /** Whether a request waits for its answer. */
    boolean hasPending() {
        return pending != null;
    }

    /** Back to power-on state before a resync: default framing, counter 0, nothing pending. */
    void reset() {
        caps = Caps.HOST_DEFAULT;
        sequence = 0;
        abandon();
    }

    /** Forgets the outstanding request (timeout, reboot, failure). */
    void abandon() {
        pending = null;
        fragments.reset();
    }

    /** A PROTO_SYNC request: seq 0, the counter reset; it becomes the outstanding request. */
    Packet sync() {
        sequence = 0;
        return request(Opcode.PROTO_SYNC, 0, new byte[0]);
    }

    /** Numbers a request with the current counter and makes it the outstanding one. */
    Packet request(Opcode opcode, int channel, byte[] payload) {
        if (pending != null) {
            throw new IllegalStateException("request " + pending.describe() + " still outstanding");
        }
        pending = new Outstanding(opcode.code(), channel, sequence);
        fragments.reset();
        return Packet.of(sequence, channel, 0, opcode, payload);
    }

    /** Judges one valid cam packet. */
    Reception receive(Packet p) {
        Packet ack = p.has(Flag.ACK_REQ) ? p.ackFor() : null;
        if (Event.isEvent(p)) {
            try {
                return Reception.event(ack, Event.decode(p));
            } catch (WireFormatException e) {
                return Reception.stale(ack, "malformed event: " + e.getMessage());
            }
        }
        if (p.has(Flag.RTX) && p.sequence() != sequence) {
            return Reception.duplicate(ack, "retransmitted " + describe(p) + ", already taken");
        }
        if (pending == null) {
            return Reception.stale(ack, describe(p) + " with no request outstanding");
        }
        if (p.channel() != pending.channel || p.opcode() != pending.opcode) {
            return Reception.stale(ack, describe(p) + " does not answer " + pending.describe());
        }
        int status = p.has(Flag.NAK) ? nakStatus(p) : -1;
        boolean sync = pending.opcode == Opcode.PROTO_SYNC.code();
        if (caps.sequence() && !sync && p.sequence() != sequence && status != Status.SEQUENCE.code()) {
            return Reception.stale(ack, describe(p) + " out of sequence for " + pending.describe());
        }
        if (sync) {
            sequence = 0;
            abandon();
            return status >= 0 ? Reception.nak(ack, status) : Reception.answer(ack, p.payload());
        }
        sequence = (sequence + 1) & 0xFF;
        if (status >= 0) {
            abandon();
            return Reception.nak(ack, status);
        }
        if (fragments.size() > maxAnswer - p.length()) {
            abandon();
            throw new WireFormatException("answer exceeds " + maxAnswer + " bytes");
        }
        if (p.has(Flag.FRAGMENT)) {
            fragments.write(p.payload(), 0, p.length());
            return Reception.fragment(ack);
        }
        byte[] payload;
        if (fragments.size() == 0) {
            payload = p.payload();
        } else {
            fragments.write(p.payload(), 0, p.length());
            payload = fragments.toByteArray();
        }
        abandon();
        return Reception.answer(ack, payload);
    }

    private static int nakStatus(Packet p) {
        return p.length() >= 2 ? WireFormat.u16(p.payload(), 0) : Status.UNKNOWN.code();
    }

    private static String describe(Packet p) {
        return (p.has(Flag.NAK) ? "NAK " + Status.nameOf(nakStatus(p)) + " for " : "")
                + Opcode.nameOf(p.opcode()) + " ch " + p.channel() + " seq " + p.sequence();
    }
}
