package io.omvcap.wire;

/**
 * A run of bytes skipped while hunting for the next packet: line noise, a boot banner, the rest of
 * a rejected header.
 *
 * @param offset stream offset of the first skipped byte
 * @param length number of skipped bytes
 */
public record Noise(long offset, int length) implements WireEvent {
    @Override
    public int consumed() {
        return length;
    }
}
