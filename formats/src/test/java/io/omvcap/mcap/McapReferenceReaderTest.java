package io.omvcap.mcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.omvcap.testing.ReferenceReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written (and recovered) by this library read cleanly, CRCs validated, with the reference
 * TypeScript readers {@code @mcap/core} 2.2.2 / {@code @mcap/support} 1.1.0 run by
 * {@code .ci/mcap-check/check.mjs}. Installs the npm packages with {@code npm ci} if missing;
 * fails (never skips) when node or npm is unavailable.
 */
class McapReferenceReaderTest {
    private static final int COUNT = 1500;
    @TempDir
    Path dir;

    private static JsonNode check(Path file) throws Exception {
        return ReferenceReader.check(file);
    }

    private static void assertMatches(SampleSession s, int messages, JsonNode json) {
        assertEquals(messages, json.at("/stream/records/Message").asInt());
        assertEquals(messages, json.at("/indexed/messages").asInt());
        assertEquals(messages, json.at("/indexed/statistics/messageCount").asInt());
        for (String topic : List.of(SampleSession.FRAMES, SampleSession.TELEMETRY, SampleSession.EVENTS)) {
            long expected = s.messages.subList(0, messages).stream()
                    .filter(m -> s.topics.get(m.channelId()).equals(topic)).count();
            assertEquals(expected, json.at("/indexed/messagesByTopic").path(topic).asLong(), topic);
            assertEquals(expected, json.at("/stream/messagesByTopic").path(topic).asLong(), topic);
        }
        assertEquals(3, json.at("/indexed/channels").asInt());
        assertEquals(1, json.at("/indexed/schemas").asInt());
    }

    @Test
    void everyCompressionReadsCleanly() throws Exception {
        for (Compression c : Compression.values()) {
            Path file = dir.resolve(c + ".mcap");
            SampleSession s = new SampleSession();
            try (McapWriter w = McapWriter.builder().profile("openmv").library("omvcap test").compression(c)
                    .chunkSize(64 * 1024).open(file)) {
                s.write(w, COUNT, 0, 21);
            }
            JsonNode json = check(file);
            assertMatches(s, COUNT, json);
            assertEquals("openmv", json.at("/indexed/header/profile").asText());
            assertEquals("omvcap test", json.at("/indexed/header/library").asText());
            assertEquals(c.wireName(), json.at("/indexed/compressions/0").asText());
            assertEquals(1, json.at("/indexed/attachments").asInt());
            assertEquals(1, json.at("/indexed/metadata").asInt());
            assertTrue(json.at("/indexed/chunks").asInt() > 5, c + " chunks");
        }
    }

    @Test
    void bigLz4AndZstdChunksWithManyBlocks() throws Exception {
        for (Compression c : List.of(Compression.LZ4, Compression.ZSTD)) {
            Path file = dir.resolve("big-" + c + ".mcap");
            try (McapWriter w = McapWriter.builder().compression(c).chunkSize(10 << 20).open(file)) {
                int ch = w.registerChannel("/frames", "raw", 0, Map.of());
                byte[] frame = new byte[200_000];
                for (int i = 0; i < 60; i++) {
                    Arrays.fill(frame, (byte) i);
                    frame[i * 7] = 1;
                    w.writeMessage(ch, i, frame);
                }
            }
            JsonNode json = check(file);
            assertEquals(60, json.at("/indexed/messages").asInt());
            assertEquals(2, json.at("/indexed/chunks").asInt(), "10 MiB chunks: > 4 MiB LZ4 blocks per frame");
        }
    }

    @Test
    void recoveredFileReadsCleanly() throws Exception {
        Path original = dir.resolve("killed.mcap");
        SampleSession s = new SampleSession();
        try (McapWriter w = McapWriter.builder().chunkMaxAge(null).open(original)) {
            s.write(w, COUNT, 100, 22);
        }
        byte[] bytes = Files.readAllBytes(original);
        long cut = (s.flushEnds.get(9) + s.flushEnds.get(10)) / 2;
        Path truncated = dir.resolve("truncated.mcap");
        Files.write(truncated, Arrays.copyOf(bytes, (int) cut));
        Path recovered = dir.resolve("recovered.mcap");
        RecoveryReport report = McapRecovery.recover(truncated, recovered);
        assertEquals(1000, report.messagesKept(), report.summary());
        assertTrue(report.lostData());
        assertMatches(s, 1000, check(recovered));
    }
}
