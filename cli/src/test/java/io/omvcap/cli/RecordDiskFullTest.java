package io.omvcap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.omvcap.archive.SessionReader;
import io.omvcap.mcap.MessageFilter;
import io.omvcap.testing.ReferenceReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real file-system limit in the middle of a recording: the child JVM runs under
 * {@code ulimit -f}, so the kernel refuses writes past 1.5 MB (EFBIG, the per-process twin of a
 * full disk) whoever runs the tests. The recording ends with one error line and a finished archive.
 */
class RecordDiskFullTest {
    private static final int LIMIT_KB = 1536;

    @Test
    void aFileSystemLimitEndsWithOneErrorAndAReadableArchive(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("limited.mcap");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = "ulimit -f " + LIMIT_KB + "; exec \"$0\" -cp \"$1\" io.omvcap.cli.Main record"
                + " --port sim:fps=30,size=320x240 --compression none --duration 60s --out \"$2\"";
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", cmd, java, System.getProperty("java.class.path"),
                out.toString());
        pb.redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
        Process child = pb.start();
        try {
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the recording stopped at the limit, long before 60 s");
            Instant exited = Instant.now();
            String err = Files.readString(dir.resolve("stderr.txt"));
            assertEquals(ExitCode.ERROR, child.exitValue(), err);
            List<String> errors = err.lines().filter(l -> l.contains("error:")).toList();
            assertEquals(1, errors.size(), err);
            assertTrue(errors.get(0).contains("cannot write " + out + ": File too large"), err);
            assertFalse(err.contains("\tat "), "no stack trace: " + err);

            assertTrue(Files.exists(out), "the archive was finished and renamed: " + err);
            assertTrue(Files.size(out) <= LIMIT_KB * 1024L, "the file stays within the limit");
            long items = 0;
            long stored;
            long last = 0;
            try (SessionReader r = SessionReader.open(out); var cursor = r.cursor(MessageFilter.ALL)) {
                assertTrue(r.indexed(), "the summary was written after the failed write");
                for (var k = cursor.next(); k != null; k = cursor.next()) {
                    items++;
                    last = Math.max(last, switch (k) {
                        case WIRE -> cursor.wire().logTime();
                        case PACKET -> cursor.packet().logTime();
                        case MESSAGE -> cursor.message().logTime();
                    });
                }
                stored = cursor.storedMessages();
                assertEquals(stored, r.statistics().orElseThrow().messageCount(),
                        "the statistics count only the messages of chunks that reached the file");
            }
            assertTrue(items > 1000, "what was recorded before the limit is kept (packets, reads, frames): " + items);
            // what the full disk cost: at most the data between the last kept message and the exit
            double lostSeconds = (exited.getEpochSecond() * 1_000_000_000L + exited.getNano() - last) / 1e9;
            System.out.printf("disk full: %d items kept in %d of %d KB, the last %.3f s before the recorder"
                    + " exited%n", items, Files.size(out) / 1024, LIMIT_KB, lostSeconds);
            // the open chunk holds at most 0.9 s; the rest is writing the summary and the JVM's exit
            assertTrue(lostSeconds < 5, "lost at most the open chunk and the shutdown: " + lostSeconds + " s");
            JsonNode ref = ReferenceReader.check(out.toAbsolutePath());
            assertEquals(stored, ref.at("/indexed/messages").asLong(), ref.toString());
        } finally {
            child.destroyForcibly();
        }
    }
}
