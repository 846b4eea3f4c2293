package io.omvcap.tap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.OmvcapVersion;
import io.omvcap.archive.ArchivedMessage;
import io.omvcap.archive.ChannelData;
import io.omvcap.archive.ChannelTopic;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.FrameRecord;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.archive.PacketRecord;
import io.omvcap.archive.SessionClock;
import io.omvcap.archive.SessionFacts;
import io.omvcap.archive.SessionReader;
import io.omvcap.archive.SessionTotals;
import io.omvcap.archive.Topics;
import io.omvcap.record.ArchiveChecks;
import io.omvcap.record.RecorderStats;
import io.omvcap.record.SegmentedArchive;
import io.omvcap.record.StorageOptions;
import io.omvcap.testing.Transcript;
import io.omvcap.wire.Direction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tap's archive side fed the golden transcripts: byte-exact sessions of the official Python
 * SDK with the official firmware protocol core, chunk by chunk as a tap between them saw them. The
 * decoded conversation is what the SDK did (see {@code ../shared/vectors/README.md}).
 */
class TranscriptTapTest {
    @TempDir
    Path dir;

    /** Archives a transcript the way the tap does and returns the file. */
    Path tap(String name) {
        Path out = dir.resolve(name + ".mcap");
        SegmentedArchive archive = new SegmentedArchive(StorageOptions.defaults(out), new RecorderStats(), l -> { });
        try {
            archive.prepare();
            archive.start(new SessionFacts(OmvcapVersion.get(), "tap", name, 0, SessionClock.startNow(), 0, "", null));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        WireFollower follower = new WireFollower(archive, new ArchiveOutput(archive));
        follower.tracker().hostOpened();
        long last = 0;
        for (Transcript.Chunk c : Transcript.load(name).chunks()) {
            follower.chunk(c.dir(), c.tNs(), c.bytes(), 0, c.bytes().length);
            last = c.tNs();
        }
        follower.tracker().hostClosed(last);
        follower.runProduced();
        archive.finish(LifecycleEvent.of(LifecycleKind.STOP, "end of transcript"));
        return out;
    }

    static List<ChannelData> reads(Path f, String channel) throws Exception {
        return ArchiveChecks.messages(f, Topics.channel(channel, ChannelTopic.READ)).stream()
                .map(m -> ChannelData.fromMap(m.decodeMap())).toList();
    }

    static List<ChannelData> writes(Path f, String channel) throws Exception {
        return ArchiveChecks.messages(f, Topics.channel(channel, ChannelTopic.WRITE)).stream()
                .map(m -> ChannelData.fromMap(m.decodeMap())).toList();
    }

    static SessionTotals totals(Path f) throws Exception {
        try (SessionReader r = SessionReader.open(f)) {
            return r.storedTotals().orElseThrow();
        }
    }

    static List<String> errors(Path f) throws Exception {
        return ArchiveChecks.lifecycle(f).stream().filter(e -> e.kind() == LifecycleKind.ERROR)
                .map(LifecycleEvent::detail).toList();
    }

    @Test
    void everyPacketOfEveryTranscriptIsDerivedAsTheTraceDecodedIt() throws Exception {
        for (String name : Transcript.NAMES) {
            Path f = tap(name);
            for (Direction d : Direction.values()) {
                List<String> expected = Transcript.load(name).packets(d).stream().filter(Transcript.TracePacket::valid)
                        .map(p -> p.seq() + "/" + p.chan() + "/" + p.flags() + "/" + p.opcode() + "/" + p.length())
                        .toList();
                List<String> derived = ArchiveChecks.messages(f, Topics.PACKETS).stream()
                        .map(m -> PacketRecord.fromMap(m.decodeMap())).filter(p -> p.dir() == d && p.valid())
                        .map(p -> p.seq() + "/" + p.channel() + "/" + p.flags() + "/" + p.opcode() + "/" + p.length())
                        .toList();
                assertEquals(expected, derived, name + " " + d);
            }
        }
    }

    @Test
    void connectGivesTheDeviceFactsFromTheHostsOwnExchanges() throws Exception {
        Path f = tap("a-connect");
        try (SessionReader r = SessionReader.open(f)) {
            DeviceFacts d = r.device().orElseThrow();
            assertEquals(List.of("usb", "stdin", "stdout", "stream"), d.channels().stream().map(c -> c.name()).toList());
            assertEquals(4082, d.caps().maxPayload(), "min(SDK 4096, cam 4082)");
            assertTrue(d.version() != null && d.sysInfo() != null);
        }
        assertEquals(List.of(), errors(f));
    }

    @Test
    void aScriptUploadInTwoChunksIsOneWrite() throws Exception {
        Path f = tap("b-exec");
        List<ChannelData> w = writes(f, "stdin");
        assertEquals(1, w.size(), "4074 + 2242 data bytes joined");
        assertEquals(6316, w.get(0).data().length);
        assertEquals(0, w.get(0).offset());
        List<ChannelData> ticks = reads(f, "ticks");
        assertEquals(5, ticks.size());
        ticks.forEach(t -> assertTrue(new String(t.data(), StandardCharsets.US_ASCII).matches("\\d{10}")));
        assertTrue(TapTest.payloads(f, Topics.EVENTS).contains(
                "{\"channel_id\":1,\"channel\":\"stdin\",\"kind\":\"channel\",\"code\":1,\"name\":\"0x0001\"}"),
                "the script-started event");
        assertEquals(List.of(), errors(f));
    }

    @Test
    void echoFramesTelemetryAndStdoutAreReadAsTheSdkReadThem() throws Exception {
        Path echo = tap("c-echo");
        assertEquals("hello", new String(writes(echo, "echo").get(0).data(), StandardCharsets.US_ASCII));
        assertEquals("echo: hello", new String(reads(echo, "echo").get(0).data(), StandardCharsets.US_ASCII));

        Path frames = tap("d-frame");
        List<ChannelData> latched = reads(frames, "frame");
        assertEquals(3, latched.size(), "three 12000-byte reads, each joined from 3 fragments");
        for (ChannelData c : latched) {
            assertEquals(12000, c.data().length);
            int counter = (c.data()[0] & 0xFF) | (c.data()[1] & 0xFF) << 8;
            for (int i = 4; i < 12000; i++) {
                assertEquals((byte) (7 * i + 3 * (i >> 8) + 13 * counter), c.data()[i], "byte " + i);
            }
        }
        List<ArchivedMessage> preview = ArchiveChecks.messages(frames, Topics.channel("stream", ChannelTopic.FRAME));
        assertEquals(2, preview.size());
        FrameRecord first = FrameRecord.fromMap(preview.get(0).decodeMap());
        assertEquals(64, first.width());
        assertEquals("jpeg", first.format());

        Path telemetry = tap("e-telemetry");
        List<ArchivedMessage> t = ArchiveChecks.messages(telemetry, Topics.channel("telemetry", ChannelTopic.TELEMETRY));
        assertEquals(3, t.size());
        t.forEach(m -> assertEquals(69, m.data().length));
        assertEquals(List.of("{\"quality\": 90}", "{\"quality\": 50}"), reads(telemetry, "config").stream()
                .map(c -> new String(c.data(), StandardCharsets.US_ASCII)).toList());
        assertEquals("{\"quality\": 50}", new String(writes(telemetry, "config").get(0).data(), StandardCharsets.US_ASCII));

        Path stdout = tap("f-stdout");
        List<ArchivedMessage> text = ArchiveChecks.messages(stdout, Topics.STDOUT);
        assertEquals(4, text.size());
        assertTrue(new String(text.get(0).data(), StandardCharsets.UTF_8).contains("hello from cam"));
        for (String name : List.of("c-echo", "d-frame", "e-telemetry", "f-stdout")) {
            assertEquals(List.of(), errors(dir.resolve(name + ".mcap")), name);
        }
    }

    @Test
    void negotiatedCapsShapeChunksAndFragments() throws Exception {
        Path f = tap("g-caps");
        List<ChannelData> w = writes(f, "echo");
        assertEquals(1, w.size(), "504 + 496 data bytes, max payload 512 − 8 per chunk, joined");
        assertEquals(1000, w.get(0).data().length);
        assertEquals(1006, reads(f, "echo").get(0).data().length);
        assertEquals(12000, reads(f, "frame").get(0).data().length, "23 × 512 + 224 fragments");
        try (SessionReader r = SessionReader.open(f)) {
            assertEquals(512, r.device().orElseThrow().caps().maxPayload());
        }
        assertEquals(List.of(), errors(f));
    }

    @Test
    void noiseBadCrcsAndTheNakTheyCauseAreKeptAndCounted() throws Exception {
        Path f = tap("h-noise");
        SessionTotals t = totals(f);
        assertEquals("{BAD_HEADER_CRC=2, BAD_PAYLOAD_CRC=1}", t.invalidByReason().toString(),
                "the aa d5 inside the garbage, the corrupted header, the corrupted payload");
        assertTrue(t.noiseBytes(Direction.HOST_TO_CAM) >= 20, "the host's garbage bytes");
        assertEquals(1, t.resyncs(), "the SDK's resync after NAK(CHECKSUM)");
        assertEquals(List.of("unpaired: NAK CHECKSUM for CHANNEL_READ ch 4 seq 11 with no request outstanding"),
                errors(f), "the cam answered a request the tap saw as damaged");
        assertTrue(reads(f, "ticks").size() >= 4);
    }

    @Test
    void retransmittedFragmentsAreNotReadTwice() throws Exception {
        Path f = tap("j-rtx");
        List<ChannelData> frame = reads(f, "frame");
        assertEquals(1, frame.size());
        assertEquals(12000, frame.get(0).data().length);
        assertEquals(2, totals(f).retransmits());
        assertEquals(List.of(), errors(f));
    }

    @Test
    void aRestartThatHangsTheSdkIsRecordedAsIs() throws Exception {
        for (String name : List.of("i-restart", "k-restart-nostdout")) {
            Path f = tap(name);
            assertTrue(ArchiveChecks.lifecycle(f).stream().anyMatch(e -> e.kind() == LifecycleKind.SOFT_REBOOT), name);
            assertArrayEquals(Transcript.load(name).stream(Direction.HOST_TO_CAM),
                    ArchiveChecks.concat(ArchiveChecks.messages(f, Topics.WIRE_H2C)), name);
        }
    }
}
