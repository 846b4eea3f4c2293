package io.omvcap.wire;

/**
 * A packet whose header and payload CRCs checked out (or CRC checking was off).
 *
 * @param offset stream offset of the packet's first sync byte
 * @param packet the decoded packet
 */
public record ValidPacket(long offset, Packet packet) implements WireEvent {
    @Override
    public int consumed() {
        return packet.wireSize();
    }
}
