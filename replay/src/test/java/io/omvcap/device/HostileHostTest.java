package io.omvcap.device;

import static io.omvcap.device.CamHarness.assertAck;
import static io.omvcap.device.CamHarness.assertNak;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.payload.Caps;
import io.omvcap.payload.IoctlRequest;
import io.omvcap.payload.ReadRequest;
import io.omvcap.payload.U32;
import io.omvcap.payload.WriteRequest;
import io.omvcap.sim.ScriptStart;
import io.omvcap.sim.SimCam;
import io.omvcap.sim.SimConfig;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.PacketEncoder;
import io.omvcap.wire.Status;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A host that sends rubbish gets the firmware's NAKs or silence, never an exception or a hang. */
class HostileHostTest {
    private static final int TICKS = 4;
    private static final int FRAME = 6;

    /** A reference cam running main.py, its channels registered. */
    private static CamHarness cam() {
        CamHarness h = new CamHarness((c, o) -> new SimCam(SimConfig.reference().build(), c, o).engine());
        h.advance(250);
        return h;
    }

    @Test
    void garbageAndBadHeadersAreDroppedSilently() {
        CamHarness h = cam();
        int from = h.out.size();
        h.raw(new byte[] {0, (byte) 0xFF, 0x13, 0x55, (byte) 0xAA, 0x0D, (byte) 0xAA, (byte) 0xD5, (byte) 0xC3, (byte) 0xDE,
            (byte) 0xAD, (byte) 0xBE, (byte) 0xEF, 0x42, (byte) 0x99, 0x01, 0x66});
        byte[] badHeader = PacketEncoder.encode(Packet.of(h.engine.sequence(), TICKS, 0, Opcode.CHANNEL_SIZE));
        badHeader[8] ^= 0x5A;
        h.raw(badHeader);
        assertEquals(List.of(), h.since(from).stream().filter(p -> !p.isEvent()).toList());
        assertEquals(10, U32.decode(h.call(Opcode.CHANNEL_SIZE, TICKS).get(0).payload()), "still answering");
    }

    @Test
    void badPayloadCrcIsNakedChecksum() {
        CamHarness h = cam();
        byte[] p = PacketEncoder.encode(Packet.of(h.engine.sequence(), TICKS, 0, Opcode.CHANNEL_READ,
                new ReadRequest(0, 10).encode()));
        p[p.length - 1] ^= 1;
        int from = h.out.size();
        h.raw(p);
        assertNak(Status.CHECKSUM, h.since(from).get(0));
        assertEquals(1, h.engine.stats().checksumErrors());
    }

    @Test
    void oversizeLengthIsNakedOverflowAndTheCamRecovers() {
        CamHarness h = cam();
        h.call(Opcode.PROTO_SET_CAPS, 0, Caps.allOn(100).encode());
        byte[] big = new byte[10 + 200 + 4];
        PacketEncoder.writeHeader(big, 0, h.engine.sequence(), 5, 0, Opcode.CHANNEL_WRITE.code(), 200, true);
        int from = h.out.size();
        h.raw(big);
        assertNak(Status.OVERFLOW, h.since(from).get(0));
        assertEquals(1, h.since(from).size(), "the rest of the oversize packet is scanned as noise");
        assertEquals(10, U32.decode(h.call(Opcode.CHANNEL_SIZE, TICKS).get(0).payload()));
    }

    @Test
    void wrongSequenceIsNakedWithTheCamsCounter() {
        CamHarness h = cam();
        int camSeq = h.engine.sequence();
        List<Packet> r = h.send(Packet.of(camSeq + 7, TICKS, 0, Opcode.CHANNEL_SIZE));
        assertNak(Status.SEQUENCE, r.get(0));
        assertEquals(camSeq, r.get(0).sequence());
        assertEquals(camSeq + 1, h.engine.sequence(), "a NAK advances the counter like any packet");
        assertEquals(1, h.engine.stats().sequenceErrors());
    }

