package io.omvcap.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.testing.Transcript;
import io.omvcap.testing.Transcript.TracePacket;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.Status;
import io.omvcap.wire.WireFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Payload codecs against the payloads the real firmware and SDK exchanged. */
class PayloadCodecTest {
    private static final Transcript CONNECT = Transcript.load("a-connect");

    private static TracePacket first(Transcript t, Direction dir, Opcode op) {
        return t.packets(dir).stream().filter(p -> p.opcode() == op.code() && p.length() > 0).findFirst().orElseThrow();
    }

    @Test
    void capsFromGetCapsAndSetCaps() {
        Caps device = Caps.decode(first(CONNECT, Direction.CAM_TO_HOST, Opcode.PROTO_GET_CAPS).payload());
        assertEquals(new Caps(true, true, true, true, 4082), device);
        byte[] gcaps = first(Transcript.load("g-caps"), Direction.HOST_TO_CAM, Opcode.PROTO_SET_CAPS).payload();
        assertEquals(new Caps(true, true, false, true, 512), Caps.decode(gcaps));
        assertArrayEquals(gcaps, Caps.decode(gcaps).encode());
    }

    @Test
    void channelListVersionAndSysInfo() {
        byte[] list = first(CONNECT, Direction.CAM_TO_HOST, Opcode.CHANNEL_LIST).payload();
        List<ChannelEntry> entries = ChannelEntry.decodeList(list);
        assertEquals(List.of(new ChannelEntry(0, 0x40, "usb"), new ChannelEntry(1, 0x06, "stdin"),
                new ChannelEntry(2, 0x01, "stdout"), new ChannelEntry(3, 0x19, "stream")), entries);
        assertArrayEquals(list, ChannelEntry.encodeList(entries));

        byte[] version = first(CONNECT, Direction.CAM_TO_HOST, Opcode.PROTO_VERSION).payload();
        VersionInfo v = VersionInfo.decode(version);
        assertEquals("1.0.2 1.0.3 5.0.0", v.protocol() + " " + v.bootloader() + " " + v.firmware());
        assertArrayEquals(version, v.encode());

        byte[] info = first(CONNECT, Direction.CAM_TO_HOST, Opcode.SYS_INFO).payload();
        SysInfo s = SysInfo.decode(info);
        assertEquals(0x411FC271L, s.cpuId());
        assertEquals(0x37C5, s.usbVendorId());
        assertEquals(0x124A, s.usbProductId());
        assertEquals(0x5640L, s.chipIds().get(0));
        assertEquals(List.of("JPEG", "DRAM", "CRC", "SD"), HwCap.names(s.hwCaps().get(0)));
        assertEquals(150, s.frameBufferKb());
        assertEquals(1024, s.streamBufferKb());
        assertArrayEquals(info, s.encode());
    }

    @Test
    void statsAfterTheNoiseScenario() {
        Transcript t = Transcript.load("h-noise");
        ProtocolStats stats = ProtocolStats.decode(first(t, Direction.CAM_TO_HOST, Opcode.PROTO_STATS).payload());
        assertEquals(1, stats.checksumErrors());
        assertEquals(1, stats.sequenceErrors());
        assertArrayEquals(first(t, Direction.CAM_TO_HOST, Opcode.PROTO_STATS).payload(), stats.encode());
        TracePacket nak = t.packets(Direction.CAM_TO_HOST).stream().filter(p -> (p.flags() & 0x02) != 0)
                .findFirst().orElseThrow();
        assertEquals(Status.CHECKSUM.code(), Nak.decode(nak.payload()));
    }

