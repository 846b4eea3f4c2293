package io.omvcap.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.archive.SessionReader;
import io.omvcap.payload.Event;
import io.omvcap.payload.SystemEvent;
import io.omvcap.testing.WireHost;
import io.omvcap.wire.Status;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replayed cam at the protocol level, with a host unlike the recording's. */
class ReplayProtocolTest {
    static final Path FRAMES = Path.of("..", "sample-sessions", "frames-config.mcap");
    static final Path TELEMETRY = Path.of("..", "sample-sessions", "telemetry.mcap");

    @TempDir
    Path dir;

    @Test
    void otherFragmentSizesAndPartialReadsGetTheSamePayloads() throws Exception {
        try (Replay replay = Replay.open(FRAMES).inProcess(); WireHost host = new WireHost(replay.hostLink(), 2_000);
                RecordedPayloads recorded = RecordedPayloads.open(List.of(FRAMES))) {
            assertEquals(64, host.connect(64).maxPayload(), "the cam accepts the host's small max payload");
            Map<String, Integer> ids = awaitChannels(host, "frame");
            int frame = ids.get("frame");
            for (int i = 0; i < 6; i++) {
                assertTrue(host.poll().isReady(frame), "frame " + i + " is announced ready");
                long size = host.size(frame);
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                for (long off = 0; off < size; off += 1000) {
                    got.writeBytes(host.read(frame, off, Math.min(1000, size - off)));
                }
                assertArrayEquals(recorded.next("frame"), got.toByteArray(), "frame " + i);
            }
            assertTrue(!host.poll().isReady(frame), "no frame after the last recorded one");
            List<Event> events = host.takeEvents();
            assertTrue(events.stream().filter(e -> e.channel() == frame && e.code() == 1).count() >= 6,
                    "the recorded 'frame ready' events came with the frames: " + events);
            assertEquals(5, events.stream().filter(e -> e.systemEvent() == SystemEvent.CHANNEL_REGISTERED).count(),
                    "the recorded registrations were replayed with their events");
        }
    }

    /** Independent of the replay's own reading: the stream reads as the recorded wire carried them. */
    @Test
    void streamFramesComeBackWithTheRecordedFrameHeaderByteForByte() throws Exception {
        List<byte[]> recorded = new java.util.ArrayList<>();
        try (SessionReader r = SessionReader.open(FRAMES);
                var c = r.cursor(io.omvcap.mcap.MessageFilter.ALL.withTopics(java.util.Set.of("/packets")))) {
            ByteArrayOutputStream read = null;
            while (c.next() != null) {
                var p = c.packet();
                if (p.dir() != io.omvcap.wire.Direction.CAM_TO_HOST || !p.valid() || p.channel() != 3
                        || p.opcode() != io.omvcap.wire.Opcode.CHANNEL_READ.code() || p.has(io.omvcap.wire.Flag.EVENT)
                        || p.has(io.omvcap.wire.Flag.RTX) || p.has(io.omvcap.wire.Flag.NAK)) {
                    continue;
                }
                read = read == null ? new ByteArrayOutputStream() : read;
                read.write(p.array(), p.payloadOffset(), p.payloadLength());
                if (!p.has(io.omvcap.wire.Flag.FRAGMENT)) {
                    recorded.add(read.toByteArray());
                    read = null;
                }
            }
        }
        assertEquals(6, recorded.size());
        try (Replay replay = Replay.open(FRAMES).inProcess(); WireHost host = new WireHost(replay.hostLink(), 2_000)) {
            host.connect(4096);
            host.ioctl(3, 0, new byte[] {1, 0, 0, 0});
            for (byte[] want : recorded) {
                host.lock(3);
                byte[] got = host.read(3, 0, host.size(3));
                host.unlock(3);
                assertArrayEquals(want, got);
            }
        }
    }

    @Test
    void aChannelTheRecordingNeverHadGetsNakInvalidAndIsReported() throws Exception {
        try (Replay replay = Replay.open(TELEMETRY).inProcess(); WireHost host = new WireHost(replay.hostLink(), 2_000)) {
            host.connect(4096);
            WireHost.NakException e = assertThrows(WireHost.NakException.class, () -> host.size(20));
            assertEquals(Status.INVALID.code(), e.status);
            assertThrows(WireHost.NakException.class, () -> host.read(21, 0, 10));
            replay.close();
            assertEquals(Map.of(20, 1L, 21, 1L), replay.summary().unknownChannels());
        }
    }

    @Test
    void writesAndIoctlsAreAcceptedAndKept() throws Exception {
        try (Replay replay = Replay.open(FRAMES).inProcess(); WireHost host = new WireHost(replay.hostLink(), 2_000)) {
            host.connect(64);
            int config = awaitChannels(host, "config").get("config");
            byte[] text = "{\"quality\": 12, \"note\": \"a write longer than one 56-byte chunk\"}".getBytes();
            host.write(config, text);
            host.ioctl(config, 7, new byte[] {1, 2});
            replay.close();
            assertArrayEquals(text, replay.writes("config").get(0), "chunks joined into one write");
            assertEquals(1, replay.summary().channels().get("config").ioctls());
        }
    }

    @Test
    void recordHostWritesAReadableReplaySession() throws Exception {
        Path out = dir.resolve("replayed.mcap");
        try (Replay replay = Replay.open(TELEMETRY).recordHost(out).inProcess();
                WireHost host = new WireHost(replay.hostLink(), 2_000)) {
            host.connect(4096);
            int telemetry = awaitChannels(host, "telemetry").get("telemetry");
            for (int i = 0; i < 3; i++) {
                host.read(telemetry, 0, host.size(telemetry));
            }
        }
        try (SessionReader r = SessionReader.open(out); RecordedPayloads got = RecordedPayloads.open(List.of(out));
                RecordedPayloads want = RecordedPayloads.open(List.of(TELEMETRY))) {
            assertEquals("replay", r.session().orElseThrow().mode());
            assertTrue(r.topics().contains("/packets") && r.topics().contains("/device"), r.topics().toString());
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(want.next("telemetry"), got.next("telemetry"));
            }
        }
        assertTrue(SessionDiff.compare(TELEMETRY, out).channels().stream()
                .anyMatch(c -> c.channel().equals("telemetry") && c.countB() == 3));
    }

    private static Map<String, Integer> awaitChannels(WireHost host, String name) throws Exception {
        for (int i = 0; i < 50; i++) {
            Map<String, Integer> ids = host.channels();
            if (ids.containsKey(name)) {
                return ids;
            }
            host.poll();
        }
        throw new AssertionError("channel " + name + " never registered");
    }

}
