package io.omvcap.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.archive.ArchivedMessage;
import io.omvcap.archive.ChannelTopic;
import io.omvcap.archive.FrameRecord;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.PacketRecord;
import io.omvcap.archive.SessionReader;
import io.omvcap.archive.SessionTotals;
import io.omvcap.archive.Topics;
import io.omvcap.serve.ServeTarget;
import io.omvcap.serve.SimCamServer;
import io.omvcap.serve.StatusListener;
import io.omvcap.sim.SimConfig;
import io.omvcap.telemetry.TelemetryCodec;
import io.omvcap.telemetry.TelemetryField;
import io.omvcap.transport.PortUnavailableException;
import io.omvcap.transport.PortWait;
import io.omvcap.wire.Direction;
import io.omvcap.wire.PacketDecoder;
import io.omvcap.wire.ValidPacket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorder against the simulated cam over real pseudo-terminals. */
class RecorderTest {
    @TempDir
    Path dir;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private static SimCamServer ptyCam(Path link) throws Exception {
        return SimCamServer.start(SimConfig.builder().frameRateHz(20).frameSize(160, 120).build(),
                new ServeTarget.Pty(link), StatusListener.NONE, 0);
    }

    @Test
    void recordsEverythingTheLayoutNamesOverAPty() throws Exception {
        Path out = dir.resolve("pty.mcap");
        RecordingResult result;
        try (SimCamServer cam = ptyCam(null)) {
            RecordOptions o = RecordOptions.defaults(cam.slavePath(), out).withDuration(Duration.ofSeconds(3))
                    .withStream(true).withHeartbeat(Duration.ofMillis(500));
            result = new Recorder(o, log::add).run();
        }
        assertNull(result.error(), String.valueOf(log));
        assertEquals(List.of(out), result.files());
        assertFalse(Files.exists(Segments.part(out)), "the .part file was renamed");
        try (SessionReader r = SessionReader.open(out)) {
            assertTrue(r.indexed());
            assertEquals("host", r.session().orElseThrow().mode());
            assertEquals(921600, r.session().orElseThrow().baud());
            assertEquals(9, r.device().orElseThrow().channels().size());
            SessionTotals t = r.storedTotals().orElseThrow();
            assertTrue(t.invalidByReason().isEmpty(), "no invalid packets: " + t.invalidByReason());
        }
        List<ArchivedMessage> telemetry = ArchiveChecks.messages(out, Topics.channel("telemetry", ChannelTopic.TELEMETRY));
        assertTrue(telemetry.size() >= 10, "telemetry reads: " + telemetry.size());
        List<TelemetryField> fields = TelemetryCodec.decode(telemetry.get(0).data());
        assertEquals(List.of("temperature", "humidity", "counter", "led", "gain"),
                fields.stream().map(TelemetryField::name).toList());
        List<ArchivedMessage> frames = ArchiveChecks.messages(out, Topics.channel("frame", ChannelTopic.FRAME));
        assertTrue(frames.size() >= 10, "frame channel frames: " + frames.size());
        FrameRecord f = FrameRecord.fromMap(frames.get(0).decodeMap());
        assertEquals(160, f.width());
        assertEquals("jpeg", f.format());
        assertTrue(ArchiveChecks.messages(out, Topics.channel("stream", ChannelTopic.FRAME)).size() >= 5, "stream frames");
        assertFalse(ArchiveChecks.messages(out, Topics.STDOUT).isEmpty(), "stdout");
        assertTrue(ArchiveChecks.messages(out, Topics.STATS).size() >= 4, "heartbeat every 500 ms");
        assertFalse(ArchiveChecks.messages(out, Topics.EVENTS).isEmpty(), "events");

        // the wire bytes rebuild the stream, and decoding them gives exactly the archived packets
        for (Direction d : Direction.values()) {
            byte[] wire = ArchiveChecks.concat(ArchiveChecks.messages(out, Topics.wire(d)));
            List<ValidPacket> decoded = new ArrayList<>();
            PacketDecoder decoder = new PacketDecoder();
            decoder.feed(wire, e -> {
                if (e instanceof ValidPacket v) {
                    decoded.add(v);
                }
            });
            List<PacketRecord> archived = ArchiveChecks.messages(out, Topics.PACKETS).stream()
                    .map(m -> PacketRecord.fromMap(m.decodeMap())).filter(p -> p.dir() == d).toList();
            assertEquals(decoded.size(), archived.size(), d + " packets");
            for (int i = 0; i < decoded.size(); i++) {
                assertEquals(decoded.get(i).packet(), archived.get(i).packet(), d + " packet " + i);
            }
        }
    }

