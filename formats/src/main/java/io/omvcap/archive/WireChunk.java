package io.omvcap.archive;

import io.omvcap.wire.Direction;
import java.util.Arrays;

/**
 * One transport read or write of a session, borrowed from the reader: the object and the bytes
 * are reused for the next chunk, so copy what you keep ({@link #bytes()}).
 */
public final class WireChunk {
    private Direction dir;
    private long logTime;
    private int connection;
    private long offset;
    private byte[] buf;
    private int off;
    private int len;

    void set(Direction d, long time, int conn, long streamOffset, byte[] array, int from, int length) {
        dir = d;
        logTime = time;
        connection = conn;
        offset = streamOffset;
        buf = array;
        off = from;
        len = length;
    }

    /** Direction. */
    public Direction dir() {
        return dir;
    }

    /** When the read or write happened (epoch ns). */
    public long logTime() {
        return logTime;
    }

    /** Connection number within the session (0 for the first link; layout 1 archives: always 0). */
    public int connection() {
        return connection;
    }

    /**
     * Offset of the first byte in this direction's stream of the connection (layout 1 archives:
     * in the direction's bytes of the file).
     */
    public long offset() {
        return offset;
    }

    /** The array holding the bytes. */
    public byte[] array() {
        return buf;
    }

    /** Where the bytes start in {@link #array()}. */
    public int arrayOffset() {
        return off;
    }

    /** Number of bytes. */
    public int length() {
        return len;
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return Arrays.copyOfRange(buf, off, off + len);
    }
}
