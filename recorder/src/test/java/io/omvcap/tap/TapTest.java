package io.omvcap.tap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.archive.ArchivedMessage;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.PacketRecord;
import io.omvcap.archive.SessionReader;
import io.omvcap.archive.SessionTotals;
import io.omvcap.archive.Topics;
import io.omvcap.host.Camera;
import io.omvcap.host.CameraOptions;
import io.omvcap.record.ArchiveChecks;
import io.omvcap.record.RecordingResult;
import io.omvcap.serve.ServeTarget;
import io.omvcap.serve.SimCamServer;
import io.omvcap.serve.StatusListener;
import io.omvcap.sim.SimConfig;
import io.omvcap.transport.SerialLink;
import io.omvcap.wire.Direction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java camera client and the simulated cam with a tap between them, over real pseudo-terminals
 * on both sides: the tapped archive holds what a host-mode recording of the same exchanges holds.
 */
@Timeout(120)
class TapTest {
    @TempDir
    Path dir;

    static SimCamServer ptyCam(Path link) throws Exception {
        return SimCamServer.start(SimConfig.builder().frameRateHz(20).frameSize(160, 120).build(),
                new ServeTarget.Pty(link), StatusListener.NONE, 0);
    }

    static Camera camera(String path, CameraOptions options) throws Exception {
        return new Camera(SerialLink.open(path), options);
    }

