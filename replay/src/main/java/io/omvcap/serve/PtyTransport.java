package io.omvcap.serve;

import io.omvcap.link.ByteLink;
import io.omvcap.pty.PtyLink;
import io.omvcap.pty.PtySessions;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A pseudo-terminal as the cam's USB serial port; hosts open its slave path (or the symlink). Made
 * with {@link #PtyTransport(Path)} it is one link for all hosts, who come and go unseen; made with
 * {@link #sessions(Path)} it hands out one link per host session (each open to close of the slave,
 * however quickly the next follows), which ends when that host closes the terminal.
 */
public final class PtyTransport implements CamTransport {
    private final PtyLink pty;
    private final PtySessions sessions;
    private boolean handedOut;

    /** Opens a pseudo-terminal; {@code symlink} may be null. */
    public PtyTransport(Path symlink) throws IOException {
        pty = PtyLink.open(symlink);
        sessions = null;
    }

    private PtyTransport(PtySessions sessions) {
        this.pty = sessions.pty();
        this.sessions = sessions;
    }

    /** Opens a pseudo-terminal that sees each host open and close it; {@code symlink} may be null. */
    public static PtyTransport sessions(Path symlink) throws IOException {
        return new PtyTransport(new PtySessions(PtyLink.openForHosts(symlink)));
    }

    /** The pseudo-terminal. */
    public PtyLink pty() {
        return pty;
    }

    @Override
    public ByteLink accept(int timeoutMillis) throws IOException {
        if (sessions != null) {
            return sessions.awaitHost(timeoutMillis);
        }
        if (handedOut || !pty.isOpen()) {
            sleep(timeoutMillis);
            return null;
        }
        handedOut = true;
        return pty;
    }

    @Override
    public boolean presentOnInput() {
        return true;
    }

    @Override
    public String describe() {
        return pty.describe();
    }

    @Override
    public void close() {
        pty.close();
    }

    static void sleep(int millis) throws IOException {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }
}
