package io.omvcap.cli;

import io.omvcap.parquet.ExportListener;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of an export on stderr: a bar redrawn in place on a terminal (input bytes processed,
 * rows written, ETA), or a plain line every ten seconds when stderr is not a terminal. Warnings
 * and session starts are printed as their own lines.
 */
public final class ExportProgress implements ExportListener, AutoCloseable {
    private static final int WIDTH = 24;
    private final Terminal terminal;
    private final String prefix;
    private final long periodNanos;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    /** Progress for the command named {@code command} (prefix of every line). */
    public ExportProgress(Terminal terminal, String command) {
        this.terminal = terminal;
        this.prefix = "omvcap " + command + ": ";
        this.periodNanos = terminal.interactive() ? 200_000_000L : 10_000_000_000L;
        this.lastDraw = start;
    }

    @Override
    public synchronized void progress(long bytesDone, long bytesTotal, long rows) {
        long now = System.nanoTime();
        if (now - lastDraw < periodNanos) {
            return;
        }
        lastDraw = now;
        double f = bytesTotal <= 0 ? 0 : Math.min(1.0, (double) bytesDone / bytesTotal);
        double elapsed = (now - start) / 1e9;
        String eta = f > 0.01 ? Units.duration(Duration.ofMillis((long) (elapsed * (1 - f) / f * 1000))) : "?";
        String text = String.format(Locale.ROOT, "%3.0f%% %s / %s, %,d rows, ETA %s", f * 100, Units.bytes(bytesDone),
                Units.bytes(bytesTotal), rows, eta);
        if (terminal.interactive()) {
            int filled = (int) (f * WIDTH);
            terminal.err().print("\r\033[K" + prefix + "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                    + text);
            terminal.err().flush();
            drawn = true;
        } else {
            terminal.err().println(prefix + text);
        }
    }

    @Override
    public synchronized void warning(String line) {
        clear();
        terminal.err().println(prefix + "warning: " + line);
    }

    @Override
    public synchronized void session(String sessionId, int files) {
        clear();
        terminal.err().println(prefix + "session " + sessionId + " (" + files + " file" + (files == 1 ? "" : "s") + ")");
    }

    private void clear() {
        if (drawn) {
            terminal.err().print("\r\033[K");
            terminal.err().flush();
            drawn = false;
        }
    }

    /** Clears the bar. */
    @Override
    public synchronized void close() {
        clear();
    }
}