    static void awaitChannel(Camera cam, String name) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (cam.channels().stream().anyMatch(c -> c.name().equals(name))) {
                return;
            }
            cam.pumpEvents(Duration.ofMillis(20));
        }
        throw new AssertionError("channel " + name + " never appeared");
    }

    @Test
    void theTappedArchiveHoldsWhatAHostModeRecordingOfTheSameExchangesHolds() throws Exception {
        Path camLink = dir.resolve("cam");
        Path hostLink = dir.resolve("tapped");
        Path tapped = dir.resolve("tap.mcap");
        HostRecording host = new HostRecording(dir.resolve("host").resolve("host.mcap"));
        RecordingResult result;
        try (SimCamServer sim = ptyCam(camLink);
                TapRun tap = TapRun.start(TapOptions.defaults(camLink.toString(), new ServeTarget.Pty(hostLink), tapped))) {
            assertTrue(tap.endpoint().startsWith(hostLink + " -> /dev/"), tap.endpoint());
            try (Camera cam = camera(hostLink.toString(), CameraOptions.defaults())) {
                host.attach(cam);
                cam.connect();
                host.device(cam);
                exercise(cam);
                host.device(cam); // as the recorder does after a re-list
            }
            Thread.sleep(300);
            result = tap.finish();
        }
        Path hostMode = host.finish();
        assertNull(result.error(), String.valueOf(result));
        assertEquals(List.of(tapped), result.files());
        assertFalse(Files.exists(dir.resolve("tap.mcap.part")));
        assertSameConversation(hostMode, tapped);
        assertFalse(payloads(hostMode, Topics.EVENTS).isEmpty(), "events");

        try (SessionReader r = SessionReader.open(tapped)) {
            assertEquals("tap", r.session().orElseThrow().mode());
            SessionTotals t = r.storedTotals().orElseThrow();
            assertTrue(t.invalidByReason().isEmpty(), "no invalid packets: " + t.invalidByReason());
            assertEquals(0, t.errors(), "nothing unpaired: " + ArchiveChecks.lifecycle(tapped));
            assertTrue(t.resyncs() >= 1, "the host's resync after the soft reboot");
        }
        List<LifecycleEvent> life = ArchiveChecks.lifecycle(tapped);
        assertTrue(life.stream().anyMatch(e -> e.kind() == LifecycleKind.CONNECT && "host".equals(e.extra().get("side"))));
        assertTrue(life.stream().anyMatch(e -> e.kind() == LifecycleKind.DISCONNECT && "host".equals(e.extra().get("side"))));
        assertTrue(life.stream().anyMatch(e -> e.kind() == LifecycleKind.SOFT_REBOOT), life.toString());
        io.omvcap.testing.ReferenceReader.check(tapped);
    }

    @Test
    void withCrcsSwitchedOffTheArchiveDecodesEveryPacketUnderTheNegotiatedFraming() throws Exception {
        Path camLink = dir.resolve("cam");
        Path hostLink = dir.resolve("tapped");
        Path tapped = dir.resolve("nocrc.mcap");
        HostRecording host = new HostRecording(dir.resolve("host").resolve("host.mcap"));
        try (SimCamServer sim = ptyCam(camLink);
                TapRun tap = TapRun.start(TapOptions.defaults(camLink.toString(), new ServeTarget.Pty(hostLink), tapped))) {
            try (Camera cam = camera(hostLink.toString(), CameraOptions.defaults().withCrc(false).withMaxPayload(1024))) {
                host.attach(cam);
                cam.connect();
                host.device(cam);
                awaitChannel(cam, "echo");
                byte[] payload = "no checksums here ".repeat(300).getBytes(StandardCharsets.UTF_8);
                cam.write("echo", payload);
                assertEquals("echo: " + new String(payload, StandardCharsets.UTF_8),
                        new String(cam.read("echo"), StandardCharsets.UTF_8));
                assertTrue(readSome(cam, "frame").length > 1000);
                host.device(cam); // as the recorder does after a re-list
            }
            Thread.sleep(200);
            assertNull(tap.finish().error());
        }
        assertSameConversation(host.finish(), tapped);
        try (SessionReader r = SessionReader.open(tapped)) {
            SessionTotals t = r.storedTotals().orElseThrow();
            assertTrue(t.invalidByReason().isEmpty(), "zeroed CRCs are not errors once negotiated off: "
                    + t.invalidByReason());
            assertEquals(1024, r.device().orElseThrow().caps().maxPayload());
            assertFalse(r.device().orElseThrow().caps().crc());
        }
    }

    /**
     * Reads a channel until it has data (a read refused because the channel changed between SIZE
     * and READ, as a latched frame can, is tried again).
     */
    static byte[] readSome(Camera cam, String channel) throws Exception {
        for (int i = 0; i < 200; i++) {
            try {
                byte[] data = cam.read(channel);
                if (data.length > 0) {
                    return data;
                }
            } catch (io.omvcap.host.NakException e) {
                // the frame changed under the read
            }
            cam.pumpEvents(Duration.ofMillis(10));
        }
        throw new AssertionError("channel " + channel + " stayed empty");
    }

    /** What a host program does with a cam, soft reboot and script upload included. */
    static void exercise(Camera cam) throws Exception {
        awaitChannel(cam, "config");
        assertEquals(10, cam.read("ticks").length);
        assertTrue(readSome(cam, "telemetry").length > 0, "telemetry");
        assertTrue(readSome(cam, "frame").length > 1000, "frame");
        byte[] big = new byte[10_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        cam.write("echo", big);
        byte[] echoed = cam.read("echo");
        assertEquals(6 + big.length, echoed.length);
        cam.write("config", "{\"quality\": 70}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"quality\": 70}", new String(cam.read("config"), StandardCharsets.UTF_8));
        assertEquals(5, cam.read("ticks", 2, 5).length, "a read with the host's own offset and size");
        assertEquals(3, cam.read("echo", 100, 3).length);
        String text = "";
        for (int i = 0; i < 100 && text.isEmpty(); i++) {
            text = cam.readStdout();
            cam.pumpEvents(Duration.ofMillis(20));
        }
        assertFalse(text.isEmpty(), "stdout");
        cam.streaming(true);
        int frames = 0;
        for (int i = 0; i < 200 && frames < 3; i++) {
            if (cam.readFrame().isPresent()) {
                frames++;
            }
            cam.pumpEvents(Duration.ofMillis(10));
        }
        assertEquals(3, frames, "preview frames");
        cam.streaming(false);
        cam.stop(); // the cam soft-reboots; the client resyncs
        cam.exec("print('hello again')\n");
        awaitChannel(cam, "ticks");
        assertEquals(10, cam.read("ticks").length);
        cam.pumpEvents(Duration.ofMillis(100));
    }

    /**
     * Compares the decoded topics of a host-mode recording and a tapped archive of the same
     * exchanges payload for payload, the events the host saw as a run of the tap's (which also has those
     * sent while no host was there), the device
     * facts, and the wire bytes: what the host wrote equals what the tap read from it, and what the
     * host read appears whole in what the tap read from the cam.
     */
    static void assertSameConversation(Path hostMode, Path tapped) throws Exception {
        Map<String, List<String>> expected = decodedTopics(hostMode);
        Map<String, List<String>> actual = decodedTopics(tapped);
        assertFalse(expected.isEmpty(), () -> {
            try {
                return "no decoded topics in " + ArchiveChecks.messages(hostMode).stream().map(ArchivedMessage::topic)
                        .distinct().toList() + " / tapped " + ArchiveChecks.messages(tapped).stream()
                        .map(ArchivedMessage::topic).distinct().toList();
            } catch (Exception e) {
                return e.toString();
            }
        });
        assertEquals(expected.keySet(), actual.keySet(), "decoded topics");
        for (String topic : expected.keySet()) {
            assertEquals(expected.get(topic), actual.get(topic), topic);
        }
        List<String> hostEvents = payloads(hostMode, Topics.EVENTS);
        List<String> tapEvents = payloads(tapped, Topics.EVENTS);
        assertTrue(java.util.Collections.indexOfSubList(tapEvents, hostEvents) >= 0,
                "the events the host saw are a run of the tap's: " + hostEvents + " / " + tapEvents);
        try (SessionReader h = SessionReader.open(hostMode); SessionReader t = SessionReader.open(tapped)) {
            assertEquals(h.device().orElseThrow(), t.device().orElseThrow(), "device facts");
        }
        List<String> hostPackets = packets(hostMode, Direction.HOST_TO_CAM);
        List<String> tapPackets = packets(tapped, Direction.HOST_TO_CAM);
        byte[] hostWrote = ArchiveChecks.concat(ArchiveChecks.messages(hostMode, Topics.WIRE_H2C));
        byte[] tapRead = ArchiveChecks.concat(ArchiveChecks.messages(tapped, Topics.WIRE_H2C));
        if (hostPackets.size() == tapPackets.size() + 1 && hostPackets.subList(0, tapPackets.size()).equals(tapPackets)
                && lastHostPacketIsAck(hostMode)) {
            // The host's serial library flushes the terminal when it closes it (jSerialComm:
            // TCIOFLUSH), which on a pseudo-terminal can discard an ACK written microseconds before
            // and not yet taken by the other end: it never crossed, so the tap rightly lacks it.
            hostPackets = tapPackets;
            hostWrote = java.util.Arrays.copyOf(hostWrote, hostWrote.length - io.omvcap.wire.WireFormat.HEADER_SIZE);
        }
        if (!hostPackets.equals(tapPackets)) {
            int i = 0;
            while (i < Math.min(hostPackets.size(), tapPackets.size()) && hostPackets.get(i).equals(tapPackets.get(i))) {
                i++;
            }
            throw new AssertionError("h2c packets differ at #" + i + " of " + hostPackets.size() + "/" + tapPackets.size()
                    + ": host " + hostPackets.subList(Math.max(0, i - 2), Math.min(hostPackets.size(), i + 3))
                    + " / tap " + tapPackets.subList(Math.max(0, i - 2), Math.min(tapPackets.size(), i + 3))
                    + "; tap session: " + ArchiveChecks.lifecycle(tapped));
        }
        assertTrue(hostWrote.length > 1000);
        assertArrayEquals(hostWrote, tapRead, "host-to-cam bytes");
        String hostRead = HexFormat.of().formatHex(ArchiveChecks.concat(ArchiveChecks.messages(hostMode, Topics.WIRE_C2H)));
        String camSent = HexFormat.of().formatHex(ArchiveChecks.concat(ArchiveChecks.messages(tapped, Topics.WIRE_C2H)));
        assertTrue(camSent.contains(hostRead), "what the host read is what the tap forwarded from the cam");
    }

    /** Channel read/write/frame/telemetry topics and stdout: each message's fields, in order. */
    static Map<String, List<String>> decodedTopics(Path file) throws Exception {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (ArchivedMessage m : ArchiveChecks.messages(file)) {
            if (m.topic().startsWith("/channel/") || m.topic().equals(Topics.STDOUT)) {
                out.computeIfAbsent(m.topic(), k -> new ArrayList<>()).add(HexFormat.of().formatHex(m.data()));
            }
        }
        return out;
    }

    static List<String> payloads(Path file, String topic) throws Exception {
        return ArchiveChecks.messages(file, topic).stream().map(m -> new String(m.data(), StandardCharsets.UTF_8)).toList();
    }

    /** The packets readers derive for one direction: header and payload of valid ones, the reason of invalid ones. */
    /** Whether the last packet the host sent was an ACK (the one its closing may discard). */
    static boolean lastHostPacketIsAck(Path hostMode) throws Exception {
        List<PacketRecord> sent = ArchiveChecks.messages(hostMode, Topics.PACKETS).stream()
                .map(m -> PacketRecord.fromMap(m.decodeMap())).filter(p -> p.dir() == Direction.HOST_TO_CAM).toList();
        return !sent.isEmpty() && sent.get(sent.size() - 1).valid()
                && sent.get(sent.size() - 1).packet().has(io.omvcap.wire.Flag.ACK)
                && sent.get(sent.size() - 1).length() == 0;
    }

    static List<String> packets(Path file, Direction d) throws Exception {
        return ArchiveChecks.messages(file, Topics.PACKETS).stream().map(m -> PacketRecord.fromMap(m.decodeMap()))
                .filter(p -> p.dir() == d).map(p -> p.valid() ? p.packet().toString() + HexFormat.of()
                        .formatHex(p.packet().payload()) : "invalid " + p.reason()).toList();
    }
}
