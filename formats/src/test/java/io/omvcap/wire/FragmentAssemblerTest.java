package io.omvcap.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.omvcap.testing.Transcript;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FragmentAssemblerTest {
    @Test
    void joinsTheThreeFragmentsOfEachFrameRead() {
        List<WireEvent> events = DecoderRobustnessTest.decodeAll(
                Transcript.load("d-frame").stream(Direction.CAM_TO_HOST), new PacketDecoder());
        FragmentAssembler a = new FragmentAssembler();
        List<Packet> frameReads = new ArrayList<>();
        for (WireEvent e : events) {
            Packet p = a.accept(((ValidPacket) e).packet());
            if (p != null && p.channel() == 6 && p.opcode() == Opcode.CHANNEL_READ.code()) {
                frameReads.add(p);
            }
        }
        assertEquals(3, frameReads.size());
        for (Packet p : frameReads) {
            byte[] data = p.payload();
            assertEquals(12000, data.length);
            long counter = WireFormat.u32(data, 0);
            for (int i = 4; i < data.length; i++) {
                assertEquals((byte) (7 * i + 3 * (i >> 8) + 13 * counter), data[i], "frame pattern byte " + i);
            }
            assertFalse(p.has(Flag.FRAGMENT));
        }
        assertFalse(a.hasPending());
    }

    @Test
    void passesEventsThroughAndDropsRetransmittedFragments() {
        FragmentAssembler a = new FragmentAssembler();
        Packet f1 = new Packet(7, 6, Flag.FRAGMENT.mask() | Flag.ACK_REQ.mask(), 0x26, new byte[] {1, 2});
        Packet event = Packet.of(8, 2, Flag.EVENT.mask(), Opcode.CHANNEL_EVENT);
        assertNull(a.accept(f1));
        assertSame(event, a.accept(event));
        assertNull(a.accept(f1.withFlags(f1.flags() | Flag.RTX.mask())), "RTX copy dropped");
        Packet last = a.accept(new Packet(8, 6, Flag.ACK_REQ.mask(), 0x26, new byte[] {3}));
        assertArrayEquals(new byte[] {1, 2, 3}, last.payload());
        assertEquals(7, last.sequence());
    }

    @Test
    void boundsTheJoinedSize() {
        FragmentAssembler a = new FragmentAssembler(10);
        a.accept(new Packet(0, 6, Flag.FRAGMENT.mask(), 0x26, new byte[8]));
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> a.accept(new Packet(1, 6, Flag.FRAGMENT.mask(), 0x26, new byte[8])));
        assertEquals("reassembled response on channel 6 exceeds 10 bytes", e.getMessage());
        assertFalse(a.hasPending());
    }
}
