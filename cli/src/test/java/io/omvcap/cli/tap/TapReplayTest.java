package io.omvcap.cli.tap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.SessionReader;
import io.omvcap.archive.Topics;
import io.omvcap.cli.CliRun;
import io.omvcap.cli.ExitCode;
import io.omvcap.cli.samples.FramesConfigHost;
import io.omvcap.host.CameraException;
import io.omvcap.link.ByteLink;
import io.omvcap.mcap.MessageFilter;
import io.omvcap.record.RecordingResult;
import io.omvcap.replay.Divergence;
import io.omvcap.replay.Replay;
import io.omvcap.replay.ReplayMode;
import io.omvcap.replay.ReplaySummary;
import io.omvcap.serve.ServeTarget;
import io.omvcap.serve.SimCamServer;
import io.omvcap.serve.StatusListener;
import io.omvcap.sim.SimConfig;
import io.omvcap.tap.Tap;
import io.omvcap.tap.TapOptions;
import io.omvcap.transport.Transports;
import io.omvcap.wire.Opcode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Java host program ({@link TappedHost}) talks to a simulated cam on a pseudo-terminal through
 * {@code omvcap tap} on another pseudo-terminal, over two connections; then the tapped archive is
 * replayed in strict mode to the same program: no divergence, byte-identical payloads, and
 * {@code omvcap diff} of the tapped archive against a recording of the replay finds them the
 * same. A program that changed one write is caught.
 */
@Timeout(90)
class TapReplayTest {
    @TempDir
    static Path dir;
    static Path tapped;
    static List<byte[]> direct;

    @BeforeAll
    static void tapTheHostProgram() throws Exception {
        Path camLink = dir.resolve("cam");
        Path hostLink = dir.resolve("tapped");
        tapped = dir.resolve("tapped.mcap");
        List<String> log = new CopyOnWriteArrayList<>();
        try (SimCamServer sim = SimCamServer.start(SimConfig.builder().build(), new ServeTarget.Pty(camLink),
                StatusListener.NONE, 0)) {
            Tap tap = new Tap(TapOptions.defaults(camLink.toString(), new ServeTarget.Pty(hostLink), tapped), log::add);
            AtomicReference<RecordingResult> result = new AtomicReference<>();
            AtomicReference<Exception> failure = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    result.set(tap.run());
                } catch (Exception e) {
                    failure.set(e);
                }
            }, "tap");
            t.start();
            assertTrue(tap.awaitEndpoint(Duration.ofSeconds(20)) != null, "the tap offers the link: " + log);
            try {
                direct = TappedHost.run(() -> Transports.open(hostLink.toString()), FramesConfigHost.WRITES);
            } finally {
                tap.stop();
                t.join(20_000);
            }
            assertEquals(null, failure.get());
            assertEquals(null, result.get().error(), log.toString());
        }
        try (SessionReader r = SessionReader.open(tapped)) {
            assertEquals("tap", r.session().orElseThrow().mode());
        }
        assertEquals(List.of("connect", "disconnect host", "connect", "disconnect host"), hostLinks(tapped),
                "the tap saw the program open and close the link twice");
    }

    @Test
    void theTappedSessionReplaysStrictlyToTheSameProgramOverAPty() throws Exception {
        Path link = dir.resolve("replayed-cam");
        Path replayed = dir.resolve("replayed.mcap");
        List<byte[]> got;
        ReplaySummary s;
        try (Replay replay = Replay.open(tapped).mode(ReplayMode.STRICT).recordHost(replayed).pty(link)) {
            try {
                got = TappedHost.run(() -> Transports.open(link.toString()), FramesConfigHost.WRITES);
            } catch (CameraException e) {
                throw new AssertionError(e + "; replay: " + replay.summary().lines(), e);
            }
            assertTrue(replay.awaitFinished(Duration.ofSeconds(5)), replay.summary().lines().toString());
            replay.close();
            s = replay.summary();
        }
        assertEquals(0, s.divergenceCount(), s.lines().toString());
        assertEquals(0, s.neverMadeCount(), s.lines().toString());
        assertTrue(s.matchedRequests() > 40, s.lines().toString());
        assertEquals(2, s.connections(), "the program's two connections, each seen: " + s.lines());
        assertEquals(0, s.hangUps(), "the program closed the link itself; the cam never hung up: " + s.lines());
        assertEquals(direct.size(), got.size(), TappedHost.describe(got));
        for (int i = 0; i < direct.size(); i++) {
            assertArrayEquals(direct.get(i), got.get(i), "payload " + i + " of " + TappedHost.describe(direct));
        }
        assertEquals(List.of("connect", "disconnect host", "connect", "disconnect host"), hostLinks(replayed),
                "the recording of the replay says the host closed the link, twice");
        CliRun diff = CliRun.of("diff", tapped.toString(), replayed.toString());
        assertEquals(ExitCode.OK, diff.code(), diff.out() + diff.err());
        assertEquals("same", diff.out().strip().lines().reduce((a, b) -> b).orElse(""), diff.out());
    }

    /** The connects and disconnects on {@code /session}, with the side a disconnect names. */
    private static List<String> hostLinks(Path archive) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (SessionReader r = SessionReader.open(archive);
                var c = r.cursor(MessageFilter.ALL.withTopics(Set.of(Topics.SESSION)))) {
            while (c.next() != null) {
                LifecycleEvent e = LifecycleEvent.fromMap(c.message().decodeMap());
                if (e.kind() == LifecycleKind.CONNECT) {
                    out.add("connect");
                } else if (e.kind() == LifecycleKind.DISCONNECT) {
                    out.add("disconnect " + e.extra().get(LifecycleEvent.SIDE));
                }
            }
        }
        return out;
    }

    /** The in-process host ends of a replay, a new one for each connection (the last one closed). */
    private static TappedHost.Links newLinks(Replay replay) {
        ByteLink[] last = new ByteLink[1];
        return () -> {
            long deadline = System.nanoTime() + 5_000_000_000L;
            ByteLink l;
            while ((l = replay.hostLink()) == last[0] && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            last[0] = l;
            return l;
        };
    }

    @Test
    void aProgramThatChangedOneWriteIsCaught() throws Exception {
        String[] changed = FramesConfigHost.WRITES.clone();
        changed[4] = "{\"quality\": 76}";
        try (Replay replay = Replay.open(tapped).mode(ReplayMode.STRICT).inProcess()) {
            assertThrows(CameraException.class, () -> TappedHost.run(newLinks(replay), changed),
                    "the divergent write is NAKed");
            replay.close();
            List<Divergence> d = replay.divergences();
            assertEquals(1, d.size(), d.toString());
            assertEquals(Divergence.Kind.MISMATCHED, d.get(0).kind());
            assertEquals(Opcode.CHANNEL_WRITE.code(), d.get(0).got().opcode());
            assertEquals(List.of("data"), d.get(0).fields());
            assertTrue(d.get(0).expected().describe().contains("75"), d.get(0).expected().describe());
        }
    }
}
