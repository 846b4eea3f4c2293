package io.omvcap.serve;

import io.omvcap.link.ByteLink;
import io.omvcap.pty.PtyLink;
import java.io.IOException;
import java.nio.file.Path;

/** A pseudo-terminal as the cam's USB serial port; hosts open its slave path (or the symlink). */
public final class PtyTransport implements CamTransport {
    private final PtyLink pty;
    private boolean handedOut;

    /** Opens a pseudo-terminal; {@code symlink} may be null. */
    public PtyTransport(Path symlink) throws IOException {
        pty = PtyLink.open(symlink);
    }

    /** The pseudo-terminal. */
    public PtyLink pty() {
        return pty;
    }

    @Override
    public ByteLink accept(int timeoutMillis) throws IOException {
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
