package io.omvcap.testing;

import io.omvcap.link.ByteLink;
import io.omvcap.link.PipeLink;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * A host's view of a pseudo-terminal slave opened with plain {@code java.io} (no serial library):
 * one stream for reading, one for writing (a {@code FileChannel} would serialise a blocked read
 * and a write), and a reader thread moving what arrives into a pipe so reads can time out.
 */
public final class FileLink implements ByteLink {
    private final FileInputStream in;
    private final FileOutputStream out;
    private volatile boolean open = true;
    private final PipeLink[] pipe = PipeLink.pair("file");
    private final String path;
    private final Thread reader;

    /** Opens {@code path} read-write. */
    public FileLink(String path) throws IOException {
        this.path = path;
        this.in = new FileInputStream(path);
        this.out = new FileOutputStream(path);
        reader = new Thread(this::pump, "file-link-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void pump() {
        byte[] b = new byte[64 * 1024];
        try {
            while (open) {
                int n = in.read(b);
                if (n < 0) {
                    break;
                }
                pipe[1].write(b, 0, n);
            }
        } catch (IOException e) {
            // closed
        } finally {
            pipe[1].close();
        }
    }

    @Override
    public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
        return pipe[0].read(buf, off, len, timeoutMillis);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        out.write(buf, off, len);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public String describe() {
        return path;
    }

    @Override
    public void close() throws IOException {
        open = false;
        out.close();
        in.close();
        pipe[0].close();
    }
}
