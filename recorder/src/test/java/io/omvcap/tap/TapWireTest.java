package io.omvcap.tap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.PacketRecord;
import io.omvcap.archive.SessionReader;
import io.omvcap.archive.SessionTotals;
import io.omvcap.archive.Topics;
import io.omvcap.link.ByteLink;
import io.omvcap.pty.PtyLink;
import io.omvcap.record.ArchiveChecks;
import io.omvcap.record.RecordingResult;
import io.omvcap.serve.ServeTarget;
import io.omvcap.transport.SerialLink;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Flag;
import io.omvcap.wire.InvalidReason;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.PacketEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Byte-level behaviour of the tap with a raw "cam" (the master of a pseudo-terminal the tap opens as
 * its serial port) and a raw host: everything is forwarded unchanged, damaged packets are recorded
 * as invalid, an answer nobody asked for is kept and counted, and the host's baud rate reaches the
 * cam's port.
 */
@Timeout(60)
class TapWireTest {
    @TempDir
    Path dir;

    @Test
    void noiseAndBadCrcsOnEitherSideAreForwardedUnchangedAndRecordedAsInvalid() throws Exception {
        Path out = dir.resolve("noise.mcap");
        byte[] fromHost = join(noise(37), PacketEncoder.encode(Packet.of(0, 0, 0, Opcode.PROTO_SYNC)),
                badHeaderCrc(Packet.of(1, 4, 0, Opcode.CHANNEL_SIZE)), noise(5),
                badPayloadCrc(Packet.of(1, 5, 0, Opcode.CHANNEL_WRITE, new byte[] {0, 0, 0, 0, 3, 0, 0, 0, 1, 2, 3})));
        byte[] fromCam = join(PacketEncoder.encode(Packet.of(0, 0, Flag.ACK.mask(), Opcode.PROTO_SYNC)), noise(64),
                badPayloadCrc(Packet.of(1, 4, 0, Opcode.CHANNEL_SIZE, new byte[] {10, 0, 0, 0})), noise(3),
                badHeaderCrc(Packet.of(2, 0, Flag.EVENT.mask(), Opcode.SYS_EVENT, new byte[] {2, 0})));
        RecordingResult result;
        try (PtyLink cam = PtyLink.open(dir.resolve("cam"));
                TapRun tap = TapRun.start(TapOptions.defaults(dir.resolve("cam").toString(),
                        new ServeTarget.Pty(dir.resolve("tapped")), out))) {
            try (PtyLink host = PtyLink.attach(dir.resolve("tapped").toString())) {
                awaitHost(tap);
                host.write(fromHost);
                assertArrayEquals(fromHost, readFully(cam, fromHost.length), "host bytes reach the cam unchanged");
                cam.write(fromCam);
                assertArrayEquals(fromCam, readFully(host, fromCam.length), "cam bytes reach the host unchanged");
            }
            Thread.sleep(200);
            result = tap.finish();
        }
        assertNull(result.error());
        assertArrayEquals(fromHost, ArchiveChecks.concat(ArchiveChecks.messages(out, Topics.WIRE_H2C)));
        assertArrayEquals(fromCam, ArchiveChecks.concat(ArchiveChecks.messages(out, Topics.WIRE_C2H)));
        Map<String, Long> h2c = invalid(out, Direction.HOST_TO_CAM);
        Map<String, Long> c2h = invalid(out, Direction.CAM_TO_HOST);
        assertEquals(1L, h2c.get(InvalidReason.BAD_HEADER_CRC.name()), h2c.toString());
        assertEquals(1L, h2c.get(InvalidReason.BAD_PAYLOAD_CRC.name()), h2c.toString());
        assertEquals(1L, c2h.get(InvalidReason.BAD_HEADER_CRC.name()), c2h.toString());
        assertEquals(1L, c2h.get(InvalidReason.BAD_PAYLOAD_CRC.name()), c2h.toString());
        try (SessionReader r = SessionReader.open(out)) {
            SessionTotals t = r.storedTotals().orElseThrow();
            // the noise runs, plus the 9 header bytes the decoder skips after the bad header CRC's first byte
            assertEquals(37 + 5 + 9, t.noiseBytes(Direction.HOST_TO_CAM), "noise");
            assertEquals(2, t.invalidByReason().size());
        }
    }

