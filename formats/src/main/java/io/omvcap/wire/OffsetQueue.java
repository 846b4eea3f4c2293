package io.omvcap.wire;

import java.util.Arrays;

/** Ascending stream offsets, consumed as a stream position passes them; no allocation once grown. */
final class OffsetQueue {
    private long[] offsets = new long[0];
    private int head;
    private int tail;

    /** Adds an offset (not below the previous one). */
    void add(long offset) {
        if (tail == offsets.length) {
            if (head > 0) {
                System.arraycopy(offsets, head, offsets, 0, tail - head);
                tail -= head;
                head = 0;
            } else {
                offsets = Arrays.copyOf(offsets, Math.max(64, offsets.length * 2));
            }
        }
        offsets[tail++] = offset;
    }

    /** Whether {@code position} is the next offset; offsets behind it are dropped. */
    boolean reached(long position) {
        if (head == tail) {
            return false;
        }
        while (head < tail && offsets[head] < position) {
            head++;
        }
        if (head == tail) {
            head = 0;
            tail = 0;
            return false;
        }
        return offsets[head] == position;
    }
}