    @Test
    void systemAndUnknownOpcodesAreInvalid() {
        CamHarness h = cam();
        assertNak(Status.INVALID, h.request(Opcode.PROTO_GET_CAPS, TICKS).get(0));
        assertNak(Status.INVALID, h.request(Opcode.SYS_INFO, 1).get(0));
        assertNak(Status.INVALID, h.send(new Packet(h.engine.sequence(), 0, 0, 0x55, new byte[0])).get(0));
        assertNak(Status.INVALID, h.send(new Packet(h.engine.sequence(), 0, 0, 0x1E, new byte[0])).get(0));
        assertNak(Status.INVALID, h.request(Opcode.SYS_EVENT, 0, new byte[2]).get(0));
        assertNak(Status.INVALID, h.request(Opcode.CHANNEL_EVENT, TICKS, new byte[2]).get(0));
        assertNak(Status.INVALID, h.request(Opcode.SYS_MEMORY, 0).get(0));
    }

    @Test
    void requestsOnUnknownChannelsAreRefused() {
        CamHarness h = cam();
        assertNak(Status.INVALID, h.request(Opcode.CHANNEL_SIZE, 20).get(0));
        assertNak(Status.INVALID, h.request(Opcode.CHANNEL_SHAPE, 31).get(0));
        assertNak(Status.INVALID, h.request(Opcode.CHANNEL_READ, 20, new ReadRequest(0, 4).encode()).get(0));
        assertNak(Status.INVALID, h.request(Opcode.CHANNEL_WRITE, 20, WriteRequest.of(0, new byte[4]).encode()).get(0));
        assertNak(Status.INVALID, h.request(Opcode.CHANNEL_IOCTL, 20, new byte[4]).get(0));
        assertNak(Status.BUSY, h.request(Opcode.CHANNEL_LOCK, 20).get(0));
        assertNak(Status.BUSY, h.request(Opcode.CHANNEL_UNLOCK, 200).get(0));
        assertNak(Status.INVALID, h.request(Opcode.CHANNEL_SIZE, 0).get(0), "the transport channel is not addressable");
        assertNak(Status.INVALID, h.request(Opcode.CHANNEL_READ, 0, new ReadRequest(0, 4).encode()).get(0));
    }

    @Test
    void badReadsAreRefused() {
        CamHarness h = cam();
        assertNak(Status.INVALID, h.request(Opcode.CHANNEL_READ, TICKS, new ReadRequest(0, 0).encode()).get(0));
        assertNak(Status.INVALID, h.request(Opcode.CHANNEL_READ, TICKS, new byte[3]).get(0), "short request");
        assertNak(Status.INVALID, h.request(Opcode.CHANNEL_READ, 1, new ReadRequest(0, 4).encode()).get(0), "stdin");
        assertNak(Status.FAILED, h.call(Opcode.CHANNEL_READ, FRAME, new ReadRequest(11_990, 100).encode()).get(0));
        assertNak(Status.FAILED, h.call(Opcode.CHANNEL_READ, FRAME, new ReadRequest(0, 0xFFFF_FFFFL).encode()).get(0));
        assertNak(Status.FAILED, h.call(Opcode.CHANNEL_READ, TICKS, new ReadRequest(20, 4).encode()).get(0));
        List<Packet> part = h.call(Opcode.CHANNEL_READ, TICKS, new ReadRequest(6, 10).encode());
        assertEquals(2, part.size(), "the 4 bytes there are, then FAILED (the firmware's copy loop)");
        assertEquals(4, part.get(0).length());
        assertTrue(part.get(0).has(Flag.FRAGMENT));
        assertNak(Status.FAILED, part.get(1));
        assertNak(Status.FAILED, h.call(Opcode.CHANNEL_READ, 3, new ReadRequest(0, 32).encode()).get(0), "no frame");
    }

