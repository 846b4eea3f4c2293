package io.omvcap.tap;

import io.omvcap.wire.Direction;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the forwarding threads hand to the archive thread, in the order it happened: copies of the
 * forwarded chunks and the moments hosts came and went or the cam was lost. Bounded by bytes: when
 * the archive falls that far behind (a stalled disk), forwarding waits rather than losing data.
 *
 * <p>Adding an item does not wake the archive thread (a wake-up per chunk would cost the forwarding
 * threads CPU and latency on a busy machine): it looks every {@link #CONSUMER_TICK_NANOS} and takes
 * what has arrived, and is woken early only when the queue is half full.
 */
final class ChunkQueue {
    /** What an item says. */
    enum Kind {
        /** Bytes forwarded in {@link Item#dir()}. */
        CHUNK,
        /** A host opened the link; {@link Item#detail()} describes it. */
        HOST_OPENED,
        /** The host closed the link. */
        HOST_CLOSED,
        /** The cam's link ended or failed; {@link Item#detail()} says why, {@link Item#generation()} which link. */
        CAM_LOST,
        /** The host changed the line settings; {@link Item#detail()} says how. */
        LINE
    }

    /**
     * One item.
     *
     * @param kind       what happened
     * @param dir        direction of a chunk
     * @param nanoTime   {@link System#nanoTime()} when it happened (a chunk: when it was read)
     * @param data       a chunk's bytes (a copy owned by the item)
     * @param detail     one line for the non-chunk kinds
     * @param generation the cam link a {@link Kind#CAM_LOST} is about
     */
    record Item(Kind kind, Direction dir, long nanoTime, byte[] data, String detail, long generation) {
        static Item chunk(Direction dir, long nanoTime, byte[] buf, int off, int len) {
            byte[] copy = new byte[len];
            System.arraycopy(buf, off, copy, 0, len);
            return new Item(Kind.CHUNK, dir, nanoTime, copy, null, 0);
        }

        static Item marker(Kind kind, long nanoTime, String detail, long generation) {
            return new Item(kind, null, nanoTime, null, detail, generation);
        }
    }

    /** How often the archive thread looks for new items when it is not woken. */
    static final long CONSUMER_TICK_NANOS = 2_000_000;
    private final long capacityBytes;
    private final ArrayDeque<Item> items = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private long bytes;
    private long waits;

    /** A queue holding at most {@code capacityBytes} of chunk data (one oversized chunk always fits). */
    ChunkQueue(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /** Adds an item, waiting while the queue is full. */
    void put(Item item) throws InterruptedIOException {
        int size = item.data() == null ? 0 : item.data().length;
        lock.lock();
        try {
            if (bytes > 0 && bytes + size > capacityBytes) {
                waits++;
                while (bytes > 0 && bytes + size > capacityBytes) {
                    notFull.await();
                }
            }
            items.add(item);
            bytes += size;
            if (bytes > capacityBytes / 2) {
                notEmpty.signal();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the archive was behind");
        } finally {
            lock.unlock();
        }
    }

    /** The next item, waiting up to {@code millis}; null when none came. */
    Item poll(long millis) throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (items.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                notEmpty.awaitNanos(Math.min(left, CONSUMER_TICK_NANOS));
            }
            Item item = items.poll();
            bytes -= item.data() == null ? 0 : item.data().length;
            notFull.signalAll();
            return item;
        } finally {
            lock.unlock();
        }
    }

    /** How often forwarding had to wait for the archive. */
    long waits() {
        lock.lock();
        try {
            return waits;
        } finally {
            lock.unlock();
        }
    }
}
