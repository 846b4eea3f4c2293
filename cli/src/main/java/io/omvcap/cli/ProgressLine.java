package io.omvcap.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on one stderr line, redrawn in place; silent when stderr is not a terminal (so
 * logs stay clean). Redraws at most five times a second.
 */
public final class ProgressLine implements AutoCloseable {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final boolean enabled;
    private final String label;
    private final long total;
    private long lastDraw;
    private boolean drawn;

    /** A bar for {@code total} units of work. */
    public ProgressLine(Terminal terminal, String label, long total) {
        this.err = terminal.err();
        this.enabled = terminal.interactive() && total > 0;
        this.label = label;
        this.total = total;
    }

    /** Reports progress ({@code done} of {@code total}). */
    public void update(long done) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (drawn && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        drawn = true;
        double f = Math.min(1.0, (double) done / total);
        int filled = (int) (f * WIDTH);
        err.print(String.format(Locale.ROOT, "\r%s [%s%s] %3.0f%% %s / %s", label, "#".repeat(filled),
                " ".repeat(WIDTH - filled), f * 100, Units.bytes(done), Units.bytes(total)));
        err.flush();
    }

    /** Clears the line. */
    @Override
    public void close() {
        if (enabled && drawn) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
