package io.omvcap.sim;

import static io.omvcap.device.CamHarness.assertAck;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.device.BoardProfile;
import io.omvcap.device.CamHarness;
import io.omvcap.payload.ChannelEntry;
import io.omvcap.payload.IoctlRequest;
import io.omvcap.payload.ReadRequest;
import io.omvcap.payload.U32;
import io.omvcap.payload.WriteRequest;
import io.omvcap.telemetry.TelemetryCodec;
import io.omvcap.telemetry.TelemetryField;
import io.omvcap.wire.ChannelFlag;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.PacketEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated cam's script life cycle, channels and determinism. */
class SimCamTest {

    private static CamHarness cam(SimConfig config) {
        return new CamHarness((c, o) -> new SimCam(config, c, o).engine());
    }

    @Test
    void execStartsTheScriptWhichRegistersFiveChannels() {
        CamHarness h = cam(SimConfig.builder().scriptStart(ScriptStart.ON_EXEC).frameSize(32, 24).build());
        assertEquals(4, h.engine.channelList().size(), "fresh cam: usb, stdin, stdout, stream");
        h.call(Opcode.CHANNEL_IOCTL, 1, new IoctlRequest(0x03, new byte[0]).encode());
        h.call(Opcode.CHANNEL_WRITE, 1, WriteRequest.of(0, "print('hi')\n".getBytes(StandardCharsets.UTF_8)).encode());
        int from = h.out.size();
        assertAck(h.call(Opcode.CHANNEL_IOCTL, 1, new IoctlRequest(0x02, new byte[0]).encode()).get(0));
        h.advance(1);
        Packet started = h.since(from).stream().filter(Packet::isEvent).findFirst().orElseThrow();
        assertEquals(new Packet(h.engine.sequence(), 1, Flag.EVENT.mask(), Opcode.CHANNEL_EVENT.code(), new byte[] {1, 0}),
                started);
        h.advance(98);
        assertEquals(4, h.engine.channelList().size(), "registration comes ~100 ms after the start");
        h.advance(3);
        List<ChannelEntry> list = h.engine.channelList();
        assertEquals(List.of("usb", "stdin", "stdout", "stream", "ticks", "echo", "frame", "telemetry", "config"),
                list.stream().map(ChannelEntry::name).toList());
        assertEquals(0x21, list.get(4).flags(), "ticks: DYNAMIC|READ");
        assertEquals(0x23, list.get(5).flags(), "echo: DYNAMIC|READ|WRITE");
        assertEquals(0x21, list.get(6).flags(), "frame: DYNAMIC|READ (readp)");
        assertTrue(ChannelFlag.WRITE.isSet(list.get(8).flags()), "config is writable");
        assertEquals(5, h.since(from).stream().filter(p -> p.opcode() == Opcode.SYS_EVENT.code()).count());
    }

    @Test
    void execWhileRunningRebootsToTheRepl() {
        CamHarness h = cam(SimConfig.reference().scriptStart(ScriptStart.MAIN_PY).build());
        h.advance(300);
        h.call(Opcode.CHANNEL_WRITE, 1, WriteRequest.of(0, new byte[] {'x'}).encode());
        int from = h.out.size();
        assertAck(h.call(Opcode.CHANNEL_IOCTL, 1, new IoctlRequest(0x02, new byte[0]).encode()).get(0));
        h.advance(500);
        List<Packet> events = h.since(from).stream().filter(Packet::isEvent).toList();
        assertEquals(Opcode.CHANNEL_EVENT.code(), events.get(0).opcode());
        assertEquals(0, events.get(0).payload()[0], "script stopped");
        assertEquals(2, events.get(1).payload()[0], "SOFT_REBOOT");
        assertEquals(4, h.engine.channelList().size(), "back at the REPL, the upload discarded");
        assertTrue(events.stream().skip(2).allMatch(p -> p.channel() == 2), "only stdout NOTIFYs (the banner)");
    }

    @Test
    void systemResetRebootsTheWholeCam() {
        CamHarness h = cam(SimConfig.reference().build());
        h.advance(300);
        h.call(Opcode.CHANNEL_POLL, 0);
        assertTrue(h.engine.stats().sentPackets() > 0);
        assertTrue(h.request(Opcode.SYS_RESET, 0).isEmpty(), "no answer: the cam resets");
        assertEquals(0, h.engine.stats().sentPackets(), "counters start again");
        assertEquals(4, h.engine.channelList().size());
        h.advance(150);
        assertEquals(9, h.engine.channelList().size(), "main.py runs again after the reset");
    }

