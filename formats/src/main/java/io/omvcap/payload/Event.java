package io.omvcap.payload;

import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.WireFormat;
import io.omvcap.wire.WireFormatException;

/**
 * An event from the cam: SYS_EVENT on channel 0 or CHANNEL_EVENT on a channel. The payload is a
 * uint16 code, or nothing for a plain notification ({@link #NOTIFY}).
 *
 * @param channel  channel id (0 for system events)
 * @param code     event code, {@link #NOTIFY} for a zero-length event
 * @param waitsAck whether the cam asked for an ACK (ACK_REQ)
 */
public record Event(int channel, int code, boolean waitsAck) {
    /** Code of a zero-length notification event. */
    public static final int NOTIFY = 0xFFFF;
    /** stdin event: a script started. */
    public static final int SCRIPT_STARTED = 0x0001;
    /** stdin event: a script stopped. */
    public static final int SCRIPT_STOPPED = 0x0000;

    /** Whether {@code p} is an event packet. */
    public static boolean isEvent(Packet p) {
        return p.has(Flag.EVENT) || p.opcode() == Opcode.SYS_EVENT.code() || p.opcode() == Opcode.CHANNEL_EVENT.code();
    }

    /** Decodes an event packet. */
    public static Event decode(Packet p) {
        byte[] payload = p.payload();
        if (payload.length != 0 && payload.length != 2) {
            throw new WireFormatException("event payload must be 0 or 2 bytes, got " + payload.length);
        }
        int code = payload.length == 0 ? NOTIFY : WireFormat.u16(payload, 0);
        return new Event(p.channel(), code, p.has(Flag.ACK_REQ));
    }

    /** Whether this is a system event (channel 0). */
    public boolean isSystem() {
        return channel == 0;
    }

    /** The system event, or {@code null} for channel events and unknown codes. */
    public SystemEvent systemEvent() {
        return isSystem() ? SystemEvent.of(code) : null;
    }

    /** Opcode this event travels with. */
    public Opcode opcode() {
        return isSystem() ? Opcode.SYS_EVENT : Opcode.CHANNEL_EVENT;
    }

    /** The event's payload: empty for {@link #NOTIFY}, else the uint16 code. */
    public byte[] encodePayload() {
        if (code == NOTIFY) {
            return new byte[0];
        }
        byte[] p = new byte[2];
        WireFormat.putU16(p, 0, code);
        return p;
    }

    /** A readable name: the system event name, {@code NOTIFY}, or the code in hex. */
    public String describe() {
        SystemEvent s = systemEvent();
        if (s != null) {
            return s.name();
        }
        return code == NOTIFY ? "NOTIFY" : String.format("0x%04X", code);
    }
}
