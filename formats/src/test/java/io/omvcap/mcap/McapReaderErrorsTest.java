package io.omvcap.mcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Malformed input gives one-line {@link McapFormatException}s that say what and where. */
class McapReaderErrorsTest {

    private static byte[] sample(Compression compression) throws IOException {
        return SampleSession.bytes(McapWriter.builder().compression(compression).chunkSize(16 * 1024),
                new SampleSession(), 300, 0, 3);
    }

    private static McapFormatException streamError(byte[] file) {
        return streamError(file, McapReadOptions.DEFAULT);
    }

    private static McapFormatException streamError(byte[] file, McapReadOptions options) {
        return assertThrows(McapFormatException.class, () -> McapTestIo.readAll(file, options));
    }

    /** File offset of the first record with {@code opcode} at top level. */
    private static long offsetOf(byte[] file, Opcode opcode) throws IOException {
        try (McapStreamReader r = new McapStreamReader(new java.io.ByteArrayInputStream(file), file.length,
                McapReadOptions.DEFAULT.withExpandChunks(false))) {
            for (McapRecord rec; (rec = r.next()) != null; ) {
                if (rec.opcode() == opcode.code()) {
                    return r.recordOffset();
                }
            }
        }
        throw new AssertionError("no " + opcode);
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void badMagic() throws IOException {
        byte[] file = sample(Compression.ZSTD);
        file[1] = 'X';
        assertEquals("bad magic at start of file at offset 0", streamError(file).getMessage());
        McapFormatException e = assertThrows(McapFormatException.class, () -> McapTestIo.indexed(file));
        assertEquals(0, e.offset());
    }

    @Test
    void hugeRecordLengthIsRejectedBeforeAllocating() throws IOException {
        byte[] file = sample(Compression.ZSTD);
        long at = offsetOf(file, Opcode.CHUNK);
        for (int i = 0; i < 8; i++) {
            file[(int) at + 1 + i] = (byte) (i < 4 ? 0xFF : 0);
        }
        long remaining = file.length - at - Mcap.RECORD_HEADER_LENGTH;
        assertEquals("record length 4294967295 exceeds remaining " + remaining + " bytes at offset " + at,
                streamError(file).getMessage());
        for (int i = 0; i < 8; i++) {
            file[(int) at + 1 + i] = (byte) 0xFF;
        }
        assertTrue(streamError(file).getMessage().startsWith("record length 18446744073709551615 exceeds remaining"));
    }

    @Test
    void streamOfUnknownLengthFailsOnTruncationWithoutTrustingTheLength() throws IOException {
        byte[] file = sample(Compression.NONE);
        long at = offsetOf(file, Opcode.CHUNK);
        file[(int) at + 4] = 0x40; // a length of about 1 GiB
        byte[] cut = java.util.Arrays.copyOf(file, (int) at + 5000);
        McapFormatException e = assertThrows(McapFormatException.class, () -> {
            try (McapStreamReader r = new McapStreamReader(new java.io.ByteArrayInputStream(cut))) {
                while (r.next() != null) {
                    // read on
                }
            }
        });
        assertTrue(e.getMessage().startsWith("truncated record: length "), e.getMessage());
        assertEquals(at, e.offset());
    }

    @Test
    void chunkCrcMismatchNamesTheChunk() throws IOException {
        byte[] file = sample(Compression.NONE);
        long at = offsetOf(file, Opcode.CHUNK);
        int payload = (int) at + 200;
        file[payload] ^= 0x55;
        McapFormatException e = streamError(file);
        assertTrue(e.getMessage().startsWith("chunk CRC mismatch (computed "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" at offset " + at), e.getMessage());
        try (McapIndexedReader r = McapTestIo.indexed(file)) {
            McapFormatException ie = assertThrows(McapFormatException.class,
                    () -> r.readMessages(MessageFilter.ALL).toList());
            assertEquals(at, ie.offset());
        }
    }

    @Test
    void zstdChunkCorruptionIsAFormatError() throws IOException {
        byte[] file = sample(Compression.ZSTD);
        long at = offsetOf(file, Opcode.CHUNK);
        for (int i = 80; i < 120; i++) {
            file[(int) at + i] = (byte) 0xA5;
        }
        McapFormatException e = streamError(file);
        assertEquals(at, e.offset(), e.getMessage());
    }

    @Test
    void invalidUtf8InTopLevelAndChunkedStrings() throws IOException {
        byte[] file = sample(Compression.NONE);
        int name = indexOf(file, "session".getBytes(StandardCharsets.US_ASCII), 0);
        file[name + 1] = (byte) 0xC3;
        file[name + 2] = (byte) 0x28;
        McapFormatException e = streamError(file);
        assertEquals("invalid UTF-8 in metadata name at offset " + name, e.getMessage());

        byte[] file2 = sample(Compression.NONE);
        int topic = indexOf(file2, SampleSession.TELEMETRY.getBytes(StandardCharsets.US_ASCII), 0);
        file2[topic + 2] = (byte) 0xFF;
        long chunk = offsetOf(file2, Opcode.CHUNK);
        assertTrue(streamError(file2).getMessage().startsWith("chunk CRC mismatch"));
        McapFormatException e2 = streamError(file2, McapReadOptions.DEFAULT.withValidateCrcs(false));
        assertTrue(e2.getMessage().matches("invalid UTF-8 in channel topic at chunk data offset \\d+ in chunk at offset "
                + chunk), e2.getMessage());
    }

    @Test
    void truncatedFile() throws IOException {
        byte[] file = java.util.Arrays.copyOf(sample(Compression.LZ4), 5000);
        McapFormatException e = streamError(file);
        assertTrue(e.getMessage().contains("exceeds remaining") || e.getMessage().contains("end of file"),
                e.getMessage());
        McapFormatException ie = assertThrows(McapFormatException.class, () -> McapTestIo.indexed(file));
        assertEquals("bad magic at end of file (truncated or unfinished?) at offset " + (file.length - 8),
                ie.getMessage());
    }

    @Test
    void trailingBytesAfterMagic() throws IOException {
        byte[] file = sample(Compression.NONE);
        byte[] longer = java.util.Arrays.copyOf(file, file.length + 3);
        assertEquals("unexpected bytes after closing magic at offset " + file.length, streamError(longer).getMessage());
    }

    @Test
    void fileWithoutSummaryIsSignalledToIndexedReaders() throws IOException {
        ByteSink s = new ByteSink(256);
        s.putBytes(Mcap.magic());
        RecordEncoder.encode(new Header("", ""), s);
        RecordEncoder.encode(new Channel(1, 0, "/t", "raw", Map.of()), s);
        RecordEncoder.encode(new Message(1, 0, 5, 5, new byte[] {1}), s);
        RecordEncoder.encode(new DataEnd(0), s);
        RecordEncoder.encode(new Footer(0, 0, 0), s);
        s.putBytes(Mcap.magic());
        byte[] file = java.util.Arrays.copyOf(s.array(), s.size());
        assertEquals(1, McapTestIo.messages(McapTestIo.readAll(file)).size());
        McapFormatException e = assertThrows(McapNoSummaryException.class, () -> McapTestIo.indexed(file));
        assertTrue(e.getMessage().startsWith("file has no summary section"));
    }

    @Test
    void unknownOpcodesAreYieldedAndCounted() throws IOException {
        ByteSink s = new ByteSink(256);
        s.putBytes(Mcap.magic());
        RecordEncoder.encode(new Header("", ""), s);
        RecordEncoder.encode(new UnknownRecord(0x80, new byte[] {9, 9}), s);
        RecordEncoder.encode(new Channel(1, 0, "/t", "raw", Map.of()), s);
        RecordEncoder.encode(new UnknownRecord(0x42, new byte[0]), s);
        RecordEncoder.encode(new Message(1, 0, 5, 5, new byte[] {1}), s);
        RecordEncoder.encode(new DataEnd(0), s);
        RecordEncoder.encode(new Footer(0, 0, 0), s);
        s.putBytes(Mcap.magic());
        byte[] file = java.util.Arrays.copyOf(s.array(), s.size());
        try (McapStreamReader r = McapTestIo.streamReader(file)) {
            List<McapRecord> all = new java.util.ArrayList<>();
            for (McapRecord rec; (rec = r.next()) != null; ) {
                all.add(rec);
            }
            assertEquals(new UnknownRecord(0x80, new byte[] {9, 9}), all.get(1));
            assertEquals(new UnknownRecord(0x42, new byte[0]), all.get(3));
            assertEquals(2, r.unknownRecordCount());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecoveryReport report = McapRecovery.recover(new java.io.ByteArrayInputStream(file), file.length, out);
        assertEquals(1, report.messagesKept());
        assertEquals(2, report.recordsDropped());
        assertTrue(report.lostData());
    }

    @Test
    void indexPointingOutsideTheFileIsAFormatError() throws IOException {
        byte[] file = sample(Compression.NONE);
        try (McapIndexedReader r = McapTestIo.indexed(file)) {
            ChunkIndex ci = r.chunkIndexes().get(0);
            ChunkIndex bad = new ChunkIndex(ci.messageStartTime(), ci.messageEndTime(), file.length - 10, 1L << 40,
                    ci.messageIndexOffsets(), ci.messageIndexLength(), "", 1, 1);
            assertThrows(McapFormatException.class, () -> r.loadChunk(bad));
            AttachmentIndex ai = new AttachmentIndex(-5, 100, 0, 0, 1, "x", "y");
            assertThrows(McapFormatException.class, () -> r.readAttachment(ai));
        }
    }
}
