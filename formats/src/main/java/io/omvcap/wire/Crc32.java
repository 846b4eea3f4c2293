package io.omvcap.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The payload CRC: CRC-32 with polynomial 0xFA567D89, initial value 0xFFFFFFFF, MSB-first, no
 * final XOR. All tables are derived from the polynomial. Long inputs run four independent
 * slicing-by-8 lanes over consecutive {@value #LANE}-byte blocks and join them with a "shift by one
 * lane" table (CRC is linear), so the lanes' table lookups overlap in the CPU; the rest is plain
 * slicing-by-8.
 */
public final class Crc32 {
    /** Generator polynomial. */
    public static final int POLYNOMIAL = 0xFA567D89;
    /** Initial register value. */
    public static final int INITIAL = 0xFFFFFFFF;
    /** Bytes per lane in the four-lane loop. */
    static final int LANE = 128;

    private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** Slicing table k (the register after byte i, then k zero bytes) starts at k * {@value #SLICE}. */
    private static final int SLICE = 0x100;
    /** The four "feed one lane of zero bytes" tables, one per register byte, start here. */
    private static final int SHIFT = 8 * SLICE;
    /** All tables in one array: one base register for every lookup in the hot loops. */
    private static final int[] TABLES = new int[SHIFT + 4 * SLICE];

    static {
        int[] t = TABLES;
        for (int i = 0; i < 256; i++) {
            int crc = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ POLYNOMIAL : crc << 1;
            }
            t[i] = crc;
        }
        for (int k = 1; k < 8; k++) {
            for (int i = 0; i < 256; i++) {
                int prev = t[(k - 1) * SLICE + i];
                t[k * SLICE + i] = (prev << 8) ^ t[prev >>> 24];
            }
        }
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < 256; i++) {
                int r = i << (8 * k);
                for (int z = 0; z < LANE; z++) {
                    r = (r << 8) ^ t[r >>> 24];
                }
                t[SHIFT + k * SLICE + i] = r;
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
        int[] t = TABLES;
        int c = crc;
        int i = off;
        int end = off + len;
        for (; i + 4 * LANE <= end; i += 4 * LANE) {
            int c1 = c;
            int c2 = 0;
            int c3 = 0;
            int c4 = 0;
            for (int j = i, stop = i + LANE; j < stop; j += 8) {
                c1 = step(t, c1, (long) BE_LONG.get(data, j));
                c2 = step(t, c2, (long) BE_LONG.get(data, j + LANE));
                c3 = step(t, c3, (long) BE_LONG.get(data, j + 2 * LANE));
                c4 = step(t, c4, (long) BE_LONG.get(data, j + 3 * LANE));
            }
            c = shiftOneLane(t, shiftOneLane(t, shiftOneLane(t, c1) ^ c2) ^ c3) ^ c4;
        }
        for (; i + 8 <= end; i += 8) {
            c = step(t, c, (long) BE_LONG.get(data, i));
        }
        for (; i < end; i++) {
            c = (c << 8) ^ t[((c >>> 24) ^ data[i]) & 0xFF];
        }
        return c;
    }

    /** Feeds eight bytes (big-endian in {@code q}) into register {@code c}. */
    private static int step(int[] t, int c, long q) {
        int a = c ^ (int) (q >>> 32);
        int b = (int) q;
        return t[7 * SLICE + (a >>> 24)] ^ t[6 * SLICE + ((a >>> 16) & 0xFF)] ^ t[5 * SLICE + ((a >>> 8) & 0xFF)]
                ^ t[4 * SLICE + (a & 0xFF)] ^ t[3 * SLICE + (b >>> 24)] ^ t[2 * SLICE + ((b >>> 16) & 0xFF)]
                ^ t[SLICE + ((b >>> 8) & 0xFF)] ^ t[b & 0xFF];
    }

    /** The register after feeding {@link #LANE} zero bytes into {@code r}. */
    private static int shiftOneLane(int[] t, int r) {
        return t[SHIFT + (r & 0xFF)] ^ t[SHIFT + SLICE + ((r >>> 8) & 0xFF)] ^ t[SHIFT + 2 * SLICE + ((r >>> 16) & 0xFF)]
                ^ t[SHIFT + 3 * SLICE + (r >>> 24)];
    }
}
