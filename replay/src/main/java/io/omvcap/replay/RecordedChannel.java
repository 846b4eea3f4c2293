package io.omvcap.replay;

import io.omvcap.device.BackendCapability;
import io.omvcap.device.ByteSlice;
import io.omvcap.device.ChannelBackend;
import io.omvcap.payload.ChannelEntry;
import io.omvcap.wire.ChannelFlag;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The backend of a script channel in a replay: holds the recorded payload being served, at the
 * offset it was read from. Poll is true while it is there and not yet consumed; size is where it
 * ends (its offset plus its length); reads (copying or zero-copy, as the channel's recorded reads
 * were) return its bytes. Bytes before its offset were never recorded: copying reads give zeros for
 * them, zero-copy reads fail. It counts as consumed once an answer that reached its last byte was
 * delivered. Writes and ioctls are accepted (the cam reports them); LOCK succeeds while there is a
 * payload to lock.
 */
final class RecordedChannel implements ChannelBackend {
    private byte[] data;
    private long base;
    private boolean consumed = true;
    private boolean reachedEnd;
    private boolean locked;

    /**
     * The backend methods a channel listed with {@code entry} has: poll, size and ioctl always;
     * {@code readp} (zero-copy) or {@code read} (copying, 512-byte fragments) for READ; write for
     * WRITE; lock and unlock for LOCK.
     */
    static Set<BackendCapability> capabilities(ChannelEntry entry, boolean zeroCopy) {
        Set<BackendCapability> caps = EnumSet.of(BackendCapability.POLL, BackendCapability.SIZE, BackendCapability.IOCTL);
        if (entry.has(ChannelFlag.READ)) {
            caps.add(zeroCopy ? BackendCapability.READP : BackendCapability.READ);
        }
        if (entry.has(ChannelFlag.WRITE)) {
            caps.add(BackendCapability.WRITE);
        }
        if (entry.has(ChannelFlag.LOCK)) {
            caps.add(BackendCapability.LOCK);
            caps.add(BackendCapability.UNLOCK);
        }
        return caps;
    }

    /** Serves {@code payload}, read at {@code offset}, from now on. */
    void install(byte[] payload, long offset) {
        data = payload;
        base = offset;
        consumed = false;
        reachedEnd = false;
    }

    /** Forgets the payload. */
    void clear() {
        data = null;
        consumed = true;
        locked = false;
    }

    /** A new read request begins. */
    void readRequested() {
        reachedEnd = false;
    }

    /**
     * An answer was delivered; returns true when it completed the payload (now consumed).
     */
    boolean delivered(boolean nak) {
        boolean done = reachedEnd && !nak && !consumed;
        reachedEnd = false;
        if (done) {
            consumed = true;
        }
        return done;
    }

    /** Whether a payload is there and not consumed. */
    boolean holding() {
        return data != null && !consumed;
    }

    @Override
    public boolean poll() {
        return holding();
    }

    @Override
    public long size() {
        return holding() ? end() : 0;
    }

    private long end() {
        return base + data.length;
    }

    @Override
    public int read(long offset, byte[] dst, int dstOff, int length) {
        if (!holding() || offset >= end()) {
            return 0;
        }
        int n = (int) Math.min(length, end() - offset);
        int unrecorded = (int) Math.max(0, Math.min(n, base - offset));
        Arrays.fill(dst, dstOff, dstOff + unrecorded, (byte) 0);
        System.arraycopy(data, (int) (offset + unrecorded - base), dst, dstOff + unrecorded, n - unrecorded);
        if (offset + n >= end()) {
            reachedEnd = true;
        }
        return n;
    }

    @Override
    public ByteSlice readp(long offset, long length) {
        if (!holding() || offset < base || offset + length > end()) {
            return null;
        }
        if (offset + length == end()) {
            reachedEnd = true;
        }
        return new ByteSlice(data, (int) (offset - base), (int) length);
    }

    @Override
    public int write(long offset, byte[] src, int srcOff, int length) {
        return length;
    }

    @Override
    public int ioctl(long request, byte[] args) {
        return 0;
    }

    @Override
    public boolean lock() {
        if (locked || !holding()) {
            return false;
        }
        locked = true;
        return true;
    }

    @Override
    public boolean unlock() {
        locked = false;
        return true;
    }
}
