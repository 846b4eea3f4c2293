package io.omvcap.wire;

/**
 * What the {@link PacketDecoder} finds in a byte stream, in stream order. Every byte fed to the
 * decoder is accounted for by exactly one event ({@link #offset()} and {@link #consumed()}), so
 * the events of a stream tile it without gaps or overlaps.
 */
public sealed interface WireEvent permits ValidPacket, InvalidPacket, Noise {
    /** Stream offset of the first byte this event covers. */
    long offset();

    /** Number of stream bytes this event accounts for. */
    int consumed();
}
