package io.omvcap.link;

import io.omvcap.wire.Direction;

/**
 * Sees every chunk of bytes crossing a link, in order, with a monotonic timestamp. Called on the
 * reading or writing thread; implementations must copy what they keep and return quickly.
 */
@FunctionalInterface
public interface TapListener {
    /**
     * @param direction which way the bytes went
     * @param buf       buffer holding the bytes (valid only during the call)
     * @param off       first byte
     * @param len       number of bytes, &gt; 0
     * @param nanoTime  {@link System#nanoTime()} when the chunk was read or written
     */
    void onBytes(Direction direction, byte[] buf, int off, int len, long nanoTime);
}
