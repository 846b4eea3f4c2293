package io.omvcap.link;

import java.io.Closeable;
import java.io.IOException;

/**
 * A bidirectional byte stream to a peer: a serial port, a TCP socket, a pseudo-terminal, an
 * in-process pipe. Reads wait with a timeout so callers can keep timers running; end of stream
 * means the peer is gone (unplugged, closed, reset).
 */
public interface ByteLink extends Closeable {
    /**
     * Reads up to {@code len} bytes into {@code buf}, waiting at most {@code timeoutMillis} for
     * the first byte.
     *
     * @return bytes read, 0 on timeout, -1 when the link has ended
     * @throws IOException when the link failed
     */
    int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException;

    /** Writes all {@code len} bytes of {@code buf} from {@code off}. */
    void write(byte[] buf, int off, int len) throws IOException;

    /** Writes all of {@code buf}. */
    default void write(byte[] buf) throws IOException {
        write(buf, 0, buf.length);
    }

    /** Whether the link is still open (not closed by us, not ended by the peer). */
    boolean isOpen();

    /** Where the link goes, for messages and metadata: a device path, {@code tcp://host:port}, {@code sim:}. */
    String describe();
}
