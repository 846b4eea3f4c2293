package io.omvcap.mcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writes continuously with 1 s chunk age and is killed with SIGKILL; recovery of its
 * file must keep every message up to at most ~1 s (1.5 s with slack) before the last one the child
 * reported writing.
 */
class McapDurabilityTest {
    /** Not a whole number of seconds, so the kill lands inside a chunk, not just after one closed. */
    private static final long RUN_NANOS = 3_600_000_000L;
    private static final long MAX_LOSS_NANOS = 1_500_000_000L;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void killedWriterLosesAtMostTheOpenChunk() throws Exception {
        Path file = dir.resolve("killed.mcap");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DurabilityChild.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        AtomicLong firstTime = new AtomicLong(-1);
        AtomicLong lastTime = new AtomicLong(-1);
        AtomicLong lastSeq = new AtomicLong(-1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    String[] parts = line.split(" ");
                    if (parts.length == 3 && parts[0].equals("W")) {
                        long t = Long.parseLong(parts[2]);
                        firstTime.compareAndSet(-1, t);
                        lastSeq.set(Long.parseLong(parts[1]));
                        lastTime.set(t);
                    }
                }
            } catch (Exception e) {
                // the pipe closes when the child dies
            }
        }, "child-stdout");
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (firstTime.get() < 0 || lastTime.get() - firstTime.get() < RUN_NANOS) {
            assertTrue(child.isAlive(), "child died early");
            assertTrue(System.nanoTime() < deadline, "child did not write for 3.6 s in time");
            Thread.sleep(20);
        }
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        reader.join(10_000);
        assertTrue(lastSeq.get() > 100, "child wrote " + lastSeq.get() + " messages");

        assertThrows(McapFormatException.class, () -> McapIndexedReader.open(file).close(), "file is unfinished");
        Path recovered = dir.resolve("recovered.mcap");
        RecoveryReport report = McapRecovery.recover(file, recovered);
        List<Message> messages;
        try (McapIndexedReader r = McapIndexedReader.open(recovered)) {
            messages = r.readMessages(MessageFilter.ALL).toList();
        }
        assertEquals(report.messagesKept(), messages.size());
        assertTrue(messages.size() > 0, report.summary());
        for (int i = 0; i < messages.size(); i++) {
            assertEquals(i, messages.get(i).sequence(), "messages kept without gaps");
        }
        long lastKept = messages.get(messages.size() - 1).logTime();
        long lost = lastTime.get() - lastKept;
        assertTrue(lost >= 0 && lost <= MAX_LOSS_NANOS, "lost the last " + lost / 1_000_000 + " ms ("
                + (lastSeq.get() + 1 - messages.size()) + " messages); " + report.summary());
    }
}
