package io.omvcap.mcap;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Child process for {@link McapDurabilityTest}: writes a message every 2 ms with 1 s chunk age
 * (and a timer calling {@link McapWriter#flushIfDue()}) until killed, printing
 * {@code W <sequence> <logTime>} after each write.
 */
public final class DurabilityChild {
    private DurabilityChild() {
    }

    public static void main(String[] args) throws Exception {
        long wallAnchor = System.currentTimeMillis() * 1_000_000L;
        long monoAnchor = System.nanoTime();
        McapWriter w = McapWriter.builder().profile("openmv").library("omvcap durability")
                .chunkMaxAge(Duration.ofSeconds(1)).fsyncPolicy(FsyncPolicy.OFF).open(Paths.get(args[0]));
        int channel = w.registerChannel("/telemetry", "raw", 0, Map.of());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flush-timer");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            try {
                w.flushIfDue();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        byte[] payload = new byte[64];
        for (long seq = 0; ; seq++) {
            long logTime = wallAnchor + (System.nanoTime() - monoAnchor);
            w.writeMessage(channel, seq, logTime, logTime, payload, 0, payload.length);
            System.out.println("W " + seq + " " + logTime);
            System.out.flush();
            Thread.sleep(2);
        }
    }
}
