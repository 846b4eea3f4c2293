package io.omvcap.cli.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.archive.SessionReader;
import io.omvcap.cli.CliRun;
import io.omvcap.cli.commands.ReplayCheck;
import io.omvcap.host.Camera;
import io.omvcap.host.CameraOptions;
import io.omvcap.record.RecordOptions;
import io.omvcap.record.Recorder;
import io.omvcap.record.RecordingResult;
import io.omvcap.replay.RecordedPayloads;
import io.omvcap.replay.Replay;
import io.omvcap.replay.ReplaySummary;
import io.omvcap.replay.Speed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay over time: real-time pacing, rotated recordings, several files, looping, and faults the host survives. */
class ReplayTimelineTest {
    static final Path TELEMETRY = Path.of("..", "sample-sessions", "telemetry.mcap");
    static final Path FRAMES = Path.of("..", "sample-sessions", "frames-config.mcap");

    @TempDir
    Path dir;

    @Test
    void realTimeSpeedPacesThePayloads() throws Exception {
        double span;
        try (SessionReader r = SessionReader.open(TELEMETRY)) {
            var t = r.storedTotals().orElseThrow().topics().get("/channel/telemetry/telemetry");
            span = (t.lastTime() - t.firstTime()) / 1e9;
        }
        double factor = 4;
        long t0 = System.nanoTime();
        try (Replay replay = Replay.open(TELEMETRY).speed(new Speed(factor)).inProcess()) {
            ReplayCheck.Result r = ReplayCheck.run(List.of(TELEMETRY), replay::hostLink, Duration.ofSeconds(5));
            assertTrue(r.identical(), r.problems().toString());
        }
        double took = (System.nanoTime() - t0) / 1e9;
        assertTrue(took >= 0.8 * span / factor, "paced: " + took + " s for " + span + " recorded s at " + factor + "x");
        assertTrue(took < span / factor + 3, "not much slower than the recording: " + took + " s");
    }

    @Test
    void startAndEndServeOnlyThatStretch() throws Exception {
        long first;
        try (SessionReader r = SessionReader.open(TELEMETRY)) {
            first = r.statistics().orElseThrow().messageStartTime();
        }
        long start = first + 1_500_000_000L;
        long end = first + 3_000_000_000L;
        List<byte[]> expected = new ArrayList<>();
        try (RecordedPayloads p = RecordedPayloads.open(List.of(TELEMETRY), start, end)) {
            for (byte[] b; (b = p.next("telemetry")) != null; ) {
                expected.add(b);
            }
        }
        assertTrue(expected.size() >= 8 && expected.size() <= 20, "a stretch of the 36: " + expected.size());
        try (Replay replay = Replay.open(TELEMETRY).window(start, end).inProcess()) {
            Camera cam = new Camera(replay.hostLink(), CameraOptions.defaults());
            cam.connect();
            for (byte[] want : expected) {
                assertArrayEquals(want, cam.read("telemetry"));
            }
            assertEquals(0, cam.read("telemetry").length, "nothing after the end");
            cam.close();
        }
        CliRun bad = CliRun.of("replay", TELEMETRY.toString(), "--start", "+3s", "--end", "+1s");
        assertEquals(io.omvcap.cli.ExitCode.USAGE, bad.code(), bad.err());
        CliRun empty = CliRun.of("replay", TELEMETRY.toString(), "--start", "+1h", "--tcp", "0");
        assertEquals(io.omvcap.cli.ExitCode.ERROR, empty.code(), empty.err());
        assertTrue(empty.err().contains("nothing to replay between the given start and end"), empty.err());
    }

    @Test
    void aRotatedRecordingIsServedAsOneSession() throws Exception {
        RecordOptions o = RecordOptions.defaults("sim:quiet,seed=9", dir.resolve("rot.mcap"))
                .withScript(null, List.of("telemetry", "ticks")).withDuration(Duration.ofMillis(3500))
                .withRotation(0, Duration.ofSeconds(1)).withMode("simulated");
        RecordingResult rec = new Recorder(o, line -> { }).run();
        List<Path> files = rec.files();
        assertTrue(files.size() >= 3, "rotated into several files: " + files);
        try (Replay replay = Replay.open(files).inProcess()) {
            ReplayCheck.Result r = ReplayCheck.run(files, replay::hostLink, Duration.ofSeconds(5));
            assertTrue(r.identical(), r.problems().toString());
            assertTrue(replay.awaitFinished(Duration.ofSeconds(5)));
            replay.close();
            ReplaySummary s = replay.summary();
            assertEquals(0, s.hangUps(), "a rotation is no new session: " + s.lines());
            assertEquals(1, s.connections());
        }
    }

