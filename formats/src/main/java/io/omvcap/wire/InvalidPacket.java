package io.omvcap.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * A framed packet that was rejected, kept for the record with the reason.
 *
 * @param offset   stream offset of the packet's first sync byte
 * @param reason   why it was rejected
 * @param raw      the bytes that were examined: at least the header when one was complete, the
 *                 whole packet for payload CRC failures (not copied; treat as immutable)
 * @param consumed stream bytes this event accounts for; the decoder resumes scanning after them
 */
public record InvalidPacket(long offset, InvalidReason reason, byte[] raw, int consumed) implements WireEvent {
    /** Validates the fields. */
    public InvalidPacket {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(raw, "raw");
    }

    /** Whether the raw bytes hold a complete header whose fields can be read. */
    public boolean hasHeader() {
        return raw.length >= WireFormat.HEADER_SIZE;
    }

    /** Header sequence number, or -1 without a complete header. */
    public int sequence() {
        return raw.length > 2 ? raw[2] & 0xFF : -1;
    }

    /** Header channel id, or -1. */
    public int channel() {
        return raw.length > 3 ? raw[3] & 0xFF : -1;
    }

    /** Header flags, or -1. */
    public int flags() {
        return raw.length > 4 ? raw[4] & 0xFF : -1;
    }

    /** Header opcode, or -1. */
    public int opcode() {
        return raw.length > 5 ? raw[5] & 0xFF : -1;
    }

    /** The length the header claims, or -1. */
    public int claimedLength() {
        return raw.length >= 8 ? WireFormat.u16(raw, 6) : -1;
    }

    /** The payload bytes present in {@link #raw()} (possibly fewer than claimed). */
    public byte[] payload() {
        if (!hasHeader()) {
            return new byte[0];
        }
        int end = Math.min(raw.length, WireFormat.HEADER_SIZE + Math.max(claimedLength(), 0));
        return Arrays.copyOfRange(raw, WireFormat.HEADER_SIZE, end);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InvalidPacket p && p.offset == offset && p.reason == reason && p.consumed == consumed
                && Arrays.equals(p.raw, raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(offset, reason, consumed) * 31 + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "InvalidPacket[offset=" + offset + ", reason=" + reason + ", raw=" + raw.length + " bytes, consumed="
                + consumed + "]";
    }
}
