package io.omvcap.payload;

/**
 * PROTO_VERSION response, 16 bytes: protocol, bootloader and firmware versions (3 bytes each), 7
 * reserved bytes.
 *
 * @param protocol   protocol version
 * @param bootloader bootloader version
 * @param firmware   firmware version
 */
public record VersionInfo(SemVer protocol, SemVer bootloader, SemVer firmware) {
    /** Encoded size. */
    public static final int SIZE = 16;

    /** Decodes a 16-byte version payload. */
    public static VersionInfo decode(byte[] p) {
        Bytes.requireSize("version", p, SIZE);
        return new VersionInfo(at(p, 0), at(p, 3), at(p, 6));
    }

    /** Encodes to 16 bytes. */
    public byte[] encode() {
        byte[] p = new byte[SIZE];
        put(p, 0, protocol);
        put(p, 3, bootloader);
        put(p, 6, firmware);
        return p;
    }

    private static SemVer at(byte[] p, int off) {
        return new SemVer(p[off] & 0xFF, p[off + 1] & 0xFF, p[off + 2] & 0xFF);
    }

    private static void put(byte[] p, int off, SemVer v) {
        p[off] = (byte) v.major();
        p[off + 1] = (byte) v.minor();
        p[off + 2] = (byte) v.patch();
    }
}
