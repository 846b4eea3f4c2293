package io.omvcap.device;

import static io.omvcap.device.CamHarness.assertAck;
import static io.omvcap.device.CamHarness.assertNak;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.payload.Caps;
import io.omvcap.payload.ChannelEntry;
import io.omvcap.payload.Event;
import io.omvcap.payload.ProtocolStats;
import io.omvcap.payload.ReadRequest;
import io.omvcap.payload.SystemEvent;
import io.omvcap.payload.U32;
import io.omvcap.payload.WriteRequest;
import io.omvcap.wire.ChannelFlag;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's normal protocol behaviour: caps, sequence numbers, ACKs, RTX, events, channels. */
class EngineProtocolTest {

    @Test
    void capsTakeEffectAfterTheirAck() {
        CamHarness h = CamHarness.firmware();
        assertEquals(Caps.allOn(4082), Caps.decode(h.call(Opcode.PROTO_GET_CAPS, 0).get(0).payload()));
        List<Packet> r = h.call(Opcode.PROTO_SET_CAPS, 0, new Caps(true, true, false, true, 64).encode());
        assertAck(r.get(0));
        assertEquals(1, r.get(0).sequence());
        List<Packet> list = h.request(Opcode.CHANNEL_LIST, 0);
        assertEquals(1, list.size(), "64 bytes of channel list fit one 64-byte packet");
        assertEquals(0, list.get(0).flags(), "acks off: no ACK_REQ");
        r = h.request(Opcode.PROTO_SET_CAPS, 0, new Caps(true, true, true, true, 50).encode());
        assertAck(r.get(0));
        List<Packet> frags = h.call(Opcode.CHANNEL_LIST, 0);
        assertEquals(2, frags.size(), "64 bytes in 50-byte fragments");
        assertEquals(Flag.ACK_REQ.mask() | Flag.FRAGMENT.mask(), frags.get(0).flags());
        assertEquals(Flag.ACK_REQ.mask(), frags.get(1).flags());
        assertEquals(frags.get(0).sequence() + 1, frags.get(1).sequence());
    }

    @Test
    void setCapsOutOfBoundsIsInvalid() {
        CamHarness h = CamHarness.firmware();
        assertNak(Status.INVALID, h.request(Opcode.PROTO_SET_CAPS, 0, Caps.allOn(49).encode()).get(0));
        assertNak(Status.INVALID, h.request(Opcode.PROTO_SET_CAPS, 0, Caps.allOn(4083).encode()).get(0));
        assertNak(Status.INVALID, h.request(Opcode.PROTO_SET_CAPS, 0, new byte[15]).get(0));
        assertAck(h.request(Opcode.PROTO_SET_CAPS, 0, Caps.allOn(50).encode()).get(0));
        assertEquals(50, h.engine.caps().maxPayload());
        assertNak(Status.INVALID, h.request(Opcode.PROTO_SET_CAPS, 3, Caps.allOn(4082).encode()).get(0));
        assertEquals(50, h.engine.caps().maxPayload(), "SET_CAPS off channel 0 changes nothing");
    }

    @Test
    void syncResetsSequenceAndCaps() {
        CamHarness h = CamHarness.firmware();
        h.call(Opcode.PROTO_SET_CAPS, 0, new Caps(true, true, true, true, 100).encode());
        h.call(Opcode.CHANNEL_POLL, 0);
        assertEquals(2, h.engine.sequence(), "SET_CAPS ACK and POLL answer");
        List<Packet> r = h.send(Packet.of(77, 0, 0, Opcode.PROTO_SYNC));
        assertAck(r.get(0));
        assertEquals(0, r.get(0).sequence());
        assertEquals(0, h.engine.sequence(), "the packet after a SYNC ACK is sequence 0 again");
        assertEquals(Caps.allOn(4082), h.engine.caps());
    }

    @Test
    void ackedResponsesAdvanceTheSequenceOncePerPacket() {
        CamHarness h = CamHarness.firmware();
        Packet poll = h.request(Opcode.CHANNEL_POLL, 0).get(0);
        assertEquals(Flag.ACK_REQ.mask(), poll.flags());
        assertTrue(h.engine.busy(), "waits for the ACK");
        assertEquals(0, h.request(Opcode.CHANNEL_POLL, 0).size(), "a request while waiting stays buffered");
        List<Packet> after = h.ack(poll);
        assertEquals(1, after.size(), "the buffered request is answered once the ACK arrives");
        assertEquals(1, after.get(0).sequence());
    }

    @Test
    void retransmitsThreeTimesThenResets() {
        CamHarness h = CamHarness.firmware();
        h.call(Opcode.PROTO_SET_CAPS, 0, new Caps(true, true, true, true, 200).encode());
        int from = h.out.size();
        h.request(Opcode.CHANNEL_LIST, 0);
        h.advance(7_499);
        List<Packet> sent = h.since(from);
        assertEquals(4, sent.size(), "original + 3 retransmissions: " + sent);
        assertTrue(sent.stream().skip(1).allMatch(p -> p.has(Flag.RTX)));
        assertTrue(h.engine.busy());
        h.advance(2);
        assertFalse(h.engine.busy(), "gave up after 500+1000+2000+4000 ms");
        assertEquals(0, h.engine.sequence());
        assertEquals(Caps.allOn(4082), h.engine.caps(), "protocol reset restores the default caps");
        assertEquals(3, h.engine.stats().retransmits());
    }

