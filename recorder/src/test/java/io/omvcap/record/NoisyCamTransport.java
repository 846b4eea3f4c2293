package io.omvcap.record;

import io.omvcap.link.ByteLink;
import io.omvcap.serve.CamTransport;
import io.omvcap.serve.PtyTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A pseudo-terminal cam transport whose line is noisy in the cam-to-host direction: now and then
 * garbage bytes come before what the cam sends, and a few times a byte of it is flipped (a bad
 * CRC; rarely enough that the host's retry succeeds and it keeps its link). It keeps exactly the
 * bytes that crossed the line in each direction, per host connection, as the reference a
 * recording must reproduce.
 */
final class NoisyCamTransport implements CamTransport {
    private final PtyTransport pty;
    private final Random random;
    private final List<ByteArrayOutputStream[]> connections = new ArrayList<>();
    private int writes;

    NoisyCamTransport(long seed) throws IOException {
        this.pty = new PtyTransport(null);
        this.random = new Random(seed);
    }

    String slavePath() {
        return pty.pty().slavePath();
    }

    /** The bytes of each connection: index 0 host-to-cam, 1 cam-to-host. */
    synchronized List<byte[][]> streams() {
        List<byte[][]> out = new ArrayList<>();
        for (ByteArrayOutputStream[] c : connections) {
            out.add(new byte[][] {c[0].toByteArray(), c[1].toByteArray()});
        }
        return out;
    }

    @Override
    public ByteLink accept(int timeoutMillis) throws IOException {
        ByteLink inner = pty.accept(timeoutMillis);
        if (inner == null) {
            return null;
        }
        ByteArrayOutputStream[] streams = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
        synchronized (this) {
            connections.add(streams);
        }
        return new ByteLink() {
            @Override
            public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
                int n = inner.read(buf, off, len, timeoutMillis);
                if (n > 0) {
                    synchronized (NoisyCamTransport.this) {
                        streams[0].write(buf, off, n);
                    }
                }
                return n;
            }

            @Override
            public void write(byte[] buf, int off, int len) throws IOException {
                byte[] out = java.util.Arrays.copyOfRange(buf, off, off + len);
                byte[] junk = new byte[0];
                synchronized (NoisyCamTransport.this) {
                    if (random.nextInt(40) == 0) {
                        junk = new byte[1 + random.nextInt(24)];
                        random.nextBytes(junk);
                        junk[0] = (byte) 0xAA; // a false start of a packet, too
                    }
                    writes++;
                    if (len > 12 && (writes == 400 || writes == 1500 || writes == 3000)) {
                        out[12 + random.nextInt(len - 12)] ^= 0x10;
                    }
                    streams[1].write(junk, 0, junk.length);
                    streams[1].write(out, 0, out.length);
                }
                if (junk.length > 0) {
                    inner.write(junk, 0, junk.length);
                }
                inner.write(out, 0, out.length);
            }

            @Override
            public boolean isOpen() {
                return inner.isOpen();
            }

            @Override
            public String describe() {
                return inner.describe();
            }

            @Override
            public void close() throws IOException {
                inner.close();
            }
        };
    }

    @Override
    public boolean presentOnInput() {
        return pty.presentOnInput();
    }

    @Override
    public String describe() {
        return pty.describe();
    }

    @Override
    public void close() {
        pty.close();
    }
}
