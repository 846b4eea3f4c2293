package io.omvcap.pty;

import io.omvcap.link.ByteLink;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;

/**
 * The host sessions of a pseudo-terminal made with {@link PtyLink#openForHosts}, one
 * {@link ByteLink} each, as a cam's USB port sees a program open and close it. A session lasts from
 * the first open of the slave to the last close ({@link HostWatch}); several programs having it
 * open at once count as one host. A session's link reads what its host wrote and ends (-1) once the
 * host closed the terminal and everything it wrote was read, or as soon as a newer host opened it:
 * bytes read after that belong to the newer session and are kept for it. Closing a session's link
 * leaves the terminal to the next host. {@link #awaitHost} and the session links' reads are for
 * one thread; writes may come from another.
 */
public final class PtySessions {
    private static final long ATTACH_POLL_NANOS = 2_000_000;
    /** After the host closed, how long a read waits for bytes still on their way before the session ends. */
    static final int CLOSE_GRACE_MS = 50;

    private final PtyLink pty;
    /** The host session last handed out. */
    private long handedOut;
    /** Bytes read in one session that the next host wrote. */
    private byte[] carry;

    /** The sessions of {@code pty}, which must have been made with {@link PtyLink#openForHosts}. */
    public PtySessions(PtyLink pty) {
        if (pty.hosts() == null) {
            throw new IllegalArgumentException("not a terminal made for hosts: " + pty.describe());
        }
        this.pty = pty;
    }

    /** The terminal. */
    public PtyLink pty() {
        return pty;
    }

    /**
     * Waits up to {@code timeoutMillis} for a host to open the terminal (one already gone again
     * counts: what it wrote is still to be read); returns its session's link, or null when none
     * came or the terminal was closed.
     */
    public ByteLink awaitHost(int timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (pty.isOpen()) {
            HostWatch.Sessions s = pty.hosts().sessions();
            if (s.started() > handedOut) {
                handedOut = s.started();
                return new Session(handedOut);
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
        return null;
    }

    /** One host's time on the terminal. */
    private final class Session implements ByteLink {
        private final long session;
        private volatile boolean ended;

        Session(long session) {
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
                carry = n == carry.length ? null : Arrays.copyOfRange(carry, n, carry.length);
                return n;
            }
            HostWatch.Sessions s = pty.hosts().sessions();
            if (s.started() > session) {
                return end(); // a newer host is there: what is left to read is its
            }
            // once the host closed, wait a little for what it wrote last: the kernel hands a
            // pseudo-terminal's bytes over asynchronously and may still be doing so
            int n = pty.read(buf, off, len, s.ended() >= session ? CLOSE_GRACE_MS : timeoutMillis);
            if (n < 0 || (n == 0 && s.ended() >= session)) {
                return end();
            }
            if (n > 0 && pty.hosts().sessions().started() > session) {
                carry = Arrays.copyOfRange(buf, off, off + n);
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