    @Test
    void anAnswerNobodyAskedForIsKeptAndCountedAsUnpaired() throws Exception {
        Path out = dir.resolve("unpaired.mcap");
        RecordingResult result;
        byte[] stray = PacketEncoder.encode(Packet.of(7, 4, 0, Opcode.CHANNEL_SIZE, new byte[] {1, 0, 0, 0}));
        try (PtyLink cam = PtyLink.open(dir.resolve("cam"));
                TapRun tap = TapRun.start(TapOptions.defaults(dir.resolve("cam").toString(),
                        new ServeTarget.Pty(dir.resolve("tapped")), out))) {
            try (PtyLink host = PtyLink.attach(dir.resolve("tapped").toString())) {
                awaitHost(tap);
                cam.write(stray);
                assertArrayEquals(stray, readFully(host, stray.length));
            }
            Thread.sleep(200);
            result = tap.finish();
        }
        assertEquals(1, result.stats().unpaired());
        List<LifecycleEvent> errors = ArchiveChecks.lifecycle(out).stream()
                .filter(e -> e.kind() == LifecycleKind.ERROR).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("unpaired: CHANNEL_SIZE ch 4 seq 7 with no request outstanding", errors.get(0).detail());
        List<PacketRecord> packets = ArchiveChecks.messages(out, Topics.PACKETS).stream()
                .map(m -> PacketRecord.fromMap(m.decodeMap())).toList();
        assertEquals(1, packets.size());
        assertTrue(packets.get(0).valid(), "the packet itself is kept");
    }

    @Test
    void theHostsBaudRateReachesTheCamsPort() throws Exception {
        Path out = dir.resolve("baud.mcap");
        try (PtyLink cam = PtyLink.open(dir.resolve("cam"));
                TapRun tap = TapRun.start(TapOptions.defaults(dir.resolve("cam").toString(),
                        new ServeTarget.Pty(dir.resolve("tapped")), out))) {
            assertEquals(921600, cam.hostBaudRate(), "the tap opens the cam at the protocol's baud rate");
            try (SerialLink host = SerialLink.open(dir.resolve("tapped").toString(), 115200)) {
                awaitHost(tap);
                long deadline = System.nanoTime() + 3_000_000_000L;
                while (cam.hostBaudRate() != 115200 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(115200, cam.hostBaudRate(), "the host's setting, passed on");
                assertTrue(host.setBaudRate(921600));
                deadline = System.nanoTime() + 3_000_000_000L;
                while (cam.hostBaudRate() != 921600 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(921600, cam.hostBaudRate(), "and changed again while the host is attached");
            }
            assertNull(tap.finish().error());
            assertTrue(tap.log.stream().anyMatch(l -> l.equals("host set 921600 baud; applied to the cam's port")),
                    tap.log.toString());
        }
    }

    static void awaitHost(TapRun tap) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!tap.tap.stats().state().equals("tapping") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals("tapping", tap.tap.stats().state(), "the tap saw the host open the link");
    }

    static Map<String, Long> invalid(Path out, Direction d) throws IOException {
        Map<String, Long> m = new TreeMap<>();
        ArchiveChecks.messages(out, Topics.PACKETS).stream().map(x -> PacketRecord.fromMap(x.decodeMap()))
                .filter(p -> p.dir() == d && !p.valid()).forEach(p -> m.merge(p.reason().name(), 1L, Long::sum));
        return m;
    }

    static byte[] noise(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (0x30 + i % 40);
        }
        return b;
    }

    static byte[] badHeaderCrc(Packet p) {
        byte[] b = PacketEncoder.encode(p);
        b[8] ^= 0x5A;
        return b;
    }

    static byte[] badPayloadCrc(Packet p) {
        byte[] b = PacketEncoder.encode(p);
        b[b.length - 1] ^= 0x5A;
        return b;
    }

    static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] readFully(ByteLink link, int n) throws IOException {
        byte[] out = new byte[n];
        int got = 0;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (got < n && System.nanoTime() < deadline) {
            int r = link.read(out, got, n - got, 100);
            if (r < 0) {
                throw new IOException("link ended after " + got + " of " + n + " bytes");
            }
            got += r;
        }
        assertEquals(n, got, "bytes forwarded");
        return out;
    }
}