    @Test
    void requestsFromTheSdk() {
        Transcript b = Transcript.load("b-exec");
        List<TracePacket> writes = b.packets(Direction.HOST_TO_CAM).stream()
                .filter(p -> p.opcode() == Opcode.CHANNEL_WRITE.code()).toList();
        WriteRequest w1 = WriteRequest.decode(writes.get(0).payload());
        WriteRequest w2 = WriteRequest.decode(writes.get(1).payload());
        assertEquals(0, w1.offset());
        assertEquals(4074, w1.data().length);
        assertEquals(4074, w2.offset());
        assertTrue(w1.consistent() && w2.consistent());
        assertArrayEquals(writes.get(0).payload(), w1.encode());

        List<IoctlRequest> ioctls = b.packets(Direction.HOST_TO_CAM).stream()
                .filter(p -> p.opcode() == Opcode.CHANNEL_IOCTL.code()).map(p -> IoctlRequest.decode(p.payload()))
                .toList();
        assertEquals(List.of(Ioctl.STDIN_STOP, Ioctl.STDIN_RESET, Ioctl.STDIN_EXEC),
                ioctls.stream().map(i -> Ioctl.of(1, i.request())).toList(), "stop() then exec()");

        TracePacket read = first(Transcript.load("d-frame"), Direction.HOST_TO_CAM, Opcode.CHANNEL_READ);
        assertEquals(new ReadRequest(0, 12000), ReadRequest.decode(read.payload()));
        assertArrayEquals(read.payload(), new ReadRequest(0, 12000).encode());
    }

    @Test
    void streamFrameHeaderAndPoll() {
        Transcript d = Transcript.load("d-frame");
        List<TracePacket> streamReads = d.packets(Direction.CAM_TO_HOST).stream()
                .filter(p -> p.chan() == 3 && p.opcode() == Opcode.CHANNEL_READ.code() && p.length() > 0).toList();
        FrameHeader h = FrameHeader.decode(streamReads.get(0).payload());
        assertEquals(64, h.width());
        assertEquals(48, h.height());
        assertEquals(PixFormat.JPEG, h.knownPixFormat());
        assertEquals(32, h.offset());
        assertTrue(h.fitsIn(streamReads.get(0).length()));
        byte[] data = streamReads.get(0).payload();
        assertEquals(0xFF, data[32] & 0xFF, "JPEG SOI follows the header");
        assertEquals(0xD8, data[33] & 0xFF);

        PollMask poll = PollMask.decode(first(d, Direction.CAM_TO_HOST, Opcode.CHANNEL_POLL).payload());
        assertTrue(poll.isReady(6), "frame ready in " + poll.readyChannels());
        assertEquals(PollMask.of(1, 4, 6, 7), PollMask.decode(new byte[] {(byte) 0xd2, 0, 0, 0}));
    }

    @Test
    void eventsFromTheExecScenario() {
        Transcript b = Transcript.load("b-exec");
        List<Event> events = b.packets(Direction.CAM_TO_HOST).stream().filter(p -> (p.flags() & 0x20) != 0)
                .map(p -> Event.decode(new Packet(p.seq(), p.chan(), p.flags(), p.opcode(), p.payload()))).toList();
        assertTrue(events.contains(new Event(1, Event.SCRIPT_STARTED, false)));
        assertEquals(5, events.stream().filter(e -> e.systemEvent() == SystemEvent.CHANNEL_REGISTERED).count());
        assertTrue(events.stream().anyMatch(e -> e.channel() == 2 && e.code() == Event.NOTIFY));
        assertEquals("NOTIFY", new Event(2, Event.NOTIFY, false).describe());
        assertEquals(0, new Event(2, Event.NOTIFY, false).encodePayload().length);
    }

    @Test
    void wrongSizesAreOneLineErrors() {
        WireFormatException e = assertThrows(WireFormatException.class, () -> Caps.decode(new byte[3]));
        assertEquals("caps payload must be 16 bytes, got 3", e.getMessage());
        assertThrows(WireFormatException.class, () -> ChannelEntry.decodeList(new byte[17]));
        assertThrows(WireFormatException.class, () -> SysInfo.decode(new byte[80]));
        assertThrows(WireFormatException.class, () -> Shape.decode(new byte[5]));
        assertThrows(WireFormatException.class, () -> FrameHeader.decode(new byte[19]));
        assertThrows(WireFormatException.class, () -> WriteRequest.decode(new byte[7]));
        assertEquals(new Shape(List.of(48L, 64L, 3072L)), Shape.decode(new Shape(List.of(48L, 64L, 3072L)).encode()));
    }
}
