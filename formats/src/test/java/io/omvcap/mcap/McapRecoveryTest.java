package io.omvcap.mcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Truncated and damaged files are rewritten into finished files holding every complete chunk. */
class McapRecoveryTest {
    private static final int PER_CHUNK = 25;
    private static final int COUNT = 400;

    @TempDir
    Path dir;

    private record Recovered(RecoveryReport report, byte[] file) {
    }

    private static Recovered recover(byte[] input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecoveryReport report = McapRecovery.recover(new ByteArrayInputStream(input), input.length, out);
        byte[] file = out.toByteArray();
        assertEquals(file.length, report.outputBytes());
        return new Recovered(report, file);
    }

    /** Both readers accept the file and agree on its messages, which are returned in file order. */
    private static List<Message> readBack(byte[] file) throws IOException {
        List<Message> streamed = McapTestIo.messages(McapTestIo.readAll(file));
        try (McapIndexedReader r = McapTestIo.indexed(file)) {
            List<Message> indexed = r.readMessages(MessageFilter.ALL).toList();
            assertEquals(streamed.size(), indexed.size());
            assertEquals(streamed.size(), r.statistics().orElseThrow().messageCount());
            assertTrue(indexed.containsAll(streamed));
        }
        return streamed;
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void truncationKeepsEveryCompleteChunk(Compression compression) throws IOException {
        SampleSession s = new SampleSession();
        byte[] full = SampleSession.bytes(McapWriter.builder().compression(compression).chunkMaxAge(null)
                .chunkSize(1 << 24), s, COUNT, PER_CHUNK, 5);
        List<Long> ends = s.flushEnds;
        assertEquals(COUNT / PER_CHUNK, ends.size());
        for (int k = 1; k < ends.size() - 1; k += 3) {
            long boundary = ends.get(k);
            long inside = (ends.get(k) + ends.get(k + 1)) / 2;
            for (long cut : new long[] {boundary, inside}) {
                Recovered r = recover(Arrays.copyOf(full, (int) cut));
                int complete = (k + 1) * PER_CHUNK;
                assertEquals(s.messages.subList(0, complete), readBack(r.file), "cut at " + cut);
                assertEquals(complete, r.report.messagesKept());
                assertEquals(k + 1, r.report.chunksKept());
                assertFalse(r.report.reachedDataEnd());
                long stop = r.report.stopOffset();
                assertTrue(stop >= ends.get(k) && stop <= cut, r.report.summary()); // an attachment may follow a chunk
                assertTrue(r.report.stopReason().startsWith(cut == boundary ? "unexpected end of file (no footer)"
                        : "record length"), r.report.stopReason());
                assertEquals(cut - stop, r.report.bytesDropped());
                assertEquals(cut != boundary, r.report.lostData());
            }
        }
    }

    @Test
    void truncationAtEveryOffsetOfTheTailYieldsAValidFile() throws IOException {
        SampleSession s = new SampleSession();
        byte[] full = SampleSession.bytes(McapWriter.builder().compression(Compression.ZSTD).chunkMaxAge(null),
                s, 60, 20, 6);
        int previous = -1;
        for (int cut = full.length; cut >= full.length - 3000 && cut > 100; cut -= 7) {
            Recovered r = recover(Arrays.copyOf(full, cut));
            List<Message> back = readBack(r.file);
            assertEquals(s.messages.subList(0, back.size()), back);
            assertTrue(previous < 0 || back.size() <= previous, "fewer bytes never recover more messages");
            previous = back.size();
        }
        assertEquals(40, previous, "the last chunk of 20 is inside the tail");
    }

    @Test
    void completeButCorruptChunkIsDroppedAndReadingGoesOn() throws IOException {
        SampleSession s = new SampleSession();
        byte[] full = SampleSession.bytes(McapWriter.builder().compression(Compression.NONE).chunkMaxAge(null)
                .chunkSize(1 << 24), s, COUNT, PER_CHUNK, 7);
        int corruptAt = (int) (s.flushEnds.get(2) + 300); // inside the 4th chunk's records
        full[corruptAt] ^= 0x10;
        Recovered r = recover(full);
        List<Message> expected = new java.util.ArrayList<>(s.messages);
        expected.subList(3 * PER_CHUNK, 4 * PER_CHUNK).clear();
        assertEquals(expected, readBack(r.file));
        assertEquals(1, r.report.chunksDropped());
        assertTrue(r.report.reachedDataEnd());
        assertEquals(-1, r.report.stopOffset());
        assertTrue(r.report.lostData());
        assertTrue(r.report.problems().get(0).startsWith("chunk CRC mismatch"), r.report.problems().toString());
    }

    @Test
    void intactFileLosesNothing() throws IOException {
        SampleSession s = new SampleSession();
        Path in = dir.resolve("in.mcap");
        Path out = dir.resolve("out.mcap");
        try (McapWriter w = McapWriter.builder().profile("openmv").library("omvcap 0.1.0").compression(Compression.LZ4)
                .open(in)) {
            s.write(w, COUNT, 0, 8);
        }
        RecoveryReport report = McapRecovery.recover(in, out);
        assertFalse(report.lostData(), report.summary());
        assertTrue(report.reachedDataEnd());
        assertEquals(COUNT, report.messagesKept());
        byte[] file = Files.readAllBytes(out);
        assertEquals(s.messages, readBack(file));
        List<McapRecord> all = McapTestIo.readAll(file);
        assertEquals(new Header("openmv", "omvcap 0.1.0"), all.get(0));
        assertTrue(all.contains(s.metadata));
        assertEquals(1, all.stream().filter(Attachment.class::isInstance).count());
        try (McapIndexedReader r = McapIndexedReader.open(out)) {
            assertTrue(r.chunkIndexes().stream().allMatch(ci -> ci.compression().equals("lz4")));
        }
    }

    @Test
    void inputWithoutHeaderCannotBeRecovered() {
        byte[] junk = new byte[100];
        assertThrows(McapFormatException.class,
                () -> McapRecovery.recover(new ByteArrayInputStream(junk), junk.length, new ByteArrayOutputStream()));
        byte[] magicOnly = Mcap.magic();
        assertThrows(McapFormatException.class,
                () -> McapRecovery.recover(new ByteArrayInputStream(magicOnly), magicOnly.length,
                        new ByteArrayOutputStream()));
    }

    @Test
    void headerOnlyGivesAnEmptyValidFile() throws IOException {
        byte[] full = SampleSession.bytes(McapWriter.builder(), new SampleSession(), 10, 0, 9);
        int headerEnd = Mcap.MAGIC_LENGTH + Mcap.RECORD_HEADER_LENGTH + 4 + 4 + "omvcap".length();
        Recovered r = recover(Arrays.copyOf(full, headerEnd));
        assertEquals(List.of(), readBack(r.file));
        assertEquals(headerEnd, r.report.stopOffset(), "the file just ended");
        assertEquals("unexpected end of file (no footer) at offset " + headerEnd, r.report.stopReason());
        assertEquals(0, r.report.bytesDropped());
    }
}