    @Test
    void retransmissionTimesDouble() {
        CamHarness h = CamHarness.firmware();
        h.request(Opcode.CHANNEL_POLL, 0);
        int[] rtxAt = new int[3];
        int n = 0;
        for (int t = 1; t <= 3600; t++) {
            int before = h.out.size();
            h.advance(1);
            if (h.out.size() > before) {
                rtxAt[n++] = t;
            }
        }
        assertEquals(3, n);
        assertEquals(500, rtxAt[0]);
        assertEquals(1500, rtxAt[1]);
        assertEquals(3500, rtxAt[2]);
    }

    @Test
    void withoutCrcRetransmissionsKeepTheirFlags() {
        CamHarness h = CamHarness.firmware();
        h.connect(new Caps(false, true, true, true, 4082));
        int from = h.out.size();
        h.request(Opcode.CHANNEL_POLL, 0);
        h.advance(600);
        List<Packet> sent = h.since(from);
        assertEquals(2, sent.size());
        assertEquals(sent.get(0).flags(), sent.get(1).flags(), "the firmware only sets RTX when CRCs are on");
    }

    @Test
    void hostNakBurnsTheRetransmissions() {
        CamHarness h = CamHarness.firmware();
        Packet poll = h.request(Opcode.CHANNEL_POLL, 0).get(0);
        List<Packet> r = h.send(new Packet(poll.sequence(), 0, Flag.NAK.mask(), poll.opcode(), new byte[0]));
        assertEquals(3, r.size(), "three immediate retransmissions, then the protocol resets");
        assertFalse(h.engine.busy());
        assertEquals(0, h.engine.sequence());
    }

    @Test
    void syncWhileWaitingForAnAckAbortsTheResponse() {
        CamHarness h = CamHarness.firmware();
        h.call(Opcode.PROTO_SET_CAPS, 0, new Caps(true, true, true, true, 50).encode());
        List<Packet> first = h.request(Opcode.CHANNEL_LIST, 0);
        assertTrue(first.get(0).has(Flag.FRAGMENT));
        List<Packet> r = h.send(Packet.of(0, 0, 0, Opcode.PROTO_SYNC));
        assertEquals(1, r.size());
        assertAck(r.get(0));
        int after = h.out.size();
        h.advance(2_000);
        assertEquals(List.of(), h.since(after));
        assertFalse(h.engine.busy(), "no more fragments, no retransmissions");
    }

    @Test
    void eventsCarryTheCounterWithoutAdvancingIt() {
        CamHarness h = CamHarness.firmware();
        h.call(Opcode.CHANNEL_POLL, 0);
        int seq = h.engine.sequence();
        int from = h.out.size();
        assertTrue(h.engine.sendEvent(5, 0x0042, false));
        assertTrue(h.engine.sendEvent(0, SystemEvent.SOFT_REBOOT.code(), false));
        List<Packet> ev = h.since(from);
        assertEquals(2, ev.size());
        assertEquals(new Packet(seq, 5, Flag.EVENT.mask(), Opcode.CHANNEL_EVENT.code(), new byte[] {0x42, 0}), ev.get(0));
        assertEquals(Opcode.SYS_EVENT.code(), ev.get(1).opcode());
        assertEquals(seq, ev.get(1).sequence());
        assertEquals(seq, h.engine.sequence());
        assertEquals(2, h.engine.stats().sentEvents());
    }

    @Test
    void eventsWaitingForAnAckAreRetransmitted() {
        CamHarness h = CamHarness.firmware();
        int from = h.out.size();
        h.engine.sendEvent(2, Event.NOTIFY, true);
        Packet ev = h.out.get(from);
        assertEquals(Flag.EVENT.mask() | Flag.ACK_REQ.mask(), ev.flags());
        assertEquals(0, ev.length(), "NOTIFY has no payload");
        h.advance(500);
        assertEquals(2, h.since(from).size(), "retransmitted after 500 ms");
        h.ack(ev);
        assertFalse(h.engine.busy());
        assertEquals(0, h.engine.sequence(), "an acknowledged event still does not advance the counter");
    }

    @Test
    void eventsAreLostWithoutAHostOrWhenDisabled() {
        CamHarness h = CamHarness.firmware();
        h.engine.setTransportActive(false);
        assertFalse(h.engine.sendEvent(2, Event.NOTIFY, false));
        h.engine.setTransportActive(true);
        h.call(Opcode.PROTO_SET_CAPS, 0, new Caps(true, true, true, false, 4082).encode());
        assertFalse(h.engine.sendEvent(2, Event.NOTIFY, false));
        assertEquals(0, h.engine.stats().sentEvents());
    }