    @Test
    void badWritesAreRefused() {
        CamHarness h = cam();
        assertNak(Status.INVALID, h.request(Opcode.CHANNEL_WRITE, 5, WriteRequest.of(0, new byte[0]).encode()).get(0));
        assertNak(Status.INVALID, h.request(Opcode.CHANNEL_WRITE, 5, new WriteRequest(0, 100, new byte[10]).encode())
                .get(0), "length field beyond the data");
        assertNak(Status.INVALID, h.request(Opcode.CHANNEL_WRITE, 5, new byte[7]).get(0));
        assertNak(Status.INVALID, h.request(Opcode.CHANNEL_WRITE, TICKS, WriteRequest.of(0, new byte[4]).encode())
                .get(0), "ticks has no write");
        assertNak(Status.FAILED, h.request(Opcode.CHANNEL_WRITE, 5, WriteRequest.of(2 << 20, new byte[4]).encode())
                .get(0), "echo refuses replies over 1 MiB");
    }

    @Test
    void badIoctlsAreRefused() {
        CamHarness h = cam();
        assertNak(Status.INVALID, h.request(Opcode.CHANNEL_IOCTL, 1, new IoctlRequest(0x99, new byte[0]).encode()).get(0));
        assertNak(Status.INVALID, h.request(Opcode.CHANNEL_IOCTL, 1, new IoctlRequest(0x01, new byte[4]).encode()).get(0),
                "STOP takes no argument");
        assertNak(Status.INVALID, h.request(Opcode.CHANNEL_IOCTL, 3, new IoctlRequest(0x00, new byte[0]).encode()).get(0),
                "STREAM_CTRL needs its uint32");
        assertNak(Status.INVALID, h.request(Opcode.CHANNEL_IOCTL, 3, new byte[2]).get(0), "no request code");
        assertNak(Status.INVALID, h.request(Opcode.CHANNEL_IOCTL, TICKS, new IoctlRequest(0, new byte[0]).encode())
                .get(0), "ticks has no ioctl");
        assertNak(Status.FAILED, h.request(Opcode.CHANNEL_IOCTL, 1, new IoctlRequest(0x02, new byte[0]).encode()).get(0),
                "EXEC with an empty script buffer");
    }

    @Test
    void lockSpamIsBusy() {
        CamHarness h = cam();
        h.call(Opcode.CHANNEL_IOCTL, 3, new IoctlRequest(0x00, U32.encode(1)).encode());
        assertNak(Status.BUSY, h.request(Opcode.CHANNEL_LOCK, 3).get(0), "no frame yet");
        h.advance(120);
        assertAck(h.request(Opcode.CHANNEL_LOCK, 3).get(0));
        assertNak(Status.BUSY, h.request(Opcode.CHANNEL_LOCK, 3).get(0), "less than 10 ms since the last lock");
        h.advance(11);
        assertNak(Status.BUSY, h.request(Opcode.CHANNEL_LOCK, 3).get(0), "already locked");
        for (int i = 0; i < 50; i++) {
            assertNak(Status.BUSY, h.request(Opcode.CHANNEL_LOCK, i % 2 == 0 ? 3 : TICKS).get(0));
        }
        assertAck(h.request(Opcode.CHANNEL_UNLOCK, 3).get(0));
        assertAck(h.request(Opcode.CHANNEL_UNLOCK, 3).get(0), "the stream's unlock always succeeds");
        assertEquals(0, U32.decode(h.call(Opcode.CHANNEL_SIZE, 3).get(0).payload()), "unlock empties the buffer");
        assertNak(Status.BUSY, h.request(Opcode.CHANNEL_UNLOCK, TICKS).get(0), "ticks cannot unlock");
    }

