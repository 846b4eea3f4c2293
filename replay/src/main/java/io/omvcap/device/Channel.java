package io.omvcap.device;

import io.omvcap.payload.ChannelEntry;
import io.omvcap.wire.ChannelFlag;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A registered channel: id, name, flags and its backend. Calls into the backend go through here
 * and turn a backend exception into the failure value the firmware would see from a Python
 * method that raised.
 */
public final class Channel {
    private final int id;
    private final String name;
    private final int flags;
    private final ChannelBackend backend;
    private final Set<BackendCapability> caps;

    Channel(int id, String name, int flags, ChannelBackend backend, Set<BackendCapability> caps) {
        this.id = id;
        this.name = Objects.requireNonNull(name, "name");
        this.flags = flags;
        this.backend = Objects.requireNonNull(backend, "backend");
        this.caps = caps.isEmpty() ? EnumSet.noneOf(BackendCapability.class) : EnumSet.copyOf(caps);
    }

    /** Channel id. */
    public int id() {
        return id;
    }

    /** Channel name. */
    public String name() {
        return name;
    }

    /** Channel flags as listed. */
    public int flags() {
        return flags;
    }

    /** The backend. */
    public ChannelBackend backend() {
        return backend;
    }

    /** Whether the backend implements {@code cap}. */
    public boolean has(BackendCapability cap) {
        return caps.contains(cap);
    }

    /** Whether the channel was registered at run time (flag DYNAMIC). */
    public boolean isDynamic() {
        return ChannelFlag.DYNAMIC.isSet(flags);
    }

    /** This channel's CHANNEL_LIST entry. */
    public ChannelEntry entry() {
        return new ChannelEntry(id, flags, name);
    }

    boolean poll() {
        try {
            return backend.poll();
        } catch (RuntimeException e) {
            return false;
        }
    }

    boolean lock() {
        try {
            return backend.lock();
        } catch (RuntimeException e) {
            return false;
        }
    }

    boolean unlock() {
        try {
            return backend.unlock();
        } catch (RuntimeException e) {
            return false;
        }
    }

    long size() {
        try {
            return backend.size();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    long[] shape() {
        try {
            long[] s = backend.shape();
            return s == null ? new long[0] : s;
        } catch (RuntimeException e) {
            return new long[0];
        }
    }

    int read(long offset, byte[] dst, int dstOff, int length) {
        try {
            return Math.min(backend.read(offset, dst, dstOff, length), length);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    ByteSlice readp(long offset, long length) {
        try {
            return backend.readp(offset, length);
        } catch (RuntimeException e) {
            return null;
        }
    }

    int write(long offset, byte[] src, int srcOff, int length) {
        try {
            return backend.write(offset, src, srcOff, length);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    int ioctl(long request, byte[] args) {
        try {
            return backend.ioctl(request, args);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return id + ":" + name + "[" + ChannelFlag.describe(flags) + "]";
    }
}
