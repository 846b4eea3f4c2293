package io.omvcap.mcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile input: truncation at every offset and thousands of mutated files (byte flips, huge
 * length fields, bad opcodes, bad UTF-8) through the streaming reader, the indexed reader and
 * recovery. The only failure allowed is {@link McapFormatException}; no case may allocate more
 * than a small bound, and recovery output must always read back cleanly.
 */
class McapFuzzTest {
    private static final long SEED = 0x6D636170L;
    private static final int MUTATIONS = 3000;
    private static final long MAX_ALLOCATION_PER_CASE = 48L << 20;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Without CRC checks, damage reaches the record parsers behind the CRCs. */
    private static final McapReadOptions NO_CRC = McapReadOptions.DEFAULT.withValidateCrcs(false);
    private static final List<byte[]> BASES = new ArrayList<>();
    private static final List<long[]> RECORD_OFFSETS = new ArrayList<>();
    private static final List<Integer> MESSAGE_COUNTS = new ArrayList<>();

    @BeforeAll
    static void writeBases() throws IOException {
        for (Compression c : Compression.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int messages = 0;
            try (McapWriter w = McapWriter.builder().compression(c).chunkMaxAge(null).profile("openmv").open(out)) {
                int schema = w.registerSchema("S", "jsonschema", "{}".getBytes());
                int a = w.registerChannel("/cam/frames", "raw", schema, Map.of("k", "vé"));
                int b = w.registerChannel("/telemetry", "cbor", 0, Map.of());
                w.writeMetadata("session", Map.of("mode", "tap"));
                for (int i = 0; i < 24; i++) {
                    byte[] data = new byte[10 + (i * 7) % 50];
                    Arrays.fill(data, (byte) i);
                    w.writeMessage(i % 3 == 0 ? a : b, 1000 + i * 10 - (i % 4) * 3, data);
                    messages++;
                    if (i % 8 == 7) {
                        w.flush();
                    }
                    if (i == 12) {
                        w.writeAttachment(new Attachment(1, 2, "main.py", "text/x-python", "print()".getBytes()));
                    }
                }
            }
            byte[] file = out.toByteArray();
            BASES.add(file);
            MESSAGE_COUNTS.add(messages);
            RECORD_OFFSETS.add(topLevelOffsets(file));
        }
    }

