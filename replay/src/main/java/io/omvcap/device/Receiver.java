package io.omvcap.device;

import io.omvcap.payload.Caps;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Status;
import io.omvcap.wire.WireFormat;

/**
 * The engine's receive state machine (SYNC, HEADER, PAYLOAD, SYNC_RECOVERY) and its scans: for
 * the awaited ACK while a packet waits for one, and for a complete SYNC while a packet is torn or
 * output is pending.
 */
final class Receiver {
    private enum State { SYNC, HEADER, PAYLOAD, SYNC_RECOVERY }

    private final ProtocolEngine engine;
    private final ReceiveBuffer rx;
    private final Session session;
    private final Transmitter tx;
    private final ProtocolCounters counters;
    private final RequestProcessor processor;
    private State state = State.SYNC;
    private RequestHook hook = RequestHook.NONE;

    Receiver(ProtocolEngine engine, ReceiveBuffer rx, Session session, Transmitter tx, ProtocolCounters counters,
            RequestProcessor processor) {
        this.engine = engine;
        this.rx = rx;
        this.session = session;
        this.tx = tx;
        this.counters = counters;
        this.processor = processor;
    }

    void setHook(RequestHook h) {
        hook = h;
    }

    /** Back to hunting for a sync word, with an empty buffer. */
    void reset() {
        state = State.SYNC;
        rx.clear();
    }

    /**
     * WAIT_ACK: look for the awaited ACK/NAK, or a SYNC that aborts the send.
     *
     * @return true when a NAK used up the retransmissions and the protocol must reset
     */
    boolean scanForAck(long now) {
        boolean crc = session.caps.crc();
        int limit = rx.available() - WireFormat.HEADER_SIZE;
        for (; tx.scanOffset <= limit; tx.scanOffset++) {
            int at = tx.scanOffset;
            if (rx.isSyncCommand(at, crc)) {
                int ch = rx.channel(at);
                counters.received++;
                engine.acceptSync(ch);
                hook.after(ch, Opcode.PROTO_SYNC.code(), rx.array(), 0, 0);
                return false;
            }
            if (rx.isSyncWord(at) && (rx.flags(at) & (Flag.ACK.mask() | Flag.NAK.mask())) != 0
                    && rx.opcode(at) == tx.ackOpcode() && rx.sequence(at) == tx.ackSequence()
                    && rx.headerCrcOk(at, crc)) {
                boolean positive = (rx.flags(at) & Flag.ACK.mask()) != 0;
                tx.scanOffset = 0;
                if (at == 0) {
                    rx.consume(WireFormat.HEADER_SIZE);
                }
                if (positive) {
                    tx.acked();
                    return false;
                }
                return tx.nakked(now);
            }
        }
        return false;
    }

    /** While output is pending without ACKs, a complete SYNC in the buffer still gets through. */
    boolean scanForSync() {
        boolean crc = session.caps.crc();
        for (int at = 0; at <= rx.available() - WireFormat.HEADER_SIZE; at++) {
            if (rx.isSyncCommand(at, crc)) {
                int ch = rx.channel(at);
                counters.received++;
                engine.acceptSync(ch);
                hook.after(ch, Opcode.PROTO_SYNC.code(), rx.array(), 0, 0);
                return true;
            }
        }
        return false;
    }

    /** One step of the receive state machine; false when more input is needed. */
    boolean step(long now) {
        if (rx.available() < 2) {
            return false;
        }
        Caps caps = session.caps;
        switch (state) {
            case SYNC -> {
                while (rx.available() >= 2 && !rx.isSyncWord(0)) {
                    rx.consume(1);
                }
                if (rx.available() < 2) {
                    return false;
                }
                state = State.HEADER;
                return true;
            }
            case HEADER -> {
                if (rx.available() < WireFormat.HEADER_SIZE) {
                    return false;
                }
                state = State.SYNC;
                if (!rx.headerCrcOk(0, caps.crc())) {
                    rx.consume(1);
                } else if (rx.length(0) > caps.maxPayload()) {
                    int op = rx.opcode(0);
                    int ch = rx.channel(0);
                    rx.consume(1);
                    engine.sendStatus(op, ch, Status.OVERFLOW);
                } else if (!sequenceOk(caps)) {
                    int op = rx.opcode(0);
                    int ch = rx.channel(0);
                    rx.consume(1);
                    engine.sendStatus(op, ch, Status.SEQUENCE);
                } else {
                    state = State.PAYLOAD;
                }
                return true;
            }
            case PAYLOAD -> {
                int size = WireFormat.packetSize(rx.length(0));
                if (rx.available() < size) {
                    state = State.SYNC_RECOVERY;
                    return true;
                }
                state = State.SYNC;
                handlePacket(caps, size, now);
                return true;
            }
            case SYNC_RECOVERY -> {
                if (rx.available() >= WireFormat.packetSize(rx.length(0))) {
                    state = State.SYNC;
                    return true;
                }
                state = State.PAYLOAD;
                return scanForSync();
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private boolean sequenceOk(Caps caps) {
        int op = rx.opcode(0);
        return !caps.sequence() || rx.sequence(0) == tx.sequence()
                || (rx.flags(0) & (Flag.ACK.mask() | Flag.NAK.mask())) != 0
                || op == Opcode.SYS_EVENT.code() || op == Opcode.CHANNEL_EVENT.code()
                || op == Opcode.PROTO_SYNC.code();
    }

    /** A complete packet sits at the buffer start: check it, consume it, then act on it. */
    private void handlePacket(Caps caps, int size, long now) {
        boolean crcOk = rx.payloadCrcOk(0, caps.crc());
        int ch = rx.channel(0);
        int flags = rx.flags(0);
        int op = rx.opcode(0);
        int len = rx.length(0);
        byte[] buf = rx.array();
        int payload = rx.base() + WireFormat.HEADER_SIZE;
        // consumed first, as in the firmware; the bytes stay in the array while they are used
        rx.consume(size);
        if (!crcOk) {
            engine.sendStatus(op, ch, Status.CHECKSUM);
        } else if (ch != 0 && Opcode.isSystem(op)) {
            engine.sendStatus(op, ch, Status.INVALID);
        } else if ((flags & (Flag.ACK.mask() | Flag.NAK.mask())) == 0) {
            counters.received++;
            Status refused = hook.before(ch, op, buf, payload, len);
            if (refused != null) {
                engine.sendStatus(op, ch, refused);
            } else {
                processor.process(ch, op, buf, payload, len, now);
            }
            hook.after(ch, op, buf, payload, len);
        }
    }
}
