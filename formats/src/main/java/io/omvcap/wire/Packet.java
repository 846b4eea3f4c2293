package io.omvcap.wire;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One framed protocol packet: header fields and payload. The opcode is kept as the raw byte so
 * opcodes this version does not know survive a decode/encode round trip.
 *
 * @param sequence sequence number, 0–255
 * @param channel  channel id, 0–255 on the wire (devices use 0–31)
 * @param flags    flag bits, see {@link Flag}
 * @param opcode   opcode byte, see {@link Opcode}
 * @param payload  payload bytes (not copied; treat as immutable), at most 65535
 */
public record Packet(int sequence, int channel, int flags, int opcode, byte[] payload) {
    private static final byte[] EMPTY = new byte[0];

    /** Validates field ranges. */
    public Packet {
        checkByte("sequence", sequence);
        checkByte("channel", channel);
        checkByte("flags", flags);
        checkByte("opcode", opcode);
        Objects.requireNonNull(payload, "payload");
        if (payload.length > WireFormat.MAX_LENGTH_FIELD) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds the uint16 length field");
        }
    }

    /** A packet without payload. */
    public static Packet of(int sequence, int channel, int flags, Opcode opcode) {
        return new Packet(sequence, channel, flags, opcode.code(), EMPTY);
    }

    /** A packet with payload. */
    public static Packet of(int sequence, int channel, int flags, Opcode opcode, byte[] payload) {
        return new Packet(sequence, channel, flags, opcode.code(), payload);
    }

    /** The empty ACK a receiver sends for a packet that carried ACK_REQ: same seq, channel, opcode. */
    public Packet ackFor() {
        return new Packet(sequence, channel, Flag.ACK.mask(), opcode, EMPTY);
    }

    /** Payload length in bytes. */
    public int length() {
        return payload.length;
    }

    /** The known opcode, or {@code null} for an opcode this version does not know. */
    public Opcode knownOpcode() {
        return Opcode.of(opcode);
    }

    /** Whether {@code flag} is set. */
    public boolean has(Flag flag) {
        return flag.isSet(flags);
    }

    /** Whether this is an event (EVENT flag). */
    public boolean isEvent() {
        return has(Flag.EVENT);
    }

    /** A copy with other flags. */
    public Packet withFlags(int newFlags) {
        return new Packet(sequence, channel, newFlags, opcode, payload);
    }

    /** A copy with another sequence number. */
    public Packet withSequence(int newSequence) {
        return new Packet(newSequence, channel, flags, opcode, payload);
    }

    /** Bytes this packet takes on the wire. */
    public int wireSize() {
        return WireFormat.packetSize(payload.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Packet p && p.sequence == sequence && p.channel == channel && p.flags == flags
                && p.opcode == opcode && Arrays.equals(p.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequence, channel, flags, opcode) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        String hex = HexFormat.of().formatHex(payload, 0, Math.min(payload.length, 16));
        return "Packet[seq=" + sequence + ", ch=" + channel + ", flags=" + Flag.describe(flags) + ", op="
                + Opcode.nameOf(opcode) + ", len=" + payload.length + (payload.length > 0 ? ", " + hex
                + (payload.length > 16 ? "…" : "") : "") + "]";
    }

    private static void checkByte(String name, int v) {
        if (v < 0 || v > 0xFF) {
            throw new IllegalArgumentException(name + " out of range 0..255: " + v);
        }
    }
}
