package io.omvcap.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time sync search agrees with a byte-by-byte one everywhere. */
class SyncScanTest {
    @Test
    void findsTheSameSyncPairsAsAByteLoop() {
        Random rnd = new Random(3);
        for (int round = 0; round < 2000; round++) {
            byte[] b = new byte[1 + rnd.nextInt(80)];
            for (int i = 0; i < b.length; i++) {
                int pick = rnd.nextInt(4);
                b[i] = pick == 0 ? WireFormat.SYNC_BYTE_0 : pick == 1 ? WireFormat.SYNC_BYTE_1 : (byte) rnd.nextInt(256);
            }
            int limit = rnd.nextInt(b.length);
            int from = rnd.nextInt(limit + 1);
            assertEquals(byteLoop(b, from, limit), SyncScan.next(b, from, limit), "from " + from + " limit " + limit);
        }
    }

    @Test
    void reportsTheLimitWhenThereIsNoPair() {
        byte[] b = new byte[100];
        b[99] = WireFormat.SYNC_BYTE_0;
        b[50] = WireFormat.SYNC_BYTE_1;
        assertEquals(99, SyncScan.next(b, 0, 99));
        b[49] = WireFormat.SYNC_BYTE_0;
        assertEquals(49, SyncScan.next(b, 3, 99));
        assertEquals(99, SyncScan.next(b, 50, 99));
    }

    private static int byteLoop(byte[] b, int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (b[i] == WireFormat.SYNC_BYTE_0 && b[i + 1] == WireFormat.SYNC_BYTE_1) {
                return i;
            }
        }
        return limit;
    }
}
