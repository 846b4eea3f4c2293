package io.omvcap.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The payload CRC: CRC-32 with polynomial 0xFA567D89, initial value 0xFFFFFFFF, MSB-first, no
 * final XOR. All tables are derived from the polynomial. Long inputs run four (then three)
 * independent slicing-by-8 lanes over consecutive {@value #LANE}-byte blocks and join them with a
 * "shift by one lane" table (CRC is linear), so the lanes' table lookups overlap in the CPU; the
 * rest is plain slicing-by-8.
 */
public final class Crc32 {
    /** Generator polynomial. */
    public static final int POLYNOMIAL = 0xFA567D89;
    /** Initial register value. */
    public static final int INITIAL = 0xFFFFFFFF;
    /** Bytes per lane in the multi-lane loops. */
    static final int LANE = 128;

    private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int[] T0 = new int[256];
    private static final int[] T1 = new int[256];
    private static final int[] T2 = new int[256];
    private static final int[] T3 = new int[256];
    private static final int[] T4 = new int[256];
    private static final int[] T5 = new int[256];
    private static final int[] T6 = new int[256];
    private static final int[] T7 = new int[256];
    /** Register after feeding {@link #LANE} zero bytes, split by register byte (the map is linear). */
    private static final int[] S0 = new int[256];
    private static final int[] S1 = new int[256];
    private static final int[] S2 = new int[256];
    private static final int[] S3 = new int[256];

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
        int[][] shifts = {S0, S1, S2, S3};
        for (int k = 0; k < shifts.length; k++) {
            for (int i = 0; i < 256; i++) {
                int r = i << (8 * k);
                for (int z = 0; z < LANE; z++) {
                    r = (r << 8) ^ T0[r >>> 24];
                }
                shifts[k][i] = r;
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
        java.util.Objects.checkFromIndexSize(off, len, data.length);
        int c = crc;
        int i = off;
        int end = off + len;
        for (; i + 4 * LANE <= end; i += 4 * LANE) {
            int c1 = c;
            int c2 = 0;
            int c3 = 0;
            int c4 = 0;
            for (int j = i, stop = i + LANE; j < stop; j += 8) {
                c1 = step(c1, (long) BE_LONG.get(data, j));
                c2 = step(c2, (long) BE_LONG.get(data, j + LANE));
                c3 = step(c3, (long) BE_LONG.get(data, j + 2 * LANE));
                c4 = step(c4, (long) BE_LONG.get(data, j + 3 * LANE));
            }
            c = shiftOneLane(shiftOneLane(shiftOneLane(c1) ^ c2) ^ c3) ^ c4;
        }
        if (i + 3 * LANE <= end) {
            int c1 = c;
            int c2 = 0;
            int c3 = 0;
            for (int j = i, stop = i + LANE; j < stop; j += 8) {
                c1 = step(c1, (long) BE_LONG.get(data, j));
                c2 = step(c2, (long) BE_LONG.get(data, j + LANE));
                c3 = step(c3, (long) BE_LONG.get(data, j + 2 * LANE));
            }
            c = shiftOneLane(shiftOneLane(c1) ^ c2) ^ c3;
            i += 3 * LANE;
        }
        for (; i + 8 <= end; i += 8) {
            c = step(c, (long) BE_LONG.get(data, i));
        }
        for (; i < end; i++) {
            c = (c << 8) ^ T0[((c >>> 24) ^ data[i]) & 0xFF];
        }
        return c;
    }

    /** Feeds eight bytes (big-endian in {@code q}) into register {@code c}. */
    private static int step(int c, long q) {
        int a = c ^ (int) (q >>> 32);
        int b = (int) q;
        return T7[a >>> 24] ^ T6[(a >>> 16) & 0xFF] ^ T5[(a >>> 8) & 0xFF] ^ T4[a & 0xFF]
                ^ T3[b >>> 24] ^ T2[(b >>> 16) & 0xFF] ^ T1[(b >>> 8) & 0xFF] ^ T0[b & 0xFF];
    }

    /** The register after feeding {@link #LANE} zero bytes into {@code r}. */
    private static int shiftOneLane(int r) {
        return S0[r & 0xFF] ^ S1[(r >>> 8) & 0xFF] ^ S2[(r >>> 16) & 0xFF] ^ S3[r >>> 24];
    }
}
