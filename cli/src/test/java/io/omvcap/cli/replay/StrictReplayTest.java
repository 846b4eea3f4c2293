package io.omvcap.cli.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.cli.samples.FramesConfigHost;
import io.omvcap.cli.samples.HostRecording;
import io.omvcap.host.NakException;
import io.omvcap.wire.Status;
import org.junit.jupiter.api.io.TempDir;
import io.omvcap.host.Camera;
import io.omvcap.host.CameraException;
import io.omvcap.host.CameraOptions;
import io.omvcap.link.ByteLink;
import io.omvcap.replay.Divergence;
import io.omvcap.replay.DivergencePolicy;
import io.omvcap.replay.RecordedPayloads;
import io.omvcap.replay.Replay;
import io.omvcap.replay.ReplayMode;
import io.omvcap.replay.ReplaySummary;
import io.omvcap.transport.Transports;
import io.omvcap.wire.Opcode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Strict replay of {@code frames-config.mcap} to the program that recorded it
 * ({@link FramesConfigHost}): no divergence and the recorded payloads, in-process and over a
 * pseudo-terminal; a host that changed one request is caught and the request named.
 */
class StrictReplayTest {
    static final Path SESSION = Path.of("..", "sample-sessions", "frames-config.mcap");

    @Test
    void theRecordingHostMatchesInProcess() throws Exception {
        try (Replay replay = Replay.open(SESSION).mode(ReplayMode.STRICT).inProcess()) {
            FramesConfigHost.Reads reads = runHost(replay.hostLink(), FramesConfigHost.WRITES);
            assertRecorded(reads);
            assertTrue(replay.awaitFinished(Duration.ofSeconds(5)));
            replay.close();
            ReplaySummary s = replay.summary();
            assertEquals(0, s.divergenceCount(), s.lines().toString());
            assertEquals(0, s.neverMadeCount(), s.lines().toString());
            assertTrue(s.matchedRequests() > 30, s.lines().toString());
            assertEquals(List.of("{\"quality\": 40}", "{\"quality\": 75}"), replay.writes("config").stream()
                    .map(b -> new String(b, StandardCharsets.US_ASCII)).toList());
        }
    }

    @Test
    void theRecordingHostMatchesOverThePty() throws Exception {
        try (Replay replay = Replay.open(SESSION).mode(ReplayMode.STRICT).pty(null)) {
            FramesConfigHost.Reads reads = runHost(Transports.open(replay.slavePath()), FramesConfigHost.WRITES);
            assertRecorded(reads);
            assertTrue(replay.awaitFinished(Duration.ofSeconds(5)));
            replay.close();
            assertEquals(0, replay.summary().divergenceCount(), replay.summary().lines().toString());
        }
    }

    @Test
    void retriesAfterInjectedFaultsAreNoDivergence() throws Exception {
        try (Replay replay = Replay.open(SESSION).mode(ReplayMode.STRICT).faults("drop@read:3,nak=timeout@size:4")
                .inProcess()) {
            FramesConfigHost.Reads reads = runHost(replay.hostLink(), FramesConfigHost.WRITES);
            assertRecorded(reads);
            replay.close();
            ReplaySummary s = replay.summary();
            assertEquals(2, s.faultCount(), s.faults().toString());
            assertEquals(0, s.divergenceCount(), s.lines().toString());
            assertEquals(0, s.neverMadeCount(), s.lines().toString());
        }
    }

    @Test
    void aWriteTheRecordedCamRefusedIsRefusedAgain(@TempDir Path dir) throws Exception {
        Path session = dir.resolve("refused.mcap");
        String sim = "sim:quiet";
        try (HostRecording rec = new HostRecording(session, sim, "simulated")) {
            Camera cam = rec.attach(new Camera(Transports.open(sim), CameraOptions.defaults()));
            cam.connect();
            awaitConfig(cam);
            rec.device(cam);
            NakException refused = assertThrows(NakException.class, () -> cam.write("config", 70_000, new byte[] {'x'}));
            assertEquals(Status.FAILED, refused.status());
            cam.write("config", "{\"quality\": 33}".getBytes(StandardCharsets.US_ASCII));
            rec.device(cam);
            cam.close();
        }
        try (Replay replay = Replay.open(session).mode(ReplayMode.STRICT).inProcess()) {
            Camera cam = new Camera(replay.hostLink(), CameraOptions.defaults());
            cam.connect();
            awaitConfig(cam);
            NakException refused = assertThrows(NakException.class, () -> cam.write("config", 70_000, new byte[] {'x'}));
            assertEquals(Status.FAILED, refused.status(), "refused as recorded");
            cam.write("config", "{\"quality\": 33}".getBytes(StandardCharsets.US_ASCII));
            cam.close();
            replay.close();
            assertEquals(0, replay.summary().divergenceCount(), replay.summary().lines().toString());
        }
    }