    @Test
    void aCamRestartIsAGapNotAnEnd() throws Exception {
        Path link = dir.resolve("omvcam");
        Path out = dir.resolve("restart.mcap");
        SimCamServer first = ptyCam(link);
        RecordOptions o = RecordOptions.defaults(link.toString(), out).withDuration(Duration.ofSeconds(6));
        Recorder recorder = new Recorder(o, log::add);
        AtomicLong downAt = new AtomicLong();
        Thread chaos = new Thread(() -> {
            try {
                Thread.sleep(1500);
                downAt.set(System.nanoTime());
                first.close(); // the port vanishes (unplug / reset)
                Thread.sleep(1200);
                try (SimCamServer second = ptyCam(link)) {
                    Thread.sleep(3000);
                }
            } catch (Exception e) {
                log.add("chaos failed: " + e);
            }
        });
        chaos.start();
        RecordingResult result = recorder.run();
        chaos.join();
        assertNull(result.error(), String.valueOf(log));
        assertEquals(1, result.stats().reconnects(), String.valueOf(log));
        List<LifecycleEvent> events = ArchiveChecks.lifecycle(out);
        assertTrue(events.stream().anyMatch(e -> e.kind() == LifecycleKind.DISCONNECT), events.toString());
        LifecycleKind previous = null;
        for (LifecycleEvent e : events) {
            if (e.kind() == LifecycleKind.CONNECT || e.kind() == LifecycleKind.DISCONNECT) {
                assertTrue(e.kind() != previous, "one disconnect per loss, one connect per link: " + events);
                previous = e.kind();
            }
        }
        LifecycleEvent reconnect = events.stream().filter(e -> e.kind() == LifecycleKind.RECONNECT).findFirst()
                .orElseThrow();
        long gap = ((Number) reconnect.extra().get("gap_ns")).longValue();
        assertTrue(gap >= 1_000_000_000L && gap < 4_000_000_000L, "gap " + gap);
        try (SessionReader r = SessionReader.open(out)) {
            SessionTotals t = r.storedTotals().orElseThrow();
            assertEquals(1, t.reconnects());
            assertEquals(1, t.gaps().size());
        }
        long reconnectedAt = reconnectTime(out);
        long telemetryAfter = ArchiveChecks.messages(out, Topics.channel("telemetry", ChannelTopic.TELEMETRY)).stream()
                .filter(m -> m.logTime() > reconnectedAt).count();
        assertTrue(telemetryAfter > 3, "capture resumed after the reconnect");
    }

    private static long reconnectTime(Path out) throws Exception {
        return ArchiveChecks.messages(out, Topics.SESSION).stream()
                .filter(m -> "reconnect".equals(m.decodeMap().get("kind"))).findFirst().orElseThrow().logTime();
    }

