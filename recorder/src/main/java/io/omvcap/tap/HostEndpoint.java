package io.omvcap.tap;

import io.omvcap.link.ByteLink;
import io.omvcap.serve.ServeTarget;
import java.io.Closeable;
import java.io.IOException;

/**
 * Where host programs reach the tap, one at a time: a pseudo-terminal they open like the cam's USB
 * port, or a TCP port. Each time a host opens (connects) the endpoint hands out a link that ends
 * (-1) when that host closes. When the cam vanishes the endpoint hangs up the way a vanished USB
 * device would and comes back with the cam.
 *
 * <p>{@link #awaitHost}, {@link #refuseOthers} and {@link #hostBaudRate} are called by the
 * host-to-cam thread, {@link #hangUp} and {@link #reopen} by the tap's own thread.
 */
interface HostEndpoint extends Closeable {
    /** Opens the endpoint {@code target} names. */
    static HostEndpoint open(ServeTarget target) throws IOException {
        if (target instanceof ServeTarget.Pty p) {
            return new PtyHostEndpoint(p.symlink());
        }
        if (target instanceof ServeTarget.Tcp t) {
            return new TcpHostEndpoint(t.host(), t.port());
        }
        throw new IllegalArgumentException("hosts reach a tap on a pseudo-terminal or TCP");
    }

    /**
     * Waits up to {@code timeoutMillis} for a host; returns its link, or null when none came (or
     * the endpoint is hung up).
     */
    ByteLink awaitHost(int timeoutMillis) throws IOException;

    /** Turns away hosts trying to connect while one is attached (where the endpoint can tell). */
    default void refuseOthers() throws IOException {
    }

    /** The baud rate the host set on its side, or -1 when the endpoint has none. */
    default int hostBaudRate() {
        return -1;
    }

    /** Ends the attached host's link and takes the endpoint away until {@link #reopen()}. */
    void hangUp() throws IOException;

    /** Offers the endpoint again after {@link #hangUp()}. */
    void reopen() throws IOException;

    /** Where hosts connect: the pty path (and symlink) or {@code tcp://HOST:PORT}. */
    String describe();
}