    private static long[] topLevelOffsets(byte[] file) throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (McapStreamReader r = new McapStreamReader(new ByteArrayInputStream(file), file.length,
                McapReadOptions.DEFAULT.withExpandChunks(false))) {
            while (r.next() != null) {
                offsets.add(r.recordOffset());
            }
        }
        return offsets.stream().mapToLong(Long::longValue).toArray();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void truncationAtEveryOffset() throws IOException {
        for (int base = 0; base < BASES.size(); base++) {
            byte[] full = BASES.get(base);
            int previousRecovered = -1;
            for (int cut = 0; cut < full.length; cut++) {
                byte[] part = Arrays.copyOf(full, cut);
                String where = "base " + base + " cut " + cut;
                Outcome stream = run(where, () -> countStream(part, part.length));
                assertTrue(stream.error != null, where + ": a truncated file must not read as complete");
                assertTrue(run(where, () -> countIndexed(part)).error != null, where + ": indexed open must fail");
                Outcome recovered = run(where, () -> recoverAndCheck(part));
                if (recovered.error == null) {
                    assertTrue(recovered.value >= previousRecovered, where + ": more bytes never recover less");
                    previousRecovered = recovered.value;
                }
            }
            assertEquals((int) MESSAGE_COUNTS.get(base), countStream(full, full.length));
            assertEquals((int) MESSAGE_COUNTS.get(base), previousRecovered, "cut just before the closing magic");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void mutatedFiles() throws IOException {
        Random rnd = new Random(SEED);
        int[] outcomes = new int[2];
        for (int i = 0; i < MUTATIONS; i++) {
            int base = rnd.nextInt(BASES.size());
            int kind = rnd.nextInt(6);
            byte[] file = mutate(BASES.get(base), RECORD_OFFSETS.get(base), kind, rnd);
            String where = "mutation " + i + " (seed " + SEED + ", base " + base + ", kind " + kind + ")";
            Outcome s = run(where, () -> countStream(file, file.length));
            run(where, () -> countStream(file, -1));
            run(where, () -> countStream(file, file.length, NO_CRC));
            run(where, () -> countIndexed(file));
            run(where, () -> countIndexed(file, NO_CRC));
            run(where, () -> recoverAndCheck(file));
            outcomes[s.error == null ? 0 : 1]++;
        }
        assertTrue(outcomes[1] > MUTATIONS / 2, "most mutations are detected: " + Arrays.toString(outcomes));
    }

    private static byte[] mutate(byte[] base, long[] recordOffsets, int kind, Random rnd) {
        byte[] f = base.clone();
        switch (kind) {
            case 0 -> {
                for (int n = 1 + rnd.nextInt(8); n > 0; n--) {
                    f[rnd.nextInt(f.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> {
                long[] huge = {-1L, Long.MAX_VALUE, 0xFFFFFFFFL, 0x7FFFFFF0L, 1L << 40, rnd.nextLong()};
                putLong(f, rnd.nextInt(f.length - 8), huge[rnd.nextInt(huge.length)]);
            }
            case 2 -> f[(int) recordOffsets[rnd.nextInt(recordOffsets.length)]] = (byte) rnd.nextInt(256);
            case 3 -> {
                byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0x80}};
                byte[] b = bad[rnd.nextInt(bad.length)];
                System.arraycopy(b, 0, f, rnd.nextInt(f.length - b.length), b.length);
            }
            case 4 -> {
                f = Arrays.copyOf(f, 1 + rnd.nextInt(f.length - 1));
                f[rnd.nextInt(f.length)] = (byte) rnd.nextInt();
            }
            default -> {
                int at = (int) recordOffsets[rnd.nextInt(recordOffsets.length)] + 1;
                long[] lengths = {-1L, 0, 1, rnd.nextInt(4096), 0xFFFFFFFFL, (long) rnd.nextInt(Integer.MAX_VALUE) << 3};
                putLong(f, at, lengths[rnd.nextInt(lengths.length)]);
            }
        }
        return f;
    }

    private static void putLong(byte[] f, int at, long v) {
        for (int i = 0; i < 8 && at + i < f.length; i++) {
            f[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private interface Action {
        int run() throws IOException;
    }

    private record Outcome(int value, McapFormatException error) {
    }

    /** Runs one reader on one input: only McapFormatException may escape, and allocation is bounded. */
    private static Outcome run(String where, Action action) {
        long tid = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(tid);
        Outcome outcome;
        try {
            outcome = new Outcome(action.run(), null);
        } catch (McapFormatException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank() && !e.getMessage().contains("\n"),
                    where + ": one-line message");
            outcome = new Outcome(-1, e);
        } catch (Throwable t) {
            throw new AssertionError(where + ": unexpected " + t, t);
        }
        long allocated = THREADS.getThreadAllocatedBytes(tid) - before;
        if (allocated > MAX_ALLOCATION_PER_CASE) {
            fail(where + ": allocated " + allocated + " bytes");
        }
        return outcome;
    }

    private static int countStream(byte[] file, long length) throws IOException {
        return countStream(file, length, McapReadOptions.DEFAULT);
    }

    private static int countStream(byte[] file, long length, McapReadOptions options) throws IOException {
        int messages = 0;
        try (McapStreamReader r = new McapStreamReader(new ByteArrayInputStream(file), length, options)) {
            for (McapRecord rec; (rec = r.next()) != null; ) {
                messages += rec instanceof Message ? 1 : 0;
            }
        }
        return messages;
    }

    private static int countIndexed(byte[] file) throws IOException {
        return countIndexed(file, McapReadOptions.DEFAULT);
    }

    private static int countIndexed(byte[] file, McapReadOptions options) throws IOException {
        try (McapIndexedReader r = McapIndexedReader.open(new McapTestIo.MemoryChannel(file), options)) {
            for (AttachmentIndex ai : r.attachmentIndexes()) {
                r.readAttachment(ai);
            }
            for (MetadataIndex mi : r.metadataIndexes()) {
                r.readMetadata(mi);
            }
            return r.readMessages(MessageFilter.ALL).toList().size();
        }
    }

    /** Recovers {@code file}; the output must read cleanly with both readers. Returns messages kept. */
    private static int recoverAndCheck(byte[] file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecoveryReport report = McapRecovery.recover(new ByteArrayInputStream(file), file.length, out);
        byte[] recovered = out.toByteArray();
        try {
            int streamed = countStream(recovered, recovered.length);
            int indexed = countIndexed(recovered);
            if (streamed != report.messagesKept() || indexed != streamed) {
                throw new AssertionError("recovered " + report.messagesKept() + " but read " + streamed + "/" + indexed);
            }
            return streamed;
        } catch (McapFormatException e) {
            throw new AssertionError("recovery output unreadable: " + e.getMessage(), e);
        }
    }
}
