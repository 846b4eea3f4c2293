package io.omvcap.wire;

/**
 * Serialises packets to wire bytes. With CRC off (caps), the CRC fields are present and zero, as
 * the firmware sends them.
 */
public final class PacketEncoder {
    private PacketEncoder() {
    }

    /** The wire bytes of {@code packet} with both CRCs computed. */
    public static byte[] encode(Packet packet) {
        return encode(packet, true);
    }

    /** The wire bytes of {@code packet}; CRC fields are zero when {@code crcEnabled} is false. */
    public static byte[] encode(Packet packet, boolean crcEnabled) {
        byte[] out = new byte[packet.wireSize()];
        encodeInto(packet, crcEnabled, out, 0);
        return out;
    }

    /** Writes {@code packet} into {@code dst} at {@code off}; returns the number of bytes written. */
    public static int encodeInto(Packet packet, boolean crcEnabled, byte[] dst, int off) {
        byte[] payload = packet.payload();
        int len = payload.length;
        writeHeader(dst, off, packet.sequence(), packet.channel(), packet.flags(), packet.opcode(), len, crcEnabled);
        if (len > 0) {
            System.arraycopy(payload, 0, dst, off + WireFormat.HEADER_SIZE, len);
            long crc = crcEnabled ? Crc32.compute(payload, 0, len) : 0;
            WireFormat.putU32(dst, off + WireFormat.HEADER_SIZE + len, crc);
        }
        return WireFormat.packetSize(len);
    }

    /** Writes a 10-byte header (with its CRC16, or zero when CRC is off) into {@code dst} at {@code off}. */
    public static void writeHeader(byte[] dst, int off, int seq, int channel, int flags, int opcode, int length,
            boolean crcEnabled) {
        dst[off] = WireFormat.SYNC_BYTE_0;
        dst[off + 1] = WireFormat.SYNC_BYTE_1;
        dst[off + 2] = (byte) seq;
        dst[off + 3] = (byte) channel;
        dst[off + 4] = (byte) flags;
        dst[off + 5] = (byte) opcode;
        WireFormat.putU16(dst, off + 6, length);
        int crc = crcEnabled ? Crc16.compute(dst, off, WireFormat.HEADER_CRC_COVERED) : 0;
        WireFormat.putU16(dst, off + 8, crc);
    }
}
