package io.omvcap.serve;

import io.omvcap.link.SocketLink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.link.ByteLink;
import io.omvcap.payload.Event;
import io.omvcap.payload.FrameHeader;
import io.omvcap.payload.PixFormat;
import io.omvcap.payload.U32;
import io.omvcap.sim.SimConfig;
import io.omvcap.telemetry.TelemetryCodec;
import io.omvcap.telemetry.TelemetryField;
import io.omvcap.telemetry.TelemetryUpdate;
import io.omvcap.testing.FileLink;
import io.omvcap.testing.WireHost;
import io.omvcap.wire.Status;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host written with the wire codec drives a served simulated cam over a real pseudo-terminal,
 * TCP and an in-process pipe: connect, list channels, read ticks, round-trip echo, read a
 * fragmented frame, lock/read/unlock the stream, write telemetry and config and see the effect.
 */
@Timeout(60)
class EndToEndTest {
    private static final SimConfig CAM = SimConfig.builder().frameSize(160, 120).seed(7).build();
    private static final int TIMEOUT = 3_000;

    @Test
    void overPseudoTerminal(@TempDir Path dir) throws Exception {
        List<ServerStatus> seen = new CopyOnWriteArrayList<>();
        Path link = dir.resolve("omvcam");
        try (SimCamServer cam = SimCamServer.start(CAM, new ServeTarget.Pty(link), seen::add, 100)) {
            assertTrue(cam.endpoint().contains(cam.slavePath()), cam.endpoint());
            try (WireHost host = new WireHost(new FileLink(link.toString()), TIMEOUT)) {
                exercise(host);
            }
            assertHostWasSeen(seen);
        }
    }

    @Test
    void overTcp() throws Exception {
        List<ServerStatus> seen = new CopyOnWriteArrayList<>();
        try (SimCamServer cam = SimCamServer.start(CAM, new ServeTarget.Tcp("127.0.0.1", 0), seen::add, 100)) {
            try (WireHost host = new WireHost(SocketLink.connect("127.0.0.1", cam.tcpPort()), TIMEOUT)) {
                exercise(host);
                try (SocketLink second = SocketLink.connect("127.0.0.1", cam.tcpPort())) {
                    assertEquals(-1, readUntilEnd(second), "a second host is turned away");
                }
            }
            assertHostWasSeen(seen);
        }
    }

    @Test
    void tcpReconnectGetsAFreshSession() throws Exception {
        try (SimCamServer cam = SimCamServer.start(CAM, SimCamServer.tcpTarget("127.0.0.1:0"), null, 0)) {
            try (WireHost host = new WireHost(SocketLink.connect("127.0.0.1", cam.tcpPort()), TIMEOUT)) {
                host.connect(512);
                host.poll();
                host.poll();
            }
            waitFor(() -> cam.status().host() == null, "disconnect noticed");
            try (ByteLink raw = SocketLink.connect("127.0.0.1", cam.tcpPort());
                    WireHost host = new WireHost(raw, TIMEOUT)) {
                // no SYNC: a fresh session starts at sequence 0 with default caps
                byte[] caps = host.request(io.omvcap.wire.Opcode.PROTO_GET_CAPS, 0, new byte[0]);
                assertEquals(CAM.board().maxPayload(), io.omvcap.payload.Caps.decode(caps).maxPayload());
            }
            assertEquals(2, cam.status().sessions());
        }
    }

    @Test
    void inProcess() throws Exception {
        try (SimCamServer cam = SimCamServer.inProcess(CAM);
                WireHost host = new WireHost(cam.hostLink(), TIMEOUT)) {
            exercise(host);
            assertThrows(IllegalStateException.class, cam::slavePath);
        }
    }

