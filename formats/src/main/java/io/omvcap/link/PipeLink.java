package io.omvcap.link;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-process connected pair of links, like a null-modem cable: what one end writes the other
 * reads. Each direction is a bounded ring buffer (writers wait when it is full), so a fast
 * producer cannot exhaust memory. Closing either end ends the stream for both.
 */
public final class PipeLink implements ByteLink {
    /** Default buffer per direction. */
    public static final int DEFAULT_CAPACITY = 256 * 1024;

    private final Ring in;
    private final Ring out;
    private final String name;

    private PipeLink(Ring in, Ring out, String name) {
        this.in = in;
        this.out = out;
        this.name = name;
    }

    /** A connected pair: element 0 is the host end, element 1 the cam end. */
    public static PipeLink[] pair(String name) {
        return pair(name, DEFAULT_CAPACITY);
    }

    /** A connected pair with {@code capacity} bytes buffered per direction. */
    public static PipeLink[] pair(String name, int capacity) {
        Ring hostToCam = new Ring(capacity);
        Ring camToHost = new Ring(capacity);
        return new PipeLink[] {new PipeLink(camToHost, hostToCam, name), new PipeLink(hostToCam, camToHost, name)};
    }

    @Override
    public int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
        return in.read(buf, off, len, timeoutMillis);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        out.write(buf, off, len);
    }

    @Override
    public boolean isOpen() {
        return !in.isClosed() && !out.isClosed();
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public void close() {
        in.close();
        out.close();
    }

    /** One direction: a ring buffer guarded by a lock. */
    private static final class Ring {
        private final byte[] data;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition notEmpty = lock.newCondition();
        private final Condition notFull = lock.newCondition();
        private int head;
        private int size;
        private boolean closed;

        Ring(int capacity) {
            if (capacity <= 0) {
                throw new IllegalArgumentException("capacity must be positive");
            }
            data = new byte[capacity];
        }

        int read(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
            if (len == 0) {
                return 0;
            }
            lock.lock();
            try {
                long remaining = TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
                while (size == 0) {
                    if (closed) {
                        return -1;
                    }
                    if (remaining <= 0) {
                        return 0;
                    }
                    remaining = notEmpty.awaitNanos(remaining);
                }
                int n = Math.min(len, size);
                int first = Math.min(n, data.length - head);
                System.arraycopy(data, head, buf, off, first);
                System.arraycopy(data, 0, buf, off + first, n - first);
                head = (head + n) % data.length;
                size -= n;
                notFull.signalAll();
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading");
            } finally {
                lock.unlock();
            }
        }

        void write(byte[] buf, int off, int len) throws IOException {
            lock.lock();
            try {
                while (len > 0) {
                    while (size == data.length && !closed) {
                        notFull.await();
                    }
                    if (closed) {
                        throw new IOException("pipe closed");
                    }
                    int tail = (head + size) % data.length;
                    int n = Math.min(len, Math.min(data.length - size, data.length - tail));
                    System.arraycopy(buf, off, data, tail, n);
                    size += n;
                    off += n;
                    len -= n;
                    notEmpty.signalAll();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing");
            } finally {
                lock.unlock();
            }
        }

        boolean isClosed() {
            lock.lock();
            try {
                return closed;
            } finally {
                lock.unlock();
            }
        }

        void close() {
            lock.lock();
            try {
                closed = true;
                notEmpty.signalAll();
                notFull.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