    @Test
    void aReadTheCamRefusesIsSkippedNotAnOutage() throws Exception {
        // a channel whose reads always fail (a script buffer that shrank between size and read):
        // each used to count as a lost cam, with a reconnect and a gap that was no outage
        Path out = dir.resolve("refused.mcap");
        io.omvcap.device.ChannelBackend flaky = new io.omvcap.device.ChannelBackend() {
            @Override
            public boolean poll() {
                return true;
            }

            @Override
            public long size() {
                return 64;
            }

            @Override
            public int read(long offset, byte[] dst, int dstOff, int length) {
                return 0; // NAK FAILED
            }
        };
        SimConfig config = SimConfig.builder().frameRateHz(10).frameSize(64, 48).build();
        io.omvcap.serve.PtyTransport pty = new io.omvcap.serve.PtyTransport(null);
        io.omvcap.serve.CamServer cam = new io.omvcap.serve.CamServer(pty,
                (clock, output) -> {
                    io.omvcap.device.ProtocolEngine engine = new io.omvcap.sim.SimCam(config, clock, output).engine();
                    engine.register("flaky", 0, flaky);
                    return engine;
                }, StatusListener.NONE, 0);
        RecordingResult result;
        try {
            String port = pty.pty().slavePath();
            result = new Recorder(RecordOptions.defaults(port, out).withDuration(Duration.ofMillis(2500)), log::add).run();
        } finally {
            cam.close();
        }
        assertNull(result.error(), String.valueOf(log));
        assertEquals(0, result.stats().reconnects(), "a refused read is not a lost cam: " + log);
        List<LifecycleEvent> events = ArchiveChecks.lifecycle(out);
        long refusals = events.stream().filter(e -> e.kind() == LifecycleKind.ERROR
                && e.detail().startsWith("read of flaky skipped: CHANNEL_READ on channel")).count();
        assertTrue(refusals >= 2 && refusals <= 4, "reported about once a second: " + events);
        assertTrue(events.stream().noneMatch(e -> e.kind() == LifecycleKind.DISCONNECT), events.toString());
        assertTrue(ArchiveChecks.messages(out, Topics.channel("telemetry", ChannelTopic.TELEMETRY)).size() > 10,
                "the other channels are read all along");
    }

    @Test
    void rotationLosesNothingAtTheSeams() throws Exception {
        RecordOptions o = RecordOptions.defaults("sim:fps=20,size=96x64", dir.resolve("rot.mcap"))
                .withDuration(Duration.ofMillis(3600)).withRotation(0, Duration.ofSeconds(1)).withMode("simulated");
        RecordingResult result = new Recorder(o, log::add).run();
        assertNull(result.error(), String.valueOf(log));
        assertTrue(result.files().size() >= 3, "segments " + result.files());
        long wireIn = 0;
        long nextOffset = 0;
        for (Path f : result.files()) {
            wireIn += ArchiveChecks.concat(ArchiveChecks.messages(f, Topics.WIRE_C2H)).length;
            for (ArchivedMessage m : ArchiveChecks.messages(f, Topics.PACKETS)) {
                PacketRecord p = PacketRecord.fromMap(m.decodeMap());
                if (p.dir() == Direction.CAM_TO_HOST) {
                    assertEquals(nextOffset, p.offset(), "c2h packets continue across " + f.getFileName());
                    nextOffset = p.offset() + p.consumed();
                }
            }
            try (SessionReader r = SessionReader.open(f)) {
                assertTrue(r.device().isPresent(), "every segment has the device facts");
            }
        }
        assertEquals(result.stats().bytesIn(), wireIn, "every received byte is in exactly one segment");
        List<LifecycleEvent> second = ArchiveChecks.lifecycle(result.files().get(1));
        assertEquals(result.files().get(0).getFileName().toString(), second.get(0).extra().get("previous_file"));
    }

