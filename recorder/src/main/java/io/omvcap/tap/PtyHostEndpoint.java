package io.omvcap.tap;

import io.omvcap.link.ByteLink;
import io.omvcap.pty.PtyLink;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;

/**
 * Hosts open a pseudo-terminal (through a stable symlink when one is given), as they would the
 * cam's USB serial port. The terminal holds no slave descriptor of its own, so the tap sees each
 * open and close. Hanging up closes the terminal: the host's reads end and its device path (and the
 * symlink) disappear, as when a USB cam is unplugged; {@link #reopen()} makes a new terminal and
 * points the symlink at it. Several programs opening the terminal at once cannot be told apart.
 */
final class PtyHostEndpoint implements HostEndpoint {
    private static final long ATTACH_POLL_NANOS = 2_000_000;
    private final Path symlink;
    private volatile PtyLink pty;
    private volatile String description;

    PtyHostEndpoint(Path symlink) throws IOException {
        this.symlink = symlink;
        this.pty = PtyLink.openForHosts(symlink);
        this.description = pty.describe();
    }

    @Override
    public ByteLink awaitHost(int timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            PtyLink p = pty;
            if (p != null && p.hostAttached()) {
                return new PtySession(p);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(left, ATTACH_POLL_NANOS) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for a host");
            }
        }
    }

    @Override
    public int hostBaudRate() {
        PtyLink p = pty;
        return p == null ? -1 : p.hostBaudRate();
    }

    @Override
    public void hangUp() {
        PtyLink p = pty;
        pty = null;
        if (p != null) {
            p.close();
        }
    }

    @Override
    public void reopen() throws IOException {
        if (pty == null) {
            pty = PtyLink.openForHosts(symlink);
            description = pty.describe();
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

    /** One host's time on the terminal: ends for good at the first end of stream. */
    private static final class PtySession implements ByteLink {
        private final PtyLink pty;
        private volatile boolean ended;

        PtySession(PtyLink pty) {
            this.pty = pty;
        }

        @Override
        public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
            if (ended) {
                return -1;
            }
            int n = pty.read(buf, off, len, timeoutMillis);
            if (n < 0) {
                ended = true;
            }
            return n;
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            if (ended) {
                throw new IOException("the host closed " + pty.describe());
            }
            pty.write(buf, off, len);
        }

        @Override
        public boolean isOpen() {
            return !ended && pty.isOpen();
        }

        @Override
        public String describe() {
            return pty.describe();
        }

        @Override
        public void close() {
            ended = true; // the terminal stays; the host decides when it closes its side
        }
    }
}
