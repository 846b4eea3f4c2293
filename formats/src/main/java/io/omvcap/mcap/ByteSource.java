package io.omvcap.mcap;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Buffered sequential input that knows its position and, when given, its total length (so
 * record lengths can be checked against the bytes that really remain before anything is
 * allocated).
 */
final class ByteSource implements Closeable {
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final long length;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int lim;
    private long position;
    private boolean eof;

    /** @param length total bytes the stream holds, or -1 when unknown */
    ByteSource(InputStream in, long length) {
        this.in = in;
        this.length = length;
    }

    long position() {
        return position;
    }

    /** Bytes left, or -1 when the length is unknown. */
    long remaining() {
        return length < 0 ? -1 : Math.max(0, length - position);
    }

    /** Reads up to {@code n} bytes; fewer only at end of input. */
    int read(byte[] dst, int off, int n) throws IOException {
        int done = 0;
        while (done < n) {
            if (pos < lim) {
                int k = Math.min(n - done, lim - pos);
                System.arraycopy(buf, pos, dst, off + done, k);
                pos += k;
                done += k;
            } else if (eof) {
                break;
            } else if (n - done >= BUFFER) {
                int k = in.read(dst, off + done, n - done);
                if (k < 0) {
                    eof = true;
                } else {
                    done += k;
                }
            } else {
                fill();
            }
        }
        position += done;
        return done;
    }

    /** Whether no byte is left. */
    boolean atEnd() throws IOException {
        if (pos < lim) {
            return false;
        }
        if (!eof) {
            fill();
        }
        return pos >= lim;
    }

    private void fill() throws IOException {
        int k = in.read(buf, 0, BUFFER);
        pos = 0;
        lim = Math.max(k, 0);
        if (k < 0) {
            eof = true;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
