package io.omvcap.device;

import io.omvcap.payload.Caps;
import io.omvcap.wire.Crc16;
import io.omvcap.wire.Crc32;
import io.omvcap.wire.Flag;
import io.omvcap.wire.PacketEncoder;
import io.omvcap.wire.WireFormat;
import java.util.ArrayDeque;

/**
 * The cam's send path: sequence numbering, ACK_REQ, fragments, waiting for the host's ACK and
 * retransmitting with RTX (timeout doubling, limited retries). Pure logic: the engine feeds it
 * time and ACK verdicts, and it writes encoded packets to a {@link CamOutput}.
 */
final class Transmitter {
    private static final int NO_ACK_MASK = Flag.ACK.mask() | Flag.NAK.mask() | Flag.EVENT.mask();

    private final Session session;
    private final ProtocolCounters counters;
    private final EngineOptions options;
    private final CamOutput output;
    private final ArrayDeque<Outbound> queue = new ArrayDeque<>();
    private final Outbound.Slot slot = new Outbound.Slot();
    private final byte[] frame;
    private Outbound current;
    private int sequence;
    private RequestHook hook = RequestHook.NONE;

    private int frameLength;
    private int frameFlags;
    private boolean waiting;
    private int ackOpcode;
    private int ackSequence;
    private long sentAt;
    private long rtxTimeout;
    private int retriesLeft;
    /** Where the engine's ACK scan resumes in the receive buffer; zeroed whenever a wait begins. */
    int scanOffset;

    Transmitter(Session session, ProtocolCounters counters, EngineOptions options, CamOutput output, int maxPacket) {
        this.session = session;
        this.counters = counters;
        this.options = options;
        this.output = output;
        this.frame = new byte[maxPacket];
    }

    int sequence() {
        return sequence;
    }

    void setHook(RequestHook h) {
        hook = h;
    }

    void setSequence(int seq) {
        sequence = seq & 0xFF;
    }

    void enqueue(Outbound o) {
        queue.add(o);
    }

    /** Nothing queued, nothing in flight. */
    boolean idle() {
        return !waiting && current == null && queue.isEmpty();
    }

    boolean waiting() {
        return waiting;
    }

    int ackOpcode() {
        return ackOpcode;
    }

    int ackSequence() {
        return ackSequence;
    }

    /** Drops everything queued or in flight (protocol reset, SYNC). */
    void clear() {
        queue.clear();
        current = null;
        waiting = false;
    }

    /**
     * Sends queued packets until one awaits an ACK, nothing is left, or about {@code budget} bytes
     * went out.
     *
     * @return bytes written
     */
    int flush(long now, int budget) {
        int written = 0;
        while (!waiting && written < budget) {
            if (current == null) {
                current = queue.poll();
                if (current == null) {
                    break;
                }
            }
            if (!current.next(slot, session.caps.maxPayload())) {
                deliver();
                continue;
            }
            int n = transmit(now);
            if (n < 0) {
                current = null;
            } else {
                written += n;
            }
        }
        return written;
    }

    /**
     * The awaited ACK arrived: the packet is done, and when it was the last of its send, the send
     * is delivered now (a SYNC right behind the ACK must not take that back).
     */
    void acked() {
        if (waiting) {
            waiting = false;
            completed();
            if (current != null && current.exhausted()) {
                deliver();
            }
        }
    }

    /**
     * The host closed the link: a send whose last packet went out and awaits only its ACK counts as
     * delivered (hosts close right after reading their last answer, often before their ACK of it
     * reaches the cam).
     */
    void hostLeft() {
        if (waiting && current != null && current.exhausted()) {
            acked();
        }
    }

    /** The current send is over: the hook hears of answers (not events). */
    private void deliver() {
        Outbound done = current;
        current = null;
        if (!done.event()) {
            hook.delivered(done.channel, done.opcode, done.nak());
        }
    }

    /**
     * Retransmits if the ACK timed out.
     *
     * @return true when the retries are exhausted and the protocol must reset
     */
    boolean onTimer(long now) {
        if (!waiting || now - sentAt < rtxTimeout) {
            return false;
        }
        return retransmit(now);
    }

    /**
     * The host NAKed the awaited packet. The firmware keeps the failed verdict, so it retransmits
     * until the retries are exhausted and then resets; this does the same.
     *
     * @return true (the protocol must reset) unless a transport error ended the send first
     */
    boolean nakked(long now) {
        while (waiting) {
            if (retransmit(now)) {
                return true;
            }
        }
        return false;
    }

    private boolean retransmit(long now) {
        if (retriesLeft-- <= 0) {
            return true;
        }
        rtxTimeout *= 2;
        counters.retransmits++;
        Caps caps = session.caps;
        if (caps.crc() && (frameFlags & Flag.RTX.mask()) == 0) {
            frameFlags |= Flag.RTX.mask();
            frame[4] = (byte) frameFlags;
            WireFormat.putU16(frame, 8, Crc16.compute(frame, 0, WireFormat.HEADER_CRC_COVERED));
        }
        if (!session.active || !output.write(frame, 0, frameLength)) {
            counters.transportErrors++;
            waiting = false;
            current = null;
            return false;
        }
        sentAt = now;
        return false;
    }

    /** Encodes and writes the packet in {@link #slot}; returns bytes written or -1 (send abandoned). */
    private int transmit(long now) {
        if (!session.active) {
            return -1;
        }
        Caps caps = session.caps;
        int flags = slot.flags;
        if (!caps.ack()) {
            flags &= ~Flag.ACK_REQ.mask();
        } else if ((flags & NO_ACK_MASK) == 0) {
            flags |= Flag.ACK_REQ.mask();
        }
        int len = slot.length;
        PacketEncoder.writeHeader(frame, 0, sequence, slot.channel, flags, slot.opcode, len, caps.crc());
        if (len > 0) {
            System.arraycopy(slot.data, slot.offset, frame, WireFormat.HEADER_SIZE, len);
            int crc = caps.crc() ? Crc32.update(Crc32.INITIAL, slot.data, slot.offset, len) : 0;
            WireFormat.putU32(frame, WireFormat.HEADER_SIZE + len, crc & 0xFFFFFFFFL);
        }
        frameLength = WireFormat.packetSize(len);
        frameFlags = flags;
        if (!output.write(frame, 0, frameLength)) {
            counters.transportErrors++;
            return -1;
        }
        if ((flags & Flag.ACK_REQ.mask()) != 0) {
            waiting = true;
            scanOffset = 0;
            ackOpcode = slot.opcode;
            ackSequence = sequence;
            sentAt = now;
            rtxTimeout = options.rtxTimeoutMs();
            retriesLeft = options.rtxRetries();
        } else {
            completed();
        }
        return frameLength;
    }

    private void completed() {
        if ((frameFlags & Flag.EVENT.mask()) == 0) {
            sequence = (sequence + 1) & 0xFF;
            counters.sent++;
        }
    }
}