    private static void exercise(WireHost host) throws Exception {
        assertEquals(4082, host.connect(4096).maxPayload());
        Map<String, Integer> ch = waitForChannels(host);
        assertEquals(Map.of("usb", 0, "stdin", 1, "stdout", 2, "stream", 3, "ticks", 4, "echo", 5, "frame", 6,
                "telemetry", 7, "config", 8), ch);

        String ticks = new String(host.read(4, 0, host.size(4)), StandardCharsets.US_ASCII);
        assertTrue(ticks.matches("\\d{10}"), ticks);

        host.write(5, "hello over the wire".getBytes(StandardCharsets.UTF_8));
        assertTrue(host.poll().isReady(5), "echo ready after the write");
        assertEquals("echo: hello over the wire", new String(host.read(5, 0, host.size(5)), StandardCharsets.UTF_8));
        assertTrue(!host.poll().isReady(5), "echo read to its end");

        waitFor(() -> host.poll().isReady(6), "frame latched");
        byte[] frame = host.read(6, 0, host.size(6));
        assertTrue(frame.length > 4082, "a fragmented read: " + frame.length);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(frame));
        assertEquals(160, img.getWidth());
        assertEquals(120, img.getHeight());
        assertEquals(3, firstQuantValue(frame), "quality 90");

        host.ioctl(3, 0x01, U32.encode(0));
        host.ioctl(3, 0x00, U32.encode(1));
        waitFor(() -> host.poll().isReady(3), "stream frame");
        host.lock(3);
        byte[] data = host.read(3, 0, host.size(3));
        host.unlock(3);
        FrameHeader header = FrameHeader.decode(data);
        assertEquals(160, header.width());
        assertEquals(120, header.height());
        assertEquals(PixFormat.JPEG, header.knownPixFormat());
        assertTrue(header.fitsIn(data.length));
        assertNotNull(ImageIO.read(new ByteArrayInputStream(data, (int) header.offset(), (int) header.size())));
        assertTrue(host.takeEvents().stream().anyMatch(e -> e.channel() == 3 && e.code() == Event.NOTIFY),
                "stream NOTIFY events arrived");
        IOException busy = assertThrows(WireHost.NakException.class, () -> host.unlock(4));
        assertEquals(Status.BUSY.code(), ((WireHost.NakException) busy).status);

        List<TelemetryField> before = TelemetryCodec.decode(host.read(7, 0, host.size(7)));
        assertEquals(List.of("temperature", "humidity", "counter", "led", "gain"),
                before.stream().map(TelemetryField::name).toList());
        assertEquals("Cel", before.get(0).unit());
        host.write(7, TelemetryCodec.encodeUpdates(List.of(new TelemetryUpdate("led", true),
                new TelemetryUpdate("gain", 20.0))));
        waitFor(() -> {
            List<TelemetryField> after = TelemetryCodec.decode(host.read(7, 0, host.size(7)));
            return Boolean.TRUE.equals(after.get(3).value()) && Double.valueOf(20.0).equals(after.get(4).value());
        }, "telemetry controls updated");

        assertEquals("{\"quality\": 90}", new String(host.read(8, 0, host.size(8)), StandardCharsets.US_ASCII));
        byte[] q50 = "{\"quality\": 50}".getBytes(StandardCharsets.US_ASCII);
        host.write(8, q50);
        assertArrayEquals(q50, host.read(8, 0, host.size(8)));
        host.read(6, 0, host.size(6)); // consume the frame latched at quality 90
        waitFor(() -> host.poll().isReady(6), "next frame");
        assertEquals(16, firstQuantValue(host.read(6, 0, host.size(6))), "the next frame uses quality 50");

        assertTrue(host.stats().receivedPackets() > 20);
    }

    private static Map<String, Integer> waitForChannels(WireHost host) throws Exception {
        Map<String, Integer>[] ch = new Map[1];
        waitFor(() -> (ch[0] = host.channels()).size() == 9, "script channels registered");
        return ch[0];
    }

    /** First luminance quantisation value of a baseline JPEG (16 at quality 50, 3 at 90). */
    private static int firstQuantValue(byte[] jpeg) {
        for (int i = 2; i + 5 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDB) {
                return jpeg[i + 5] & 0xFF;
            }
        }
        throw new AssertionError("no DQT marker");
    }

    private static void assertHostWasSeen(List<ServerStatus> seen) {
        assertTrue(seen.stream().anyMatch(s -> s.host() != null && s.bytesIn() > 0 && s.bytesOut() > 0
                && s.packetsIn() > 0 && s.packetsOut() > 0), "status showed the host and its traffic");
    }

    private static int readUntilEnd(ByteLink link) throws IOException {
        byte[] b = new byte[64];
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            int n = link.read(b, 0, b.length, 50);
            if (n < 0) {
                return n;
            }
        }
        return 0;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
