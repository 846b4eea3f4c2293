package io.omvcap.device;

/**
 * Where the cam's bytes go: the transport's write side. One call per packet. Returns false on a
 * short or failed write, which the engine counts as a transport error (the packet is abandoned).
 */
@FunctionalInterface
public interface CamOutput {
    /** Writes {@code len} bytes of {@code buf} from {@code off}; false when they could not all be written. */
    boolean write(byte[] buf, int off, int len);

    /** An output that drops everything (no transport). */
    CamOutput DISCARD = (buf, off, len) -> true;
}
