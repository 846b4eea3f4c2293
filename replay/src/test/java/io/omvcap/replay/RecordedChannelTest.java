package io.omvcap.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.device.ByteSlice;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A recorded payload served where the host read it: a host that reads with its own offset gets it back there. */
class RecordedChannelTest {
    private static final byte[] READ_AT_3 = "0123".getBytes();

    @Test
    void aPayloadReadAtAnOffsetIsServedAtThatOffset() {
        RecordedChannel c = new RecordedChannel();
        c.install(READ_AT_3, 3);
        assertEquals(7, c.size(), "ends where the recorded read ended");
        byte[] got = new byte[4];
        c.readRequested();
        assertEquals(4, c.read(3, got, 0, 4));
        assertArrayEquals(READ_AT_3, got);
        assertTrue(c.delivered(false), "the read reached the payload's end: consumed");
        assertFalse(c.poll());
    }

    @Test
    void bytesBeforeTheRecordedOffsetCopyAsZerosAndFailZeroCopy() {
        RecordedChannel c = new RecordedChannel();
        c.install(READ_AT_3, 3);
        byte[] got = new byte[7];
        Arrays.fill(got, (byte) 'x');
        assertEquals(7, c.read(0, got, 0, 7));
        assertArrayEquals(new byte[] {0, 0, 0, '0', '1', '2', '3'}, got);
        assertEquals(2, c.read(1, got, 0, 2), "wholly before the recorded bytes");
        assertEquals(0, got[0]);
        assertNull(c.readp(0, 7), "zero-copy cannot serve bytes never recorded");
        ByteSlice tail = c.readp(5, 2);
        assertArrayEquals("23".getBytes(), Arrays.copyOfRange(tail.array(), tail.offset(), tail.offset() + tail.length()));
        assertEquals(0, c.read(7, got, 0, 1), "nothing after the end");
    }
}
