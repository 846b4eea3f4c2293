package io.omvcap.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The payload CRC: CRC-32 with polynomial 0xFA567D89, initial value 0xFFFFFFFF, MSB-first, no
 * final XOR. Slicing-by-8: eight tables, all derived from the polynomial, consume eight bytes per
 * step so validation keeps up with multi-GB/s streams.
 */
public final class Crc32 {
    /** Generator polynomial. */
    public static final int POLYNOMIAL = 0xFA567D89;
    /** Initial register value. */
    public static final int INITIAL = 0xFFFFFFFF;

    private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final int[] T0 = new int[256];
    private static final int[] T1 = new int[256];
    private static final int[] T2 = new int[256];
    private static final int[] T3 = new int[256];
    private static final int[] T4 = new int[256];
    private static final int[] T5 = new int[256];
    private static final int[] T6 = new int[256];
    private static final int[] T7 = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ POLYNOMIAL : crc << 1;
            }
            T0[i] = crc;
        }
        int[][] tables = {T0, T1, T2, T3, T4, T5, T6, T7};
        for (int k = 1; k < tables.length; k++) {
            for (int i = 0; i < 256; i++) {
                int prev = tables[k - 1][i];
                tables[k][i] = (prev << 8) ^ T0[prev >>> 24];
            }
        }
    }

    private Crc32() {
    }

    /** CRC32 of {@code len} bytes of {@code data} starting at {@code off}, as an unsigned value. */
    public static long compute(byte[] data, int off, int len) {
        return update(INITIAL, data, off, len) & 0xFFFFFFFFL;
    }

    /** CRC32 of all of {@code data}, as an unsigned value. */
    public static long compute(byte[] data) {
        return compute(data, 0, data.length);
    }

    /** Continues a CRC32 computation from register value {@code crc}; returns the new register. */
    public static int update(int crc, byte[] data, int off, int len) {
        int c = crc;
        int i = off;
        int end = off + len;
        for (int fast = end - 8; i <= fast; i += 8) {
            int a = c ^ (int) BE_INT.get(data, i);
            int b = (int) BE_INT.get(data, i + 4);
            c = T7[a >>> 24] ^ T6[(a >>> 16) & 0xFF] ^ T5[(a >>> 8) & 0xFF] ^ T4[a & 0xFF]
                    ^ T3[b >>> 24] ^ T2[(b >>> 16) & 0xFF] ^ T1[(b >>> 8) & 0xFF] ^ T0[b & 0xFF];
        }
        for (; i < end; i++) {
            c = (c << 8) ^ T0[((c >>> 24) ^ data[i]) & 0xFF];
        }
        return c;
    }
}
