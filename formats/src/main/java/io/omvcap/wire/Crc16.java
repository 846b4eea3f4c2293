package io.omvcap.wire;

/**
 * The header CRC: CRC-16 with polynomial 0xF94F, initial value 0xFFFF, MSB-first, no final XOR.
 * Table-driven; the table is built from the polynomial.
 */
public final class Crc16 {
    /** Generator polynomial. */
    public static final int POLYNOMIAL = 0xF94F;
    /** Initial register value. */
    public static final int INITIAL = 0xFFFF;

    private static final char[] TABLE = new char[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ POLYNOMIAL : crc << 1;
            }
            TABLE[i] = (char) crc;
        }
    }

    private Crc16() {
    }

    /** CRC16 of {@code len} bytes of {@code data} starting at {@code off}. */
    public static int compute(byte[] data, int off, int len) {
        return update(INITIAL, data, off, len);
    }

    /** CRC16 of all of {@code data}. */
    public static int compute(byte[] data) {
        return compute(data, 0, data.length);
    }

    /** Continues a CRC16 computation from register value {@code crc}. */
    public static int update(int crc, byte[] data, int off, int len) {
        int c = crc;
        for (int i = off, end = off + len; i < end; i++) {
            c = (c << 8) ^ TABLE[((c >>> 8) ^ data[i]) & 0xFF];
        }
        return c & 0xFFFF;
    }
}
