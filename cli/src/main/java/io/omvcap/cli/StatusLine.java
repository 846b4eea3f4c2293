package io.omvcap.cli;

import io.omvcap.record.RecorderStats;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live status of a recording on stderr: one line redrawn four times a second on a terminal,
 * or a plain log line every ten seconds when stderr is not a terminal.
 */
public final class StatusLine implements AutoCloseable {
    private final Terminal terminal;
    private final RecorderStats stats;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "omvcap-status");
        t.setDaemon(true);
        return t;
    });
    private long lastPackets;
    private long lastBytes;
    private double lastTime;
    private boolean drawn;

    /** Starts showing {@code stats}. */
    public StatusLine(Terminal terminal, RecorderStats stats) {
        this.terminal = terminal;
        this.stats = stats;
        long period = terminal.interactive() ? 250 : 10_000;
        timer.scheduleAtFixedRate(this::draw, period, period, TimeUnit.MILLISECONDS);
    }

    /** Clears the status line (before a log line is printed, and at the end). */
    public synchronized void clear() {
        if (terminal.interactive() && drawn) {
            terminal.err().print("\r\033[K");
            terminal.err().flush();
            drawn = false;
        }
    }

    /** Prints a log line without tearing the status line. */
    public synchronized void log(String line) {
        clear();
        terminal.err().println("omvcap: " + line);
    }

    private synchronized void draw() {
        double t = stats.elapsedSeconds();
        long packets = stats.packets();
        long bytes = stats.bytesIn() + stats.bytesOut();
        double dt = Math.max(1e-3, t - lastTime);
        double pps = (packets - lastPackets) / dt;
        double bps = (bytes - lastBytes) / dt;
        lastTime = t;
        lastPackets = packets;
        lastBytes = bytes;
        StringBuilder channels = new StringBuilder();
        for (Map.Entry<String, Long> e : stats.perChannel().entrySet()) {
            channels.append(' ').append(e.getKey()).append('=').append(e.getValue());
        }
        String line = String.format(Locale.ROOT, "%s %s | %,.0f pkt/s %s/s |%s | errors %d | reconnects %d | %s",
                Units.duration(java.time.Duration.ofMillis((long) (t * 1000))), stats.state(), pps,
                Units.bytes((long) bps), channels.length() == 0 ? " -" : channels, stats.errors(), stats.reconnects(),
                Units.bytes(stats.fileBytes()));
        if (terminal.interactive()) {
            int width = 160;
            terminal.err().print("\r\033[K" + (line.length() > width ? line.substring(0, width) : line));
            terminal.err().flush();
            drawn = true;
        } else {
            terminal.err().println("omvcap: " + line);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clear();
    }
}
