package io.omvcap.payload;

import io.omvcap.wire.WireFormat;

/**
 * PROTO_STATS response: eight uint32 counters kept by the cam.
 *
 * @param sentPackets     packets sent (events excluded)
 * @param receivedPackets packets processed
 * @param checksumErrors  payload CRC failures
 * @param sequenceErrors  sequence mismatches
 * @param retransmits     retransmissions
 * @param transportErrors short writes on the transport
 * @param sentEvents      events sent
 * @param reserved        reserved word, kept as sent
 */
public record ProtocolStats(long sentPackets, long receivedPackets, long checksumErrors, long sequenceErrors,
        long retransmits, long transportErrors, long sentEvents, long reserved) {
    /** Encoded size. */
    public static final int SIZE = 32;

    /** Decodes a 32-byte stats payload. */
    public static ProtocolStats decode(byte[] p) {
        Bytes.requireSize("stats", p, SIZE);
        return new ProtocolStats(WireFormat.u32(p, 0), WireFormat.u32(p, 4), WireFormat.u32(p, 8),
                WireFormat.u32(p, 12), WireFormat.u32(p, 16), WireFormat.u32(p, 20), WireFormat.u32(p, 24),
                WireFormat.u32(p, 28));
    }

    /** Encodes to 32 bytes. */
    public byte[] encode() {
        byte[] p = new byte[SIZE];
        long[] v = {sentPackets, receivedPackets, checksumErrors, sequenceErrors, retransmits, transportErrors,
            sentEvents, reserved};
        for (int i = 0; i < v.length; i++) {
            WireFormat.putU32(p, i * 4, v[i]);
        }
        return p;
    }
}
