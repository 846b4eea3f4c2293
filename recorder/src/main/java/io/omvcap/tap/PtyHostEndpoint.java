package io.omvcap.tap;

import io.omvcap.link.ByteLink;
import io.omvcap.pty.PtyLink;
import io.omvcap.pty.PtySessions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;

/**
 * Hosts open a pseudo-terminal (through a stable symlink when one is given), as they would the
 * cam's USB serial port. The terminal holds no slave descriptor of its own, so the tap sees each
 * open and close. Hanging up closes the terminal: the host's reads end and its device path (and the
 * symlink) disappear, as when a USB cam is unplugged; {@link #reopen()} makes a new terminal and
 * points the symlink at it. A host session lasts from the first open of the terminal to the last
 * close; several programs having it open at once count as one host ({@link PtySessions}).
 */
final class PtyHostEndpoint implements HostEndpoint {
    private final Path symlink;
    private volatile PtySessions sessions;
    private volatile String description;

    PtyHostEndpoint(Path symlink) throws IOException {
        this.symlink = symlink;
        this.sessions = new PtySessions(PtyLink.openForHosts(symlink));
        this.description = sessions.pty().describe();
    }

    @Override
    public ByteLink awaitHost(int timeoutMillis) throws IOException {
        PtySessions s = sessions;
        if (s == null) {
            // hung up: nobody can come until the terminal is back
            try {
                Thread.sleep(Math.max(1, timeoutMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for a host");
            }
            return null;
        }
        return s.awaitHost(timeoutMillis);
    }

    @Override
    public int hostBaudRate() {
        PtySessions s = sessions;
        return s == null ? -1 : s.pty().hostBaudRate();
    }

    @Override
    public void hangUp() {
        PtySessions s = sessions;
        sessions = null;
        if (s != null) {
            s.pty().close();
        }
    }

    @Override
    public void reopen() throws IOException {
        if (sessions == null) {
            sessions = new PtySessions(PtyLink.openForHosts(symlink));
            description = sessions.pty().describe();
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        hangUp();
    }
}