    @Test
    void leftoverPartFilesAreRecoveredOnStart() throws Exception {
        Path first = dir.resolve("a.mcap");
        RecordingResult firstRun = new Recorder(RecordOptions.defaults("sim:", first)
                .withDuration(Duration.ofSeconds(1)), log::add).run();
        assertEquals(List.of(first), firstRun.files(), firstRun + " " + log);
        byte[] bytes = Files.readAllBytes(first);
        Path part = dir.resolve("crashed.mcap.part");
        Files.write(part, java.util.Arrays.copyOf(bytes, bytes.length * 3 / 4));
        new Recorder(RecordOptions.defaults("sim:", dir.resolve("b.mcap")).withDuration(Duration.ofMillis(300)),
                log::add).run();
        assertFalse(Files.exists(part));
        assertTrue(Files.exists(dir.resolve("crashed.mcap")));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("recovered leftover crashed.mcap.part")), log.toString());
        try (SessionReader r = SessionReader.open(dir.resolve("crashed.mcap"))) {
            assertTrue(r.indexed());
        }
    }

    @Test
    void aSecondRecorderInTheSameFolderLeavesTheLiveRecordingAlone() throws Exception {
        // a recorder's start recovers crash leftovers in its folder; it used to take another live
        // recording's .part for one, and that recording lost everything after the "recovery"
        Path first = dir.resolve("first.mcap");
        List<RecordingResult> results = Collections.synchronizedList(new ArrayList<>());
        Thread a = new Thread(() -> {
            try {
                results.add(new Recorder(RecordOptions.defaults("sim:", first).withDuration(Duration.ofMillis(3000))
                        .withMode("simulated"), log::add).run());
            } catch (Exception e) {
                log.add("first failed: " + e);
            }
        });
        a.start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!Files.exists(Segments.part(first)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(500);
        List<String> secondLog = Collections.synchronizedList(new ArrayList<>());
        RecordingResult second = new Recorder(RecordOptions.defaults("sim:", dir.resolve("second.mcap"))
                .withDuration(Duration.ofMillis(300)).withMode("simulated"), secondLog::add).run();
        a.join(30_000);
        assertNull(second.error(), String.valueOf(secondLog));
        assertTrue(secondLog.contains("left first.mcap.part alone: another recording is writing it"),
                String.valueOf(secondLog));
        assertEquals(1, results.size(), String.valueOf(log));
        assertNull(results.get(0).error(), String.valueOf(log));
        assertEquals(List.of(first), results.get(0).files());
        try (SessionReader r = SessionReader.open(first)) {
            assertTrue(r.indexed(), r.unindexedReason());
            var stats = r.statistics().orElseThrow();
            assertTrue(stats.messageEndTime() - stats.messageStartTime() > 2_500_000_000L,
                    "the first recording is whole: " + (stats.messageEndTime() - stats.messageStartTime()) / 1e6 + " ms");
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of("first.mcap", "second.mcap"), files.map(f -> f.getFileName().toString()).sorted()
                    .toList(), "no .part and no 'recovered' copy left behind");
        }
    }

    @Test
    void anInterruptStopsTheRecordingWithAFinishedArchiveAndIsReasserted() throws Exception {
        Path out = dir.resolve("interrupted.mcap");
        List<RecordingResult> result = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> flagAfter = Collections.synchronizedList(new ArrayList<>());
        Thread recorder = new Thread(() -> {
            try {
                result.add(new Recorder(RecordOptions.defaults("sim:fps=30", out)
                        .withDuration(Duration.ofSeconds(30)), log::add).run());
            } catch (Exception e) {
                log.add("threw " + e);
            }
            flagAfter.add(Thread.currentThread().isInterrupted());
        });
        recorder.start();
        Thread.sleep(1200);
        recorder.interrupt();
        recorder.join(10_000);
        assertFalse(recorder.isAlive(), "the recorder stopped");
        assertEquals(1, result.size(), log.toString());
        assertNull(result.get(0).error(), log.toString());
        assertEquals(List.of(out), result.get(0).files(), log.toString());
        assertEquals(List.of(true), flagAfter, "the interrupt is handed back to the caller");
        try (SessionReader r = SessionReader.open(out)) {
            assertTrue(r.indexed(), "finished with a summary, not left for recovery");
        }
    }

    @Test
    void aMissingPortFailsBeforeAnyFileIsCreated() {
        RecordOptions o = RecordOptions.defaults(dir.resolve("no-such-tty").toString(), dir.resolve("x.mcap"));
        PortUnavailableException e = assertThrows(PortUnavailableException.class, () -> new Recorder(o, log::add).run());
        assertEquals(PortUnavailableException.Reason.MISSING, e.reason());
        assertFalse(Files.exists(dir.resolve("x.mcap")));
        assertFalse(Files.exists(dir.resolve("x.mcap.part")));
    }

    @Test
    void withWaitForPortACamPluggedInLaterIsRecordedFromWhenItAppears() throws Exception {
        Path link = dir.resolve("ttyLATER");
        Path out = dir.resolve("later.mcap");
        RecordOptions o = RecordOptions.defaults(link.toString(), out).withDuration(Duration.ofSeconds(2))
                .withWaitForPort(PortWait.FOREVER);
        Recorder recorder = new Recorder(o, log::add);
        List<RecordingResult> result = Collections.synchronizedList(new ArrayList<>());
        Thread t = new Thread(() -> {
            try {
                result.add(recorder.run());
            } catch (Exception e) {
                log.add("threw " + e);
            }
        });
        t.start();
        Thread.sleep(1500);
        assertEquals("waiting for " + link, recorder.stats().state());
        assertFalse(Files.exists(Segments.part(out)), "no file before the port appears");
        try (SimCamServer cam = ptyCam(link)) {
            t.join(20_000);
        }
        assertEquals(1, result.size(), log.toString());
        assertNull(result.get(0).error(), log.toString());
        assertEquals(List.of(out), result.get(0).files());
        assertTrue(log.get(0).startsWith("waiting for " + link + " to appear (forever)"), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith(link + " appeared after ")), log.toString());
        try (SessionReader r = SessionReader.open(out)) {
            assertTrue(r.indexed());
        }
        List<ArchivedMessage> telemetry = ArchiveChecks.messages(out, Topics.channel("telemetry", ChannelTopic.TELEMETRY));
        assertTrue(telemetry.size() >= 5, "the cam was recorded once it appeared: " + telemetry.size() + " reads");
    }

    @Test
    void aStopWhileWaitingForThePortEndsWithoutAFile() throws Exception {
        Path out = dir.resolve("never.mcap");
        Recorder recorder = new Recorder(RecordOptions.defaults(dir.resolve("ttyNEVER").toString(), out)
                .withWaitForPort(PortWait.FOREVER), log::add);
        List<RecordingResult> result = Collections.synchronizedList(new ArrayList<>());
        Thread t = new Thread(() -> {
            try {
                result.add(recorder.run());
            } catch (Exception e) {
                log.add("threw " + e);
            }
        });
        t.start();
        Thread.sleep(400);
        recorder.stop();
        t.join(5_000);
        assertFalse(t.isAlive(), "the wait ended on stop");
        assertEquals(1, result.size(), log.toString());
        assertEquals(List.of(), result.get(0).files());
        assertNull(result.get(0).error());
        assertEquals("stopped before " + dir.resolve("ttyNEVER") + " appeared", result.get(0).stopReason());
        assertTrue(recorder.awaitStopped(Duration.ofSeconds(1)));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void maxTotalSizeKeepsARollingWindow() throws Exception {
        RecordOptions o = RecordOptions.defaults("sim:fps=30,size=320x240", dir.resolve("roll.mcap"))
                .withDuration(Duration.ofSeconds(5)).withRotation(96 * 1024, null)
                .withDiskGuard(0, LowSpacePolicy.STOP, 320 * 1024).withStream(true);
        RecordingResult result = new Recorder(o, log::add).run();
        assertNull(result.error(), String.valueOf(log));
        long total = 0;
        long largest = 0;
        for (Path f : result.files()) {
            total += Files.size(f);
            largest = Math.max(largest, Files.size(f));
        }
        assertTrue(log.stream().anyMatch(l -> l.startsWith("deleted oldest segment")), log.toString());
        long written = ((Number) result.stats().snapshot().get("segments")).longValue();
        assertTrue(written > result.files().size(), written + " segments written, " + result.files() + " kept");
        assertTrue(total <= 320 * 1024 + largest, "total " + total + " stays within the cap plus the open segment");
    }

    @Test
    void lowDiskSpaceStopsCleanly() throws Exception {
        RecordOptions o = RecordOptions.defaults("sim:", dir.resolve("low.mcap")).withDuration(Duration.ofSeconds(10))
                .withDiskGuard(Long.MAX_VALUE / 2, LowSpacePolicy.STOP, 0);
        RecordingResult result = new Recorder(o, log::add).run();
        assertTrue(result.stopReason().startsWith("low disk space"), result.stopReason());
        try (SessionReader r = SessionReader.open(dir.resolve("low.mcap"))) {
            assertTrue(r.indexed(), "finished cleanly");
        }
    }

    @Test
    void aDeviceThatIsNotAnOpenMvCamIsAClearErrorWithAReadableArchive() throws Exception {
        Path out = dir.resolve("garbage.mcap");
        try (io.omvcap.pty.PtyLink device = io.omvcap.pty.PtyLink.open()) {
            Thread babbler = new Thread(() -> {
                byte[] buf = new byte[256];
                byte[] noise = "AT+OK\r\nNO CARRIER\r\n".getBytes();
                try {
                    while (device.isOpen()) {
                        if (device.read(buf, 0, buf.length, 50) > 0) {
                            device.write(noise);
                        }
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
            });
            babbler.setDaemon(true);
            babbler.start();
            RecordOptions o = RecordOptions.defaults(device.slavePath(), out).withDuration(Duration.ofSeconds(30));
            RecordingResult result = new Recorder(o, log::add).run();
            assertTrue(result.failed());
            assertTrue(result.error().contains(device.slavePath()), result.error());
            assertEquals(1, result.error().lines().count());
        }
        try (SessionReader r = SessionReader.open(out)) {
            assertTrue(r.indexed(), "the archive was finished: " + r.unindexedReason() + ", size " + Files.size(out)
                    + ", log " + log);
            SessionTotals t = r.storedTotals().orElseThrow();
            assertTrue(t.noiseBytes(Direction.CAM_TO_HOST) > 0, "what the device answered is kept as noise");
        }
    }

    @Test
    void recordingsReadCleanlyWithTheReferenceReader() throws Exception {
        Path out = dir.resolve("ref.mcap");
        RecordOptions o = RecordOptions.defaults("sim:", out).withDuration(Duration.ofSeconds(2)).withStream(true)
                .withMode("simulated");
        assertNull(new Recorder(o, log::add).run().error(), String.valueOf(log));
        com.fasterxml.jackson.databind.JsonNode json = io.omvcap.testing.ReferenceReader.check(out);
        try (SessionReader r = SessionReader.open(out)) {
            long messages = r.statistics().orElseThrow().messageCount();
            assertEquals(messages, json.at("/indexed/messages").asLong());
            assertEquals(messages, json.at("/stream/records/Message").asLong());
            assertEquals("openmv", json.at("/indexed/header/profile").asText());
        }
        assertTrue(json.at("/indexed/messagesByTopic").path(Topics.channel("telemetry", ChannelTopic.TELEMETRY))
                .asLong() > 0);
    }

    @Test
    void theScriptIsUploadedRunAndAttached() throws Exception {
        Path script = Path.of("..", "cam-scripts", "datalogger.py");
        Path out = dir.resolve("script.mcap");
        RecordOptions o = RecordOptions.defaults("sim:start=exec", out).withDuration(Duration.ofSeconds(2))
                .withScript(script, List.of("telemetry", "frame")).withMode("simulated");
        RecordingResult result = new Recorder(o, log::add).run();
        assertNull(result.error(), String.valueOf(log));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("uploaded datalogger.py")), log.toString());
        try (SessionReader r = SessionReader.open(out)) {
            assertEquals(1, r.attachments().size());
            var attachment = r.readAttachment(r.attachments().get(0));
            assertEquals("datalogger.py", attachment.name());
            assertEquals(Files.readString(script), new String(attachment.data(), java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(9, r.device().orElseThrow().channels().size(), "the script's channels were listed");
        }
        assertFalse(ArchiveChecks.messages(out, Topics.channel("telemetry", ChannelTopic.TELEMETRY)).isEmpty(),
                "channels the script registered are recorded");
        assertTrue(ArchiveChecks.messages(out, Topics.channel("ticks", ChannelTopic.READ)).isEmpty(),
                "only the chosen channels are read");
    }
}
