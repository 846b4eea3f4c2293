package io.omvcap.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.archive.ArchivedMessage;
import io.omvcap.archive.ChannelTopic;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.SessionReader;
import io.omvcap.archive.SessionTotals;
import io.omvcap.archive.Topics;
import io.omvcap.host.Camera;
import io.omvcap.host.CameraException;
import io.omvcap.host.CameraOptions;
import io.omvcap.record.ArchiveChecks;
import io.omvcap.record.RecordingResult;
import io.omvcap.record.StorageOptions;
import io.omvcap.serve.ServeTarget;
import io.omvcap.serve.SimCamServer;
import io.omvcap.transport.TcpLink;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hosts coming and going, the cam vanishing and coming back, TCP hosts, stopping, rotation. */
@Timeout(120)
class TapLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void theHostClosesAndReopensTheLinkWhileTheCamLinkStaysOpen() throws Exception {
        Path camLink = dir.resolve("cam");
        Path hostLink = dir.resolve("tapped");
        Path out = dir.resolve("hosts.mcap");
        RecordingResult result;
        try (SimCamServer sim = TapTest.ptyCam(camLink);
                TapRun tap = TapRun.start(TapOptions.defaults(camLink.toString(), new ServeTarget.Pty(hostLink), out))) {
            for (int session = 0; session < 3; session++) {
                try (Camera cam = TapTest.camera(hostLink.toString(), CameraOptions.defaults())) {
                    cam.connect();
                    TapTest.awaitChannel(cam, "ticks");
                    assertEquals(10, cam.read("ticks").length);
                }
            }
            Thread.sleep(300);
            result = tap.finish();
            assertEquals(1, sim.status().sessions(), "the cam saw one link the whole time");
        }
        assertNull(result.error());
        List<LifecycleEvent> life = ArchiveChecks.lifecycle(out);
        assertEquals(3, life.stream().filter(e -> e.kind() == LifecycleKind.CONNECT && "host".equals(e.extra().get("side")))
                .count(), life.toString());
        assertEquals(3, life.stream().filter(e -> e.kind() == LifecycleKind.DISCONNECT
                && "host".equals(e.extra().get("side"))).count(), life.toString());
        assertEquals(3, ArchiveChecks.messages(out, Topics.channel("ticks", ChannelTopic.READ)).size());
        try (SessionReader r = SessionReader.open(out)) {
            SessionTotals t = r.storedTotals().orElseThrow();
            assertEquals(0, t.reconnects());
            assertEquals(0, t.resyncs(), "each host's PROTO_SYNC is its connect, not a resync");
            assertEquals(0, t.errors(), life.toString());
            assertTrue(t.invalidByReason().isEmpty(), t.invalidByReason().toString());
        }
    }

    @Test
    void whenTheCamVanishesTheHostIsHungUpAndEachGapIsRecorded() throws Exception {
        Path camLink = dir.resolve("cam");
        Path hostLink = dir.resolve("tapped");
        Path out = dir.resolve("gaps.mcap");
        List<Long> outages = new ArrayList<>();
        RecordingResult result;
        try (TapRun tap = startWith(camLink, hostLink, out)) {
            for (long downMillis : new long[] {1500, 400}) {
                try (Camera cam = TapTest.camera(hostLink.toString(), CameraOptions.defaults())) {
                    cam.connect();
                    TapTest.awaitChannel(cam, "ticks");
                    cam.read("ticks");
                    long down = System.nanoTime();
                    currentSim.close(); // unplugged
                    CameraException e = assertThrows(CameraException.class, () -> {
                        for (int i = 0; i < 100; i++) {
                            cam.read("ticks");
                            Thread.sleep(20);
                        }
                    });
                    assertTrue(e.getMessage().contains("closed") || e.getMessage().contains("failed")
                            || e.getMessage().contains("no answer"), e.getMessage());
                    awaitGone(hostLink);
                    Thread.sleep(downMillis - (System.nanoTime() - down) / 1_000_000);
                    currentSim = TapTest.ptyCam(camLink); // plugged in again
                    outages.add(System.nanoTime() - down);
                }
                awaitPresent(hostLink);
            }
            try (Camera cam = TapTest.camera(hostLink.toString(), CameraOptions.defaults())) {
                cam.connect();
                TapTest.awaitChannel(cam, "ticks");
                assertEquals(10, cam.read("ticks").length, "the host works again through the tap");
            }
            Thread.sleep(200);
            result = tap.finish();
        } finally {
            currentSim.close();
        }
        assertNull(result.error());
        assertEquals(2, result.stats().reconnects());
        List<LifecycleEvent> life = ArchiveChecks.lifecycle(out);
        List<LifecycleEvent> reconnects = life.stream().filter(e -> e.kind() == LifecycleKind.RECONNECT).toList();
        assertEquals(2, reconnects.size(), life.toString());
        for (int i = 0; i < 2; i++) {
            long gap = ((Number) reconnects.get(i).extra().get("gap_ns")).longValue();
            // from this outage's disconnect to this reconnect: at most the outage plus the reconnect backoff
            assertTrue(gap > outages.get(i) - 300_000_000L && gap < outages.get(i) + 5_500_000_000L,
                    "gap " + i + ": " + gap / 1e6 + " ms for an outage of " + outages.get(i) / 1e6 + " ms");
        }
        long second = ((Number) reconnects.get(1).extra().get("gap_ns")).longValue();
        assertTrue(second < outages.get(0), "the second gap is not measured from the first disconnect");
        assertTrue(life.stream().anyMatch(e -> e.kind() == LifecycleKind.DISCONNECT && "cam".equals(e.extra().get("side"))));
        assertTrue(life.stream().anyMatch(e -> e.detail().equals("host hung up: the cam went away")), life.toString());
        try (SessionReader r = SessionReader.open(out)) {
            assertEquals(2, r.storedTotals().orElseThrow().gaps().size());
        }
        assertEquals(3, ArchiveChecks.messages(out, Topics.channel("ticks", ChannelTopic.READ)).size(),
                "one read per host session");
    }

    private SimCamServer currentSim;

    private TapRun startWith(Path camLink, Path hostLink, Path out) throws Exception {
        currentSim = TapTest.ptyCam(camLink);
        return TapRun.start(TapOptions.defaults(camLink.toString(), new ServeTarget.Pty(hostLink), out));
    }

    @Test
    void hostsConnectOverTcpOneAtATime() throws Exception {
        Path out = dir.resolve("tcp.mcap");
        RecordingResult result;
        try (SimCamServer sim = TapTest.ptyCam(dir.resolve("cam"));
                TapRun tap = TapRun.start(TapOptions.defaults(dir.resolve("cam").toString(),
                        new ServeTarget.Tcp("127.0.0.1", 0), out))) {
            assertTrue(tap.endpoint().startsWith("tcp://127.0.0.1:"), tap.endpoint());
            int port = Integer.parseInt(tap.endpoint().substring(tap.endpoint().lastIndexOf(':') + 1));
            try (Camera cam = new Camera(TcpLink.connect("127.0.0.1", port), CameraOptions.defaults())) {
                cam.connect();
                TapTest.awaitChannel(cam, "ticks");
                assertEquals(10, cam.read("ticks").length);
                try (Socket second = new Socket("127.0.0.1", port)) {
                    second.setSoTimeout(2000);
                    assertEquals(-1, second.getInputStream().read(), "a second host is turned away");
                }
                assertEquals(10, cam.read("ticks").length, "the first host is not disturbed");
            }
            Thread.sleep(200);
            result = tap.finish();
        }
        assertNull(result.error());
        assertEquals(2, ArchiveChecks.messages(out, Topics.channel("ticks", ChannelTopic.READ)).size());
    }

    @Test
    void aDurationEndsTheTapWithAFinishedArchiveAndLeftoversAreRecovered() throws Exception {
        Path out = dir.resolve("timed.mcap");
        Files.copy(Path.of("..", "sample-sessions", "sim-session.mcap"), dir.resolve("crashed.mcap.part"));
        List<String> log = new ArrayList<>();
        RecordingResult result;
        try (SimCamServer sim = TapTest.ptyCam(dir.resolve("cam"))) {
            result = new Tap(TapOptions.defaults(dir.resolve("cam").toString(), new ServeTarget.Pty(null), out)
                    .withDuration(Duration.ofMillis(700)), log::add).run();
        }
        assertNull(result.error());
        assertEquals("duration reached", result.stopReason());
        assertEquals(List.of(out), result.files());
        assertTrue(Files.exists(dir.resolve("crashed.mcap")), "the leftover was recovered: " + log);
        assertFalse(Files.exists(dir.resolve("crashed.mcap.part")));
        List<LifecycleEvent> life = ArchiveChecks.lifecycle(out);
        assertEquals(LifecycleKind.START, life.get(0).kind());
        assertEquals(LifecycleEvent.of(LifecycleKind.STOP, "duration reached"), life.get(life.size() - 1));
    }

    @Test
    void rotationSplitsTheTappedSessionWithNothingLost() throws Exception {
        Path out = dir.resolve("rot.mcap");
        HostRecording host = new HostRecording(dir.resolve("host").resolve("host.mcap"));
        RecordingResult result;
        try (SimCamServer sim = TapTest.ptyCam(dir.resolve("cam"));
                TapRun tap = TapRun.start(TapOptions.defaults(dir.resolve("cam").toString(),
                        new ServeTarget.Pty(dir.resolve("tapped")), out)
                        .withStorage(StorageOptions.defaults(out).withRotation(48 * 1024, null)))) {
            try (Camera cam = TapTest.camera(dir.resolve("tapped").toString(), CameraOptions.defaults())) {
                host.attach(cam);
                cam.connect();
                host.device(cam);
                TapTest.awaitChannel(cam, "frame");
                long end = System.nanoTime() + 3_500_000_000L; // chunks close at least once a second
                while (System.nanoTime() < end) {
                    TapTest.readSome(cam, "frame");
                    cam.read("ticks");
                }
            }
            Thread.sleep(300);
            result = tap.finish();
        }
        assertNull(result.error());
        assertTrue(result.files().size() >= 2, "segments: " + result.files());
        List<String> tapped = new ArrayList<>();
        for (Path f : result.files()) {
            try (SessionReader r = SessionReader.open(f)) {
                assertTrue(r.indexed(), f.toString());
                assertEquals("tap", r.session().orElseThrow().mode());
                assertTrue(r.device().isPresent(), "device facts in every segment: " + f);
            }
            for (ArchivedMessage m : ArchiveChecks.messages(f, Topics.channel("frame", ChannelTopic.FRAME),
                    Topics.channel("ticks", ChannelTopic.READ))) {
                tapped.add(m.topic() + " " + java.util.HexFormat.of().formatHex(m.data()));
            }
        }
        List<String> expected = ArchiveChecks.messages(host.finish(), Topics.channel("frame", ChannelTopic.FRAME),
                Topics.channel("ticks", ChannelTopic.READ)).stream()
                .map(m -> m.topic() + " " + java.util.HexFormat.of().formatHex(m.data())).toList();
        assertTrue(expected.size() > 20, "reads: " + expected.size());
        assertEquals(expected, tapped, "every read, across the segments");
    }

    static void awaitGone(Path link) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (Files.exists(link, LinkOption.NOFOLLOW_LINKS) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS), "the host's device path went away with the cam");
    }

    static void awaitPresent(Path link) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!Files.exists(link) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(Files.exists(link), "the host's device path came back with the cam");
    }
}