    @Test
    void dynamicChannelsTakeTheNextIdAndDeriveTheirFlags() {
        CamHarness h = CamHarness.firmware();
        int from = h.out.size();
        Channel rw = h.engine.register("rw", 0, new ChannelBackend() {
            @Override
            public int read(long offset, byte[] dst, int dstOff, int length) {
                return length;
            }

            @Override
            public int write(long offset, byte[] src, int srcOff, int length) {
                return length;
            }
        });
        Channel halfLock = h.engine.register("a-very-long-channel-name", 0, new ChannelBackend() {
            @Override
            public boolean lock() {
                return true;
            }

            @Override
            public ByteSlice readp(long offset, long length) {
                return null;
            }
        });
        assertEquals(4, rw.id());
        assertEquals(ChannelFlag.DYNAMIC.mask() | ChannelFlag.READ.mask() | ChannelFlag.WRITE.mask(), rw.flags());
        assertEquals(5, halfLock.id());
        assertEquals(ChannelFlag.DYNAMIC.mask() | ChannelFlag.READ.mask(), halfLock.flags(), "LOCK needs lock and unlock");
        List<Packet> events = h.since(from);
        assertEquals(2, events.size());
        assertTrue(events.stream().allMatch(p -> p.opcode() == Opcode.SYS_EVENT.code() && p.payload()[0] == 0));
        List<ChannelEntry> list = ChannelEntry.decodeList(h.call(Opcode.CHANNEL_LIST, 0).get(0).payload());
        assertEquals(List.of("usb", "stdin", "stdout", "stream", "rw", "a-very-long-c"),
                list.stream().map(ChannelEntry::name).toList(), "names cut to 13 characters");
        h.engine.softReboot();
        assertNull(h.engine.channel(4));
        assertEquals(4, h.engine.channelList().size());
    }

    @Test
    void copyReadsFragmentAt512AndZeroCopyReadsAtMaxPayload() {
        CamHarness h = CamHarness.firmware();
        byte[] data = new byte[1300];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        h.engine.register("copy", 0, new ChannelBackend() {
            @Override
            public int read(long offset, byte[] dst, int dstOff, int length) {
                int n = (int) Math.min(length, data.length - offset);
                System.arraycopy(data, (int) offset, dst, dstOff, n);
                return n;
            }
        });
        h.engine.register("zero", 0, new ChannelBackend() {
            @Override
            public ByteSlice readp(long offset, long length) {
                return offset + length <= data.length ? new ByteSlice(data, (int) offset, (int) length) : null;
            }
        });
        h.call(Opcode.PROTO_SET_CAPS, 0, Caps.allOn(1000).encode());
        List<Packet> copy = h.call(Opcode.CHANNEL_READ, 4, new ReadRequest(0, 1300).encode());
        assertEquals(List.of(512, 512, 276), copy.stream().map(Packet::length).toList());
        List<Packet> zero = h.call(Opcode.CHANNEL_READ, 5, new ReadRequest(0, 1300).encode());
        assertEquals(List.of(1000, 300), zero.stream().map(Packet::length).toList());
        assertEquals(data[1000], zero.get(1).payload()[0]);
    }

    @Test
    void writeResultsMapToAckOrFailed() {
        CamHarness h = CamHarness.firmware();
        int[] result = {5};
        h.engine.register("w", 0, new ChannelBackend() {
            @Override
            public int write(long offset, byte[] src, int srcOff, int length) {
                return result[0];
            }
        });
        assertAck(h.call(Opcode.CHANNEL_WRITE, 4, WriteRequest.of(0, new byte[5]).encode()).get(0));
        result[0] = 0;
        assertNak(Status.FAILED, h.call(Opcode.CHANNEL_WRITE, 4, WriteRequest.of(0, new byte[5]).encode()).get(0));
        result[0] = -1;
        assertAck(h.call(Opcode.CHANNEL_WRITE, 4, WriteRequest.of(0, new byte[5]).encode()).get(0));
    }

    @Test
    void statsCountSentReceivedAndErrors() {
        CamHarness h = CamHarness.firmware();
        h.call(Opcode.CHANNEL_POLL, 0);
        h.send(Packet.of(99, 0, 0, Opcode.CHANNEL_POLL));
        ProtocolStats s = ProtocolStats.decode(h.call(Opcode.PROTO_STATS, 0).get(0).payload());
        assertEquals(2, s.sentPackets(), "POLL answer + SEQUENCE NAK");
        assertEquals(2, s.receivedPackets(), "POLL + STATS (the NAKed packet was not processed)");
        assertEquals(1, s.sequenceErrors());
    }

    @Test
    void channelSizeAndShapeOfBuiltins() {
        CamHarness h = CamHarness.firmware();
        assertEquals(0, U32.decode(h.call(Opcode.CHANNEL_SIZE, 2).get(0).payload()), "empty stdout");
        assertEquals(4, h.call(Opcode.CHANNEL_SHAPE, 3).get(0).length(), "stream shape (size,)");
        assertNotNull(h.engine.channel("stream"));
    }
}
