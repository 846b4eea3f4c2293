package io.omvcap.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where a command writes: {@code out} for data, {@code err} for logs, progress and errors, and
 * whether stdout/stderr are interactive terminals (for status lines and progress bars).
 *
 * @param out           data output
 * @param err           logs and errors
 * @param interactive   whether stderr is a terminal that can show a live status line
 */
public record Terminal(PrintStream out, PrintStream err, boolean interactive) {
    /** The process's standard streams. */
    public static Terminal system() {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.UTF_8);
        boolean tty = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        return new Terminal(new PrintStream(new java.io.BufferedOutputStream(out, 1 << 16), false,
                StandardCharsets.UTF_8), err, tty);
    }
}
