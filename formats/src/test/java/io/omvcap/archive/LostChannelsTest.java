package io.omvcap.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omvcap.mcap.Channel;
import io.omvcap.mcap.Compression;
import io.omvcap.mcap.McapReadOptions;
import io.omvcap.mcap.McapRecord;
import io.omvcap.mcap.McapRecovery;
import io.omvcap.mcap.McapStreamReader;
import io.omvcap.mcap.RecoveryReport;
import io.omvcap.testing.SampleArchives;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Channels lost with a corrupt first chunk, rebuilt from the archive layout: right topic or none. */
class LostChannelsTest {
    @TempDir
    Path dir;

    @Test
    void aCutOffArchiveWithACorruptFirstChunkKeepsEveryLaterMessageOnTheRightTopicOrAPlaceholder() throws Exception {
        for (String scenario : new String[] {"d-frame", "h-noise", "e-telemetry"}) {
            Path original = SampleArchives.write(dir.resolve(scenario + ".mcap"), scenario, Compression.NONE, 512);
            Map<Integer, Channel> truth;
            try (SessionReader r = SessionReader.open(original)) {
                truth = Map.copyOf(r.channels());
            }
            byte[] file = Files.readAllBytes(original);
            long[] firstChunkAndDataEnd = offsets(file);
            file[(int) firstChunkAndDataEnd[0] + 100] ^= 0x01; // its records no longer match their CRC
            Path part = dir.resolve(scenario + ".mcap.part");
            Files.write(part, Arrays.copyOf(file, (int) firstChunkAndDataEnd[1])); // no summary to help

            Path out = dir.resolve(scenario + "-recovered.mcap");
            RecoveryReport report = McapRecovery.recover(part, out, new LostChannels());
            assertEquals(1, report.chunksDropped(), scenario + ": " + report.summary());
            assertEquals(0, report.messagesDropped(), scenario + ": every later message is kept: " + report.problems());
            assertTrue(report.rebuilt().size() >= 1, scenario + ": " + report.rebuilt());
            int exact = 0;
            try (SessionReader r = SessionReader.open(out)) {
                assertTrue(r.indexed(), r.unindexedReason());
                for (Channel c : r.channels().values()) {
                    if (!c.metadata().containsKey(LostChannels.REBUILT_KEY)) {
                        assertEquals(truth.get(c.id()), c, "a surviving channel is copied as it was");
                        continue;
                    }
                    String real = truth.get(c.id()).topic();
                    if (c.topic().equals(real)) {
                        exact++;
                        assertEquals(truth.get(c.id()).messageEncoding(), c.messageEncoding(), real);
                    } else {
                        assertEquals(LostChannels.RECOVERED_PREFIX + c.id(), c.topic(), "never a wrong topic for " + real);
                        assertTrue(ambiguous(real), real + " should have been told from its fields");
                    }
                }
                assertEquals(report.messagesKept(), r.scan(null).messages());
            }
            assertTrue(exact >= 1, scenario + ": some topics are told from their fields: " + report.rebuilt());
        }
    }

    /** Topics whose messages do not say which topic they are on. */
    private static boolean ambiguous(String topic) {
        ChannelTopic kind = Topics.kindOf(topic);
        return Set.of(Topics.WIRE_H2C, Topics.WIRE_C2H).contains(topic)
                || kind == ChannelTopic.READ || kind == ChannelTopic.WRITE || kind == ChannelTopic.TELEMETRY;
    }

    private static long[] offsets(byte[] file) throws Exception {
        long chunk = -1;
        try (McapStreamReader r = new McapStreamReader(new ByteArrayInputStream(file), file.length,
                McapReadOptions.DEFAULT.withExpandChunks(false))) {
            for (McapRecord rec; (rec = r.next()) != null; ) {
                if (rec.opcode() == 0x06 && chunk < 0) {
                    chunk = r.recordOffset();
                }
                if (rec.opcode() == 0x0F) {
                    return new long[] {chunk, r.recordOffset()};
                }
            }
        }
        throw new AssertionError("no DataEnd");
    }
}