    @Test
    void aChangedWriteIsCaughtAndNamed() throws Exception {
        String[] changed = FramesConfigHost.WRITES.clone();
        changed[4] = "{\"quality\": 76}";
        try (Replay replay = Replay.open(SESSION).mode(ReplayMode.STRICT).inProcess()) {
            assertThrows(CameraException.class, () -> runHost(replay.hostLink(), changed),
                    "the divergent write is NAKed");
            List<Divergence> d = replay.divergences();
            assertEquals(1, d.size(), d.toString());
            Divergence first = d.get(0);
            assertEquals(Divergence.Kind.MISMATCHED, first.kind());
            assertEquals(Opcode.CHANNEL_WRITE.code(), first.got().opcode());
            assertEquals(List.of("data"), first.fields());
            assertTrue(first.describe().contains("\"{\\\"quality\\\": 76}\"") || first.describe().contains("76"),
                    first.describe());
            assertTrue(first.expected().describe().contains("75"), first.expected().describe());
            replay.close();
            assertTrue(replay.summary().neverMadeCount() > 0, "the rest of the recording was never asked for");
        }
    }

    @Test
    void anExtraRequestIsMissingFromTheRecording() throws Exception {
        try (Replay replay = Replay.open(SESSION).mode(ReplayMode.STRICT).inProcess()) {
            Camera cam = new Camera(replay.hostLink(), CameraOptions.defaults());
            cam.connect();
            // the recording's host never read stdout: its SIZE request is not in the recording
            assertThrows(CameraException.class, () -> cam.read("stdout"));
            cam.close();
            Divergence first = replay.divergences().get(0);
            assertEquals(Divergence.Kind.MISSING, first.kind(), first.describe());
            assertEquals(Opcode.CHANNEL_SIZE.code(), first.got().opcode());
            assertEquals(2, first.got().channel());
            assertTrue(first.describe().startsWith("request #") && first.describe().contains("missing from the recording")
                    && first.describe().contains("expected #"), first.describe());
        }
    }

    @Test
    void endPolicyHangsUpOnTheHost() throws Exception {
        String[] changed = FramesConfigHost.WRITES.clone();
        changed[2] = "{\"quality\": 41}";
        try (Replay replay = Replay.open(SESSION).mode(ReplayMode.STRICT).onDivergence(DivergencePolicy.END)
                .inProcess()) {
            assertThrows(CameraException.class, () -> runHost(replay.hostLink(), changed));
            long end = System.nanoTime() + 2_000_000_000L;
            while (replay.isRunning() && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertTrue(!replay.isRunning(), "strict mode ended the session");
            assertTrue(replay.endedByDivergence());
        }
    }

    private static void awaitConfig(Camera cam) throws Exception {
        for (int i = 0; i < 200 && cam.channels().stream().noneMatch(c -> c.name().equals("config")); i++) {
            cam.pumpEvents(java.time.Duration.ofMillis(10));
        }
    }

    static FramesConfigHost.Reads runHost(ByteLink link, String[] writes) throws Exception {
        Camera cam = new Camera(link, CameraOptions.defaults());
        try {
            cam.connect();
            return FramesConfigHost.run(cam, writes);
        } finally {
            cam.close();
        }
    }

    static void assertRecorded(FramesConfigHost.Reads reads) throws Exception {
        try (RecordedPayloads p = RecordedPayloads.open(List.of(SESSION))) {
            for (byte[] got : reads.frames()) {
                assertArrayEquals(p.next("frame"), got);
            }
            for (byte[] got : reads.config()) {
                assertArrayEquals(p.next("config"), got);
            }
            for (byte[] image : reads.stream()) {
                byte[] read = p.next("stream");
                assertArrayEquals(java.util.Arrays.copyOfRange(read, 32, read.length), image);
            }
        }
    }
}
