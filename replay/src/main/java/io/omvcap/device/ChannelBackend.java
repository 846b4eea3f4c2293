package io.omvcap.device;

/**
 * The cam side of a protocol channel, shaped like the backend object a script passes to
 * {@code protocol.register()}. Every method is optional: the engine only uses the ones a class
 * overrides (see {@link BackendCapability}), and the READ / WRITE / LOCK channel flags of a
 * dynamic channel are derived from them exactly as the firmware does. A backend that throws is
 * treated like a Python method that raised.
 *
 * <p>Backends are called on the engine's thread only.
 */
public interface ChannelBackend {
    /** Whether the channel has data for the host (CHANNEL_POLL bit). */
    default boolean poll() {
        return false;
    }

    /** Tries to lock the channel for the host; true when locked. */
    default boolean lock() {
        return false;
    }

    /** Releases the host's lock; true on success. */
    default boolean unlock() {
        return false;
    }

    /** Bytes available (CHANNEL_SIZE). */
    default long size() {
        return 0;
    }

    /** Up to four dimensions (CHANNEL_SHAPE). */
    default long[] shape() {
        return new long[0];
    }

    /**
     * Copying read: copies up to {@code length} bytes at {@code offset} into {@code dst}. The
     * engine calls it once per fragment of at most min(512, max payload) bytes.
     *
     * @return bytes copied; 0 or less fails the read (NAK FAILED)
     */
    default int read(long offset, byte[] dst, int dstOff, int length) {
        return -1;
    }

    /**
     * Zero-copy read: the bytes at {@code offset}, at least {@code length} of them, or null
     * (NAK FAILED). Preferred over {@link #read} when both exist; fragments at max payload.
     */
    default ByteSlice readp(long offset, long length) {
        return null;
    }

    /**
     * Stores {@code length} bytes written by the host at {@code offset}.
     *
     * @return non-zero on success (normally {@code length}); 0 answers NAK FAILED
     */
    default int write(long offset, byte[] src, int srcOff, int length) {
        return 0;
    }

    /**
     * Performs an ioctl.
     *
     * @return 0 on success; anything else answers NAK FAILED
     */
    default int ioctl(long request, byte[] args) {
        return -1;
    }

    /** Flushes buffered output (unused by the protocol core; kept for completeness). */
    default void flush() {
    }
}
