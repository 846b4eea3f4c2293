package io.omvcap.replay;

import io.omvcap.link.ByteLink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** A host link that keeps a copy of every byte it receives from the cam. */
final class RecordingLink implements ByteLink {
    private final ByteLink inner;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    RecordingLink(ByteLink inner) {
        this.inner = inner;
    }

    byte[] received() {
        return received.toByteArray();
    }

    @Override
    public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
        int n = inner.read(buf, off, len, timeoutMillis);
        if (n > 0) {
            received.write(buf, off, n);
        }
        return n;
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        inner.write(buf, off, len);
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
}
