package io.omvcap.payload;

import io.omvcap.wire.WireFormat;

/**
 * Protocol capabilities (GET_CAPS response, SET_CAPS request): 16 bytes, a uint32 bit field,
 * uint16 max payload, 10 reserved bytes.
 *
 * @param crc        CRC16/CRC32 checking on
 * @param sequence   sequence checking on
 * @param ack        ACK_REQ / retransmission on
 * @param events     events on
 * @param maxPayload largest payload per packet
 */
public record Caps(boolean crc, boolean sequence, boolean ack, boolean events, int maxPayload) {
    /** Encoded size. */
    public static final int SIZE = 16;
    /** What a host assumes before negotiation (SDK framing): all on, max payload 52. */
    public static final Caps HOST_DEFAULT = new Caps(true, true, true, true, WireFormat.DEFAULT_HOST_MAX_PAYLOAD);

    private static final int BIT_CRC = 1;
    private static final int BIT_SEQ = 2;
    private static final int BIT_ACK = 4;
    private static final int BIT_EVENTS = 8;

    /** Validates the max payload range of the uint16 field. */
    public Caps {
        if (maxPayload < 0 || maxPayload > WireFormat.MAX_LENGTH_FIELD) {
            throw new IllegalArgumentException("max payload out of range: " + maxPayload);
        }
    }

    /** All features on with the given max payload (a device's defaults). */
    public static Caps allOn(int maxPayload) {
        return new Caps(true, true, true, true, maxPayload);
    }

    /** Decodes a 16-byte caps payload. */
    public static Caps decode(byte[] p) {
        Bytes.requireSize("caps", p, SIZE);
        long bits = WireFormat.u32(p, 0);
        return new Caps((bits & BIT_CRC) != 0, (bits & BIT_SEQ) != 0, (bits & BIT_ACK) != 0,
                (bits & BIT_EVENTS) != 0, WireFormat.u16(p, 4));
    }

    /** Encodes to 16 bytes. */
    public byte[] encode() {
        byte[] p = new byte[SIZE];
        int bits = (crc ? BIT_CRC : 0) | (sequence ? BIT_SEQ : 0) | (ack ? BIT_ACK : 0) | (events ? BIT_EVENTS : 0);
        WireFormat.putU32(p, 0, bits);
        WireFormat.putU16(p, 4, maxPayload);
        return p;
    }

    /** A copy with another max payload. */
    public Caps withMaxPayload(int newMaxPayload) {
        return new Caps(crc, sequence, ack, events, newMaxPayload);
    }
}