    @Test
    void tornPacketCannotDeadlockTheCam() {
        CamHarness h = cam();
        byte[] torn = new byte[10 + 40];
        PacketEncoder.writeHeader(torn, 0, h.engine.sequence(), 5, 0, Opcode.CHANNEL_WRITE.code(), 3000, true);
        byte[] sync = PacketEncoder.encode(Packet.of(0, 0, 0, Opcode.PROTO_SYNC));
        byte[] both = Arrays.copyOf(torn, torn.length + sync.length);
        System.arraycopy(sync, 0, both, torn.length, sync.length);
        int from = h.out.size();
        h.raw(both);
        List<Packet> r = h.since(from).stream().filter(p -> !p.isEvent()).toList();
        assertEquals(1, r.size());
        assertAck(r.get(0));
        assertEquals(Opcode.PROTO_SYNC.code(), r.get(0).opcode());
    }

    @Test
    void floodWhileWaitingForAnAckIsBoundedAndRecoverable() {
        CamHarness h = cam();
        h.request(Opcode.CHANNEL_POLL, 0);
        byte[] junk = new byte[10_000];
        Arrays.fill(junk, (byte) 0x33);
        h.raw(junk);
        h.raw(PacketEncoder.encode(Packet.of(0, 0, 0, Opcode.PROTO_SYNC)));
        h.advance(20);
        Packet last = h.out.get(h.out.size() - 1);
        assertEquals(Opcode.PROTO_SYNC.code(), last.opcode(), "SYNC answered once the stuck send gave up");
        assertEquals(0, last.sequence());
    }

    @Test
    void hugeReadWithoutAcksYieldsAndASyncStillGetsThrough() {
        CamHarness h = new CamHarness((c, o) -> new CamFirmware(BoardProfile.REFERENCE, c, o).engine());
        h.engine.register("endless", 0, new ChannelBackend() {
            @Override
            public int read(long offset, byte[] dst, int dstOff, int length) {
                return length;
            }
        });
        h.connect(new Caps(true, true, false, true, 4082));
        int from = h.out.size();
        h.request(Opcode.CHANNEL_READ, 4, new ReadRequest(0, 0xFFFF_FFFFL).encode());
        int burst = h.out.size() - from;
        assertTrue(burst > 100 && burst < 1000, "one budget of fragments per call, got " + burst);
        h.raw(PacketEncoder.encode(Packet.of(0, 0, 0, Opcode.PROTO_SYNC)));
        Packet last = h.out.get(h.out.size() - 1);
        assertAck(last);
        assertEquals(Opcode.PROTO_SYNC.code(), last.opcode());
        int after = h.out.size();
        h.advance(5);
        assertEquals(after, h.out.size(), "the endless read was abandoned");
    }

    @Test
    void stopTriggersSoftReboot() {
        CamHarness h = new CamHarness((c, o) -> new SimCam(SimConfig.reference().scriptStart(ScriptStart.MAIN_PY)
                .build(), c, o).engine());
        h.advance(250);
        h.call(Opcode.CHANNEL_POLL, 0);
        long sent = h.engine.stats().sentPackets();
        int from = h.out.size();
        assertAck(h.call(Opcode.CHANNEL_IOCTL, 1, new IoctlRequest(0x01, new byte[0]).encode()).get(0));
        h.advance(2);
        List<Packet> events = h.since(from).stream().filter(Packet::isEvent).toList();
        assertEquals(2, events.size(), "stdin stopped, SOFT_REBOOT: " + events);
        assertEquals(Opcode.CHANNEL_EVENT.code(), events.get(0).opcode());
        assertEquals(0, events.get(0).payload()[0]);
        assertEquals(Opcode.SYS_EVENT.code(), events.get(1).opcode());
        assertEquals(2, events.get(1).payload()[0]);
        assertEquals(0, h.engine.sequence());
        assertEquals(4, h.engine.channelList().size(), "dynamic channels gone");
        assertTrue(h.engine.stats().sentPackets() > sent, "counters survive the reboot");
        assertNak(Status.SEQUENCE, h.send(Packet.of(9, 0, 0, Opcode.CHANNEL_LIST)).get(0), "stale host counter");
    }
}
