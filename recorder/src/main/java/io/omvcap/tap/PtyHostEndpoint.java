package io.omvcap.tap;

import io.omvcap.link.ByteLink;
import io.omvcap.pty.HostWatch;
import io.omvcap.pty.PtyLink;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;

/**
 * Hosts open a pseudo-terminal (through a stable symlink when one is given), as they would the
 * cam's USB serial port. The terminal holds no slave descriptor of its own, so the tap sees each
 * open and close. Hanging up closes the terminal: the host's reads end and its device path (and the
 * symlink) disappear, as when a USB cam is unplugged; {@link #reopen()} makes a new terminal and
 * points the symlink at it. A host session lasts from the first open of the terminal to the last
 * close ({@link HostWatch}); several programs having it open at once count as one host.
 */
final class PtyHostEndpoint implements HostEndpoint {
    private static final long ATTACH_POLL_NANOS = 2_000_000;
    private final Path symlink;
    private volatile PtyLink pty;
    private volatile String description;
    /** The host session last handed out (host-to-cam thread only). */
    private long handedOut;
    /** Bytes read in one session that the next host wrote (host-to-cam thread only). */
    private byte[] carry;

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
            if (p != null) {
                HostWatch.Sessions s = p.hosts().sessions();
                if (s.started() > handedOut) {
                    // a new host, even one already gone again: what it wrote is still to be read
                    handedOut = s.started();
                    return new PtySession(p, handedOut);
                }
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
            handedOut = 0;
            carry = null;
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

    /**
     * One host's time on the terminal: ends for good when the terminal says this session is over.
     * Bytes read after a newer host opened the terminal are kept for that host's session.
     */
    private final class PtySession implements ByteLink {
        private final PtyLink pty;
        private final long session;
        private volatile boolean ended;

        PtySession(PtyLink pty, long session) {
            this.pty = pty;
            this.session = session;
        }

        @Override
        public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
            if (ended) {
                return -1;
            }
            if (carry != null) {
                int n = Math.min(len, carry.length);
                System.arraycopy(carry, 0, buf, off, n);
                carry = n == carry.length ? null : java.util.Arrays.copyOfRange(carry, n, carry.length);
                return n;
            }
            HostWatch.Sessions s = pty.hosts().sessions();
            if (s.started() > session) {
                return end(); // a newer host is there: what is left to read is its
            }
            int n = pty.read(buf, off, len, s.ended() >= session ? 0 : timeoutMillis);
            if (n < 0 || (n == 0 && s.ended() >= session)) {
                return end();
            }
            if (n > 0 && pty.hosts().sessions().started() > session) {
                carry = java.util.Arrays.copyOfRange(buf, off, off + n);
                return end();
            }
            return n;
        }

        private int end() {
            ended = true;
            return -1;
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