    @Test
    void stdoutCollectsPrintsOnlyWhileAHostIsAttached() {
        CamHarness h = cam(SimConfig.builder().frameSize(16, 16).build());
        h.engine.setTransportActive(false);
        h.advance(1_000);
        assertEquals(0, h.engine.channel(2).backend().size(), "prints went to the board's console");
        h.engine.setTransportActive(true);
        h.advance(250);
        List<Packet> read = h.call(Opcode.CHANNEL_READ, 2, new ReadRequest(0, h.engine.channel(2).backend().size())
                .encode());
        String text = new String(read.get(0).payload(), StandardCharsets.US_ASCII);
        assertTrue(text.matches("(hello from cam \\d+\\n)+"), text);
        assertEquals(0, h.engine.channel(2).backend().size(), "a read consumes");
    }

    @Test
    void framesFollowTheConfigQualityAndControls() {
        CamHarness h = cam(SimConfig.builder().frameSize(64, 48).frameRateHz(20).board(BoardProfile.H7).build());
        h.advance(300);
        byte[] first = readFrame(h);
        assertEquals(498, h.engine.board().maxPayload());
        h.call(Opcode.CHANNEL_WRITE, 8, WriteRequest.of(0, "{\"quality\": 10}".getBytes(StandardCharsets.US_ASCII))
                .encode());
        h.advance(60);
        byte[] low = readFrame(h);
        assertTrue(low.length < first.length, "quality 10 frames are smaller: " + low.length + " vs " + first.length);
        h.call(Opcode.CHANNEL_WRITE, 8, WriteRequest.of(0, "{\"quality\": 101}".getBytes(StandardCharsets.US_ASCII))
                .encode());
        h.call(Opcode.CHANNEL_WRITE, 7, WriteRequest.of(0, TelemetryCodec.encodeUpdates(List.of(
                new io.omvcap.telemetry.TelemetryUpdate("gain", 0.0)))).encode());
        h.advance(60);
        byte[] dark = readFrame(h);
        assertTrue(dark.length < low.length, "a black frame compresses best");
        List<TelemetryField> fields = TelemetryCodec.decode(readAll(h, 7));
        assertEquals(0.0, fields.get(4).value());
        assertEquals("{\"quality\": 101}", new String(readAll(h, 8), StandardCharsets.US_ASCII),
                "stored as written, quality unchanged");
    }

    @Test
    void sameSeedAndInputGiveTheSameBytes() {
        byte[] a = run(SimConfig.builder().seed(5).frameSize(48, 32).build());
        byte[] b = run(SimConfig.builder().seed(5).frameSize(48, 32).build());
        byte[] c = run(SimConfig.builder().seed(6).frameSize(48, 32).build());
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c), "another seed differs");
        assertTrue(a.length > 10_000, "frames, telemetry and stream data were produced");
    }

    private static byte[] run(SimConfig config) {
        CamHarness h = cam(config);
        h.advance(300);
        h.call(Opcode.CHANNEL_IOCTL, 3, new IoctlRequest(0, U32.encode(1)).encode());
        for (int i = 0; i < 5; i++) {
            h.advance(120);
            readAll(h, 7);
            readFrame(h);
            h.call(Opcode.CHANNEL_LOCK, 3);
            readAll(h, 3);
            h.call(Opcode.CHANNEL_UNLOCK, 3);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        h.out.forEach(p -> all.writeBytes(PacketEncoder.encode(p)));
        return all.toByteArray();
    }

    private static byte[] readFrame(CamHarness h) {
        for (int i = 0; i < 200 && !h.engine.channel(6).backend().poll(); i++) {
            h.advance(5);
        }
        return readAll(h, 6);
    }

    private static byte[] readAll(CamHarness h, int channel) {
        long size = U32.decode(h.call(Opcode.CHANNEL_SIZE, channel).get(0).payload());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Packet p : h.call(Opcode.CHANNEL_READ, channel, new ReadRequest(0, size).encode())) {
            out.writeBytes(p.payload());
        }
        return out.toByteArray();
    }
}
