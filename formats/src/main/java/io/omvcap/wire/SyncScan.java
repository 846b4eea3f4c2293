package io.omvcap.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the next sync pair ({@link WireFormat#SYNC_BYTE_0}, {@link WireFormat#SYNC_BYTE_1}) in a
 * byte range, eight bytes at a time: a word with no {@code SYNC_BYTE_0} in it is skipped with a
 * few arithmetic operations instead of eight compares.
 */
final class SyncScan {
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long SYNC0_IN_EVERY_BYTE = (WireFormat.SYNC_BYTE_0 & 0xFFL) * ONES;

    private SyncScan() {
    }

    /**
     * The first {@code i} in [{@code from}, {@code limit}) where {@code b[i]} and {@code b[i + 1]}
     * are the sync pair, or {@code limit} if there is none ({@code from} itself when it is already
     * past {@code limit}); {@code limit} must be below {@code b.length}.
     */
    static int next(byte[] b, int from, int limit) {
        int i = from;
        for (; i + Long.BYTES <= limit; i += Long.BYTES) {
            long x = (long) LE_LONG.get(b, i) ^ SYNC0_IN_EVERY_BYTE;
            // nonzero when some byte of x is zero, i.e. some byte of the word is SYNC_BYTE_0
            if (((x - ONES) & ~x & HIGHS) != 0) {
                for (int j = i; j < i + Long.BYTES; j++) {
                    if (isSyncAt(b, j)) {
                        return j;
                    }
                }
            }
        }
        for (; i < limit; i++) {
            if (isSyncAt(b, i)) {
                return i;
            }
        }
        return limit;
    }

    /** Whether the sync pair starts at {@code i} ({@code i + 1} must be inside {@code b}). */
    static boolean isSyncAt(byte[] b, int i) {
        return b[i] == WireFormat.SYNC_BYTE_0 && b[i + 1] == WireFormat.SYNC_BYTE_1;
    }
}