    @Test
    void severalFilesAreServedOneAfterAnother() throws Exception {
        List<Path> files = List.of(TELEMETRY, FRAMES);
        try (Replay replay = Replay.open(files).inProcess()) {
            ReplayCheck.Result r = ReplayCheck.run(files, replay::hostLink, Duration.ofSeconds(5));
            assertTrue(r.identical(), r.problems().toString());
            assertTrue(r.perChannel().keySet().containsAll(List.of("telemetry", "frame", "config")), r.perChannel().toString());
        }
    }

    @Test
    void loopingServesTheRecordingAgain() throws Exception {
        List<byte[]> recorded = new ArrayList<>();
        try (RecordedPayloads p = RecordedPayloads.open(List.of(TELEMETRY))) {
            for (byte[] b; (b = p.next("telemetry")) != null; ) {
                recorded.add(b);
            }
        }
        try (Replay replay = Replay.open(TELEMETRY).loop(true).inProcess()) {
            Camera cam = new Camera(replay.hostLink(), CameraOptions.defaults());
            cam.connect();
            List<byte[]> got = new ArrayList<>();
            long end = System.nanoTime() + 10_000_000_000L;
            while (got.size() < 2 * recorded.size() + 3 && System.nanoTime() < end) {
                byte[] b = cam.read("telemetry");
                if (b.length > 0) {
                    got.add(b);
                }
            }
            cam.close();
            assertEquals(2 * recorded.size() + 3, got.size(), "kept serving past the end");
            for (int i = 0; i < got.size(); i++) {
                assertArrayEquals(recorded.get(i % recorded.size()), got.get(i), "payload " + i);
            }
        }
    }

    @Test
    void theJavaHostSurvivesInjectedFaultsAndStillGetsEveryPayload() throws Exception {
        String faults = "drop@read:5,corrupt@read:9,duplicate=0.05,nak=timeout@size:3,delay=2ms:0.1";
        try (Replay replay = Replay.open(FRAMES).faults(faults).seed(11).inProcess()) {
            ReplayCheck.Result r = ReplayCheck.run(List.of(FRAMES), replay::hostLink, Duration.ofSeconds(10));
            assertTrue(r.identical(), r.problems().toString());
            replay.close();
            ReplaySummary s = replay.summary();
            assertTrue(s.faultCount() >= 4, s.faults().toString());
            assertTrue(s.faults().stream().anyMatch(f -> f.kind().specName().equals("drop")
                    && f.detail().startsWith("CHANNEL_READ")), s.faults().toString());
            assertTrue(s.faults().stream().allMatch(f -> f.nanos() >= 0), "every fault logged with its time");
        }
    }

    @Test
    void aDamagedChunkMidwayEndsServingWithTheReadersError() throws Exception {
        byte[] d = java.nio.file.Files.readAllBytes(Path.of("..", "sample-sessions", "rough.mcap"));
        List<int[]> chunks = new ArrayList<>();
        for (int pos = 8; pos < d.length - 9; ) {
            long len = java.nio.ByteBuffer.wrap(d, pos + 1, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            if (d[pos] == 0x06) {
                chunks.add(new int[] {pos, (int) len});
            }
            if (d[pos] == 0x0F) {
                break;
            }
            pos += 9 + (int) len;
        }
        assertTrue(chunks.size() >= 5, "the rough session has several chunks: " + chunks.size());
        int[] late = chunks.get(chunks.size() - 2);
        for (int i = late[0] + 80; i < late[0] + 140; i++) {
            d[i] ^= 0x33;
        }
        Path damaged = dir.resolve("damaged.mcap");
        java.nio.file.Files.write(damaged, d);
        try (Replay replay = Replay.open(damaged).inProcess()) {
            try {
                ReplayCheck.run(List.of(damaged), replay::hostLink, Duration.ofSeconds(3));
            } catch (Exception e) {
                // the host may notice the cam going away
            }
            long end = System.nanoTime() + 5_000_000_000L;
            while (replay.isRunning() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            String failure = replay.failure();
            assertTrue(failure != null && failure.startsWith(damaged.toString() + ": ") && failure.contains("offset"),
                    String.valueOf(failure));
            assertTrue(!failure.contains("\n"), "one line");
        }
    }

    @Test
    void anInjectedDisconnectHangsUpAndTheHostReconnects() throws Exception {
        try (Replay replay = Replay.open(FRAMES).faults("disconnect@read:4").inProcess()) {
            ReplayCheck.Result r = ReplayCheck.run(List.of(FRAMES), replay::hostLink, Duration.ofSeconds(10));
            assertTrue(r.complete(), r.problems().toString());
            replay.close();
            assertEquals(2, replay.summary().connections(), replay.summary().lines().toString());
            assertEquals(1, replay.summary().hangUps());
            assertEquals(1, replay.summary().faultCount());
        }
    }
}
