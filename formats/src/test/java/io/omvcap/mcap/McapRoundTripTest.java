package io.omvcap.mcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Writes sessions with every compression and reads them back with both readers. */
class McapRoundTripTest {
    private static final int COUNT = 3000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Compression.class)
    void streamReaderReturnsEverythingWrittenInFileOrder(Compression compression) throws IOException {
        Path file = dir.resolve("s.mcap");
        SampleSession s = new SampleSession();
        try (McapWriter w = McapWriter.builder().profile("openmv").library("omvcap test").compression(compression)
                .chunkSize(64 * 1024).open(file)) {
            s.write(w, COUNT, 0, 1);
        }
        List<McapRecord> records = new ArrayList<>();
        try (McapStreamReader r = McapStreamReader.open(file)) {
            for (McapRecord rec; (rec = r.next()) != null; ) {
                records.add(rec);
            }
            assertTrue(r.done());
        }
        assertEquals(new Header("openmv", "omvcap test"), records.get(0));
        assertEquals(s.messages, McapTestIo.messages(records));
        assertTrue(records.contains(s.metadata));
        Attachment read = (Attachment) records.stream().filter(Attachment.class::isInstance).findFirst().orElseThrow();
        assertEquals(s.attachment.name(), read.name());
        assertEquals(new String(s.attachment.data()), new String(read.data()));
        assertTrue(read.crc() != 0, "attachment CRC written");
        assertTrue(records.get(records.size() - 1) instanceof Footer);
        long chunkIndexes = records.stream().filter(ChunkIndex.class::isInstance).count();
        assertTrue(chunkIndexes > 10, "several chunks: " + chunkIndexes);
        records.stream().filter(ChunkIndex.class::isInstance).map(ChunkIndex.class::cast)
                .forEach(ci -> assertEquals(compression.wireName(), ci.compression()));
    }

    @Test
    void aPendingInterruptDoesNotCloseTheFileAndIsKept() throws IOException {
        Path file = dir.resolve("interrupted.mcap");
        SampleSession s = new SampleSession();
        boolean flagAfter;
        try (McapWriter w = McapWriter.builder().profile("openmv").library("omvcap test").compression(Compression.NONE)
                .chunkSize(16 * 1024).open(file)) {
            Thread.currentThread().interrupt();
            s.write(w, COUNT, 0, 1);
            w.sync();
        } finally {
            flagAfter = Thread.interrupted();
        }
        assertTrue(flagAfter, "the interrupt is left for the caller");
        try (McapIndexedReader r = McapIndexedReader.open(file)) {
            assertEquals(s.messages.size(), r.statistics().orElseThrow().messageCount());
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void indexedReaderAnswersQueriesExactly(Compression compression) throws IOException {
        Path file = dir.resolve("i.mcap");
        SampleSession s = new SampleSession();
        try (McapWriter w = McapWriter.builder().compression(compression).chunkSize(32 * 1024).open(file)) {
            s.write(w, COUNT, 0, 2);
        }
        try (McapIndexedReader r = McapIndexedReader.open(file)) {
            Statistics st = r.statistics().orElseThrow();
            assertEquals(COUNT, st.messageCount());
            assertEquals(1, st.schemaCount());
            assertEquals(3, st.channelCount());
            assertEquals(1, st.attachmentCount());
            assertEquals(1, st.metadataCount());
            assertEquals(r.chunkIndexes().size(), st.chunkCount());
            assertEquals(s.byLogTime().get(0).logTime(), st.messageStartTime());
            assertEquals(s.byLogTime().get(COUNT - 1).logTime(), st.messageEndTime());
            for (Map.Entry<Integer, String> e : s.topics.entrySet()) {
                long expected = s.messages.stream().filter(m -> m.channelId() == e.getKey()).count();
                assertEquals(expected, st.channelMessageCounts().get(e.getKey()), e.getValue());
                assertEquals(e.getValue(), r.channels().get(e.getKey()).topic());
            }
            assertEquals("openmv.Frame", r.schemas().values().iterator().next().name());

            assertEquals(s.byLogTime(), r.readMessages(MessageFilter.ALL).toList());
            long t0 = s.messages.get(700).logTime();
            long t1 = s.messages.get(1900).logTime();
            assertEquals(s.query(t0, t1, null), r.readMessages(MessageFilter.timeRange(t0, t1)).toList());
            Set<String> telemetry = Set.of(SampleSession.TELEMETRY);
            List<Message> tele = r.readMessages(MessageFilter.timeRange(t0, t1).withTopics(telemetry)).toList();
            assertEquals(s.query(t0, t1, telemetry), tele);
            assertFalse(tele.isEmpty());
            Set<String> two = Set.of(SampleSession.FRAMES, SampleSession.EVENTS);
            assertEquals(s.query(0, -1L, two), r.readMessages(MessageFilter.ALL.withTopics(two)).toList());
            assertEquals(List.of(), r.readMessages(MessageFilter.ALL.withTopics(Set.of("/nope"))).toList());
            assertEquals(List.of(), r.readMessages(MessageFilter.timeRange(1, 2)).toList());

            assertEquals(s.metadata, r.readMetadata(r.metadataIndexes().get(0)));
            Attachment a = r.readAttachment(r.attachmentIndexes().get(0));
            assertEquals(s.attachment.name(), a.name());
            assertEquals(s.attachment.data().length, r.attachmentIndexes().get(0).dataSize());
        }
    }

    @Test
    void chunkIsClosedByAgeOnWriteAndByTimer() throws IOException {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        Path file = dir.resolve("age.mcap");
        long sec = 1_000_000_000L;
        try (McapWriter w = McapWriter.builder().clock(now::get).chunkMaxAge(Duration.ofSeconds(1))
                .compression(Compression.NONE).open(file)) {
            int ch = w.registerChannel("/t", "raw", 0, Map.of());
            long afterHeader = w.position();
            w.writeMessage(ch, 1, new byte[10]);
            now.addAndGet(sec / 2);
            w.writeMessage(ch, 2, new byte[10]);
            assertEquals(afterHeader, w.position(), "young chunk stays open");
            now.addAndGet(sec / 2);
            w.writeMessage(ch, 3, new byte[10]);
            long afterFirstChunk = w.position();
            assertTrue(afterFirstChunk > afterHeader, "chunk 1 s old closed before the write");
            assertTrue(w.openChunkSize() > 0, "the new message opened a new chunk");
            assertFalse(w.flushIfDue(now.get() + sec / 2), "not due yet");
            assertEquals(afterFirstChunk, w.position());
            assertTrue(w.flushIfDue(now.get() + sec), "due after 1 s with no writes");
            assertTrue(w.position() > afterFirstChunk);
            assertEquals(0, w.openChunkSize());
            assertFalse(w.flushIfDue(now.get() + 10 * sec), "nothing open");
        }
        try (McapIndexedReader r = McapIndexedReader.open(file)) {
            List<ChunkIndex> chunks = r.chunkIndexes();
            assertEquals(2, chunks.size());
            assertEquals(1, chunks.get(0).messageStartTime());
            assertEquals(2, chunks.get(0).messageEndTime());
            assertEquals(3, chunks.get(1).messageStartTime());
        }
    }

    @Test
    void chunkIsClosedBySize() throws IOException {
        byte[] file;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (McapWriter w = McapWriter.builder().chunkSize(1000).chunkMaxAge(null).compression(Compression.LZ4).open(out)) {
            int ch = w.registerChannel("/t", "raw", 0, Map.of());
            for (int i = 0; i < 40; i++) {
                w.writeMessage(ch, i, new byte[300]);
            }
        }
        file = out.toByteArray();
        try (McapIndexedReader r = McapTestIo.indexed(file)) {
            int messageRecord = Mcap.RECORD_HEADER_LENGTH + Message.FIXED_LENGTH + 300;
            List<ChunkIndex> chunks = r.chunkIndexes();
            // 331-byte message records: the channel record and 3 messages pass 1000 bytes, then every 4th message does
            assertEquals(1 + 9 + 1, chunks.size());
            for (ChunkIndex ci : chunks.subList(0, chunks.size() - 1)) {
                assertTrue(ci.uncompressedSize() >= 1000 && ci.uncompressedSize() < 1000 + messageRecord,
                        "size " + ci.uncompressedSize());
            }
            assertEquals(40, r.readMessages(MessageFilter.ALL).toList().size());
        }
    }

    @Test
    void equalLogTimesComeBackInFileOrderAcrossOverlappingChunks() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        List<Message> written = new ArrayList<>();
        try (McapWriter w = McapWriter.builder().chunkMaxAge(null).open(out)) {
            int a = w.registerChannel("/a", "raw", 0, Map.of());
            int b = w.registerChannel("/b", "raw", 0, Map.of());
            long[] times = {50, 10, 50, 30, 10, 50, 20, 10, 40, 50, 10, 30};
            for (int i = 0; i < times.length; i++) {
                Message m = new Message(i % 2 == 0 ? a : b, i, times[i], times[i], new byte[] {(byte) i});
                w.writeMessage(m);
                written.add(m);
                if (i % 4 == 3) {
                    w.flush();
                }
            }
        }
        List<Message> expected = new ArrayList<>(written);
        expected.sort(java.util.Comparator.comparingLong(Message::logTime));
        try (McapIndexedReader r = McapTestIo.indexed(out.toByteArray())) {
            assertEquals(3, r.chunkIndexes().size());
            assertEquals(expected, r.readMessages(MessageFilter.ALL).toList());
        }
    }

    @Test
    void registrationDeduplicatesAndRejectsConflicts() throws IOException {
        try (McapWriter w = McapWriter.builder().open(new java.io.ByteArrayOutputStream())) {
            int s1 = w.registerSchema("S", "e", new byte[] {1});
            assertEquals(s1, w.registerSchema("S", "e", new byte[] {1}));
            assertTrue(s1 != w.registerSchema("S", "e", new byte[] {2}));
            int c1 = w.registerChannel("/x", "raw", s1, Map.of());
            assertEquals(c1, w.registerChannel("/x", "raw", s1, Map.of()));
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> w.addChannel(new Channel(c1, 0, "/other", "raw", Map.of())));
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> w.writeMessage(999, 1, new byte[0]));
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> w.registerChannel("/y", "raw", 77, Map.of()));
        }
    }

    @Test
    void emptyFileIsValid() throws IOException {
        Path file = dir.resolve("empty.mcap");
        McapWriter.builder().open(file).close();
        assertEquals(List.of(Header.class, DataEnd.class, Statistics.class, SummaryOffset.class, Footer.class),
                McapTestIo.readAll(Files.readAllBytes(file)).stream().map(Object::getClass).toList());
        try (McapIndexedReader r = McapIndexedReader.open(file)) {
            assertEquals(0, r.statistics().orElseThrow().messageCount());
            assertEquals(List.of(), r.readMessages(MessageFilter.ALL).toList());
        }
    }
}
