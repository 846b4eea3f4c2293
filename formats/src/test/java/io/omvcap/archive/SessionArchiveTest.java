package io.omvcap.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.mcap.Compression;
import io.omvcap.mcap.McapRecovery;
import io.omvcap.mcap.MessageFilter;
import io.omvcap.telemetry.TelemetryCodec;
import io.omvcap.testing.SampleArchives;
import io.omvcap.testing.Transcript;
import io.omvcap.wire.Direction;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes transcripts through the session layer and reads them back through both read paths. */
class SessionArchiveTest {
    @TempDir
    Path dir;

    @Test
    void wireBytesRebuildExactlyAndTotalsAgreeWithAScan() throws Exception {
        for (Compression c : Compression.values()) {
            Path f = SampleArchives.write(dir.resolve("e-" + c + ".mcap"), "e-telemetry", c);
            Transcript t = Transcript.load("e-telemetry");
            try (SessionReader r = SessionReader.open(f)) {
                assertTrue(r.indexed());
                assertTrue(r.isSession());
                for (Direction d : Direction.values()) {
                    ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
                    MessageSource s = r.messages(MessageFilter.ALL.withTopics(Set.of(Topics.wire(d))));
                    for (ArchivedMessage m; (m = s.next()) != null; ) {
                        rebuilt.writeBytes(m.data());
                    }
                    assertArrayEquals(t.stream(d), rebuilt.toByteArray(), "byte-exact " + d + " " + c);
                }
                SessionTotals stored = r.storedTotals().orElseThrow();
                SessionReader.ScanResult scan = r.scan(null);
                assertEquals(null, scan.damage());
                assertEquals(stored.topics(), scan.totals().topics());
                assertEquals(stored.packetsByChannel(), scan.totals().packetsByChannel());
                assertEquals(0, stored.noiseBytes(Direction.CAM_TO_HOST));
                assertEquals(t.packets(Direction.CAM_TO_HOST).size() + t.packets(Direction.HOST_TO_CAM).size(),
                        stored.topics().get(Topics.PACKETS).messages());
                SessionFacts facts = r.session().orElseThrow();
                assertEquals("lab", facts.labels().get("site"));
                assertEquals(921600, facts.baud());
                DeviceFacts device = r.device().orElseThrow();
                assertEquals("5.0.0", device.version().firmware().toString());
                assertEquals("telemetry", device.channel(7).name());
                assertEquals(1, r.attachments().size());
            }
        }
    }

    @Test
    void telemetryIsStoredAsTheCamsCborAndStdoutAsText() throws Exception {
        Path f = SampleArchives.write(dir.resolve("e.mcap"), "e-telemetry", Compression.ZSTD);
        try (SessionReader r = SessionReader.open(f)) {
            String topic = Topics.channel("telemetry", ChannelTopic.TELEMETRY);
            MessageSource s = r.messages(MessageFilter.ALL.withTopics(Set.of(topic, Topics.STDOUT)));
            List<ArchivedMessage> got = new ArrayList<>();
            for (ArchivedMessage m; (m = s.next()) != null; ) {
                got.add(m);
            }
            assertEquals(4, got.size());
            ArchivedMessage tel = got.stream().filter(m -> m.topic().equals(topic)).findFirst().orElseThrow();
            assertEquals("cbor", tel.encoding());
            assertEquals("temp", TelemetryCodec.decode(tel.data()).get(0).name());
            ArchivedMessage out = got.stream().filter(m -> m.topic().equals(Topics.STDOUT)).findFirst().orElseThrow();
            assertEquals("hello from cam 1\n", out.decodeMap().get("text"));
        }
    }

    @Test
    void invalidPacketsAreKeptWithTheirReason() throws Exception {
        Path f = SampleArchives.write(dir.resolve("h.mcap"), "h-noise", Compression.LZ4);
        try (SessionReader r = SessionReader.open(f)) {
            SessionTotals totals = r.storedTotals().orElseThrow();
            assertEquals(Map.of("BAD_HEADER_CRC", 2L, "BAD_PAYLOAD_CRC", 1L), totals.invalidByReason());
            assertEquals(Map.of("CHECKSUM", 1L, "SEQUENCE", 1L), totals.naksByStatus());
            assertTrue(totals.noiseBytes(Direction.HOST_TO_CAM) > 0, "the injected garbage is noise");
            MessageSource s = r.messages(MessageFilter.ALL.withTopics(Set.of(Topics.PACKETS)));
            long invalid = 0;
            for (ArchivedMessage m; (m = s.next()) != null; ) {
                PacketRecord p = PacketRecord.fromMap(m.decodeMap());
                if (!p.valid()) {
                    invalid++;
                    assertTrue(p.raw().length >= 10);
                }
            }
            assertEquals(3, invalid);
        }
    }

    @Test
    void aCutOffFileIsScannedAndRecoveredFiles() throws Exception {
        Path f = SampleArchives.write(dir.resolve("d.mcap"), "d-frame", Compression.ZSTD, 4096); // several chunks
        byte[] all = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.mcap");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length * 2 / 3));
        try (SessionReader r = SessionReader.open(cut)) {
            assertFalse(r.indexed());
            assertNotNull(r.unindexedReason());
            assertTrue(r.isSession());
            SessionReader.ScanResult scan = r.scan(null);
            assertNotNull(scan.damage(), "the cut is reported");
            assertTrue(scan.messages() > 0, "what came before the cut is read");
            assertEquals("host", r.session().orElseThrow().mode());
        }
        Path fixed = dir.resolve("fixed.mcap");
        var report = McapRecovery.recover(cut, fixed);
        assertTrue(report.lostData());
        try (SessionReader r = SessionReader.open(fixed)) {
            assertTrue(r.indexed());
            assertTrue(r.statistics().orElseThrow().messageCount() > 0);
        }
    }
}
