package io.omvcap.wire;

/** Sizes and constants of the packet framing, defined once for the whole project. */
public final class WireFormat {
    /** The sync word as a little-endian uint16; on the wire it is the bytes {@code AA D5}. */
    public static final int SYNC_WORD = 0xD5AA;
    /** First byte of a packet on the wire. */
    public static final byte SYNC_BYTE_0 = (byte) 0xAA;
    /** Second byte of a packet on the wire. */
    public static final byte SYNC_BYTE_1 = (byte) 0xD5;
    /** Header size including its CRC16. */
    public static final int HEADER_SIZE = 10;
    /** Header bytes covered by the header CRC16. */
    public static final int HEADER_CRC_COVERED = 8;
    /** Size of the payload CRC32 that follows a non-empty payload. */
    public static final int PAYLOAD_CRC_SIZE = 4;
    /** Largest value the uint16 length field can hold. */
    public static final int MAX_LENGTH_FIELD = 0xFFFF;
    /** Number of channel ids a device can address (0–31). */
    public static final int MAX_CHANNELS = 32;
    /** The baud rate that selects the protocol on USB CDC. */
    public static final int MAGIC_BAUDRATE = 921_600;
    /** Max payload before caps are negotiated (firmware 50, the official SDK 52; the SDK's value is used by hosts). */
    public static final int DEFAULT_HOST_MAX_PAYLOAD = 52;
    /** Smallest max payload the firmware accepts in SET_CAPS. */
    public static final int MIN_PAYLOAD = 50;
    /** Largest max payload of any known board (N6 / AE3: 8192-byte buffer minus framing). */
    public static final int LARGEST_BOARD_MAX_PAYLOAD = 8178;
    /** Copying ({@code read}) channels fragment at most at this size, whatever max payload says. */
    public static final int COPY_READ_FRAGMENT = 512;

    private WireFormat() {
    }

    /** Bytes a packet with {@code payloadLength} payload bytes takes on the wire. */
    public static int packetSize(int payloadLength) {
        return HEADER_SIZE + payloadLength + (payloadLength > 0 ? PAYLOAD_CRC_SIZE : 0);
    }

    /** Reads a little-endian uint16 at {@code off}. */
    public static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    /** Reads a little-endian uint32 at {@code off} as a non-negative long. */
    public static long u32(byte[] b, int off) {
        return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24;
    }

    /** Writes a little-endian uint16 at {@code off}. */
    public static void putU16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    /** Writes a little-endian uint32 at {@code off}. */
    public static void putU32(byte[] b, int off, long v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
