package io.omvcap.archive;

import io.omvcap.wire.Direction;
import io.omvcap.wire.InvalidReason;
import io.omvcap.wire.WireVisitor;
import java.util.Arrays;

/**
 * The packets a decoder found in one transport chunk, held until the cursor hands them out one
 * by one. A packet whose bytes lie in the stable batch array is referenced where it is; one that
 * the decoder assembled in its own (moving) buffer is copied into a reused arena. No allocation
 * once the arrays have grown to the largest chunk.
 */
final class PacketQueue implements WireVisitor {
    private static final InvalidReason[] REASONS = InvalidReason.values();

    private byte[] stable;
    private byte[] arena = new byte[4096];
    private int arenaSize;
    private long[] offsets = new long[64];
    private int[] starts = new int[64];
    private int[] lengths = new int[64];
    private int[] consumed = new int[64];
    /** -1 for a valid packet, else the ordinal of the invalid reason. */
    private int[] reasons = new int[64];
    private boolean[] inArena = new boolean[64];
    private int head;
    private int tail;

    /** Empties the queue; bytes in {@code stableArray} may be referenced rather than copied. */
    void reset(byte[] stableArray) {
        stable = stableArray;
        head = 0;
        tail = 0;
        arenaSize = 0;
    }

    boolean isEmpty() {
        return head == tail;
    }

    /** Points {@code view} at the next packet and removes it. */
    void pop(PacketView view, Direction dir, long time) {
        int i = head++;
        byte[] src = inArena[i] ? arena : stable;
        if (reasons[i] < 0) {
            view.setValid(dir, time, offsets[i], src, starts[i], lengths[i]);
        } else {
            view.setInvalid(dir, time, offsets[i], REASONS[reasons[i]], src, starts[i], lengths[i], consumed[i]);
        }
    }

    @Override
    public void valid(long offset, byte[] buf, int off, int size) {
        add(offset, -1, buf, off, size, size);
    }

    @Override
    public void invalid(long offset, InvalidReason reason, byte[] buf, int off, int rawLength, int consumedBytes) {
        add(offset, reason.ordinal(), buf, off, rawLength, consumedBytes);
    }

    @Override
    public void noise(long offset, int length) {
        // noise is visible in the wire bytes; it is not a packet
    }

    private void add(long offset, int reason, byte[] buf, int off, int len, int consumedBytes) {
        if (tail == offsets.length) {
            grow();
        }
        offsets[tail] = offset;
        reasons[tail] = reason;
        lengths[tail] = len;
        consumed[tail] = consumedBytes;
        if (buf == stable) {
            starts[tail] = off;
            inArena[tail] = false;
        } else {
            if (arenaSize + len > arena.length) {
                arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + len));
            }
            System.arraycopy(buf, off, arena, arenaSize, len);
            starts[tail] = arenaSize;
            inArena[tail] = true;
            arenaSize += len;
        }
        tail++;
    }

    private void grow() {
        int n = offsets.length * 2;
        offsets = Arrays.copyOf(offsets, n);
        starts = Arrays.copyOf(starts, n);
        lengths = Arrays.copyOf(lengths, n);
        consumed = Arrays.copyOf(consumed, n);
        reasons = Arrays.copyOf(reasons, n);
        inArena = Arrays.copyOf(inArena, n);
    }
}
