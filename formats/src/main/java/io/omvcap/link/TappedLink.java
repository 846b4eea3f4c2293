package io.omvcap.link;

import io.omvcap.wire.Direction;
import java.io.IOException;
import java.util.Objects;

/**
 * Wraps a link and reports every byte read and written to a {@link TapListener}. Bytes read are
 * reported as {@code inbound}, bytes written as its opposite: a host wraps its link with
 * {@code inbound = CAM_TO_HOST}, a simulated cam with {@code HOST_TO_CAM}.
 */
public final class TappedLink implements ByteLink {
    private final ByteLink inner;
    private final Direction inbound;
    private final TapListener tap;

    /** Taps {@code inner}; bytes read from it travel in {@code inbound}. */
    public TappedLink(ByteLink inner, Direction inbound, TapListener tap) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.inbound = Objects.requireNonNull(inbound, "inbound");
        this.tap = Objects.requireNonNull(tap, "tap");
    }

    @Override
    public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
        int n = inner.read(buf, off, len, timeoutMillis);
        if (n > 0) {
            tap.onBytes(inbound, buf, off, n, System.nanoTime());
        }
        return n;
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        inner.write(buf, off, len);
        if (len > 0) {
            tap.onBytes(inbound.opposite(), buf, off, len, System.nanoTime());
        }
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
