package io.omvcap.wire;

import java.util.List;

/** Packet header flags. Bits 6–7 are reserved and kept as they arrive. */
public enum Flag implements BitFlag {
    /** Positive acknowledgement; also the reply to commands without a data response. */
    ACK(0x01),
    /** Negative acknowledgement; the payload is a uint16 {@link Status}. */
    NAK(0x02),
    /** Retransmission of a packet that was not acknowledged in time. */
    RTX(0x04),
    /** The receiver must acknowledge this packet. */
    ACK_REQ(0x08),
    /** More fragments of the same response follow. */
    FRAGMENT(0x10),
    /** An event packet (system or channel event). */
    EVENT(0x20);

    private final int mask;

    Flag(int mask) {
        this.mask = mask;
    }

    @Override
    public int mask() {
        return mask;
    }

    /** Names of the flags set in {@code flags}; reserved bits appear as {@code BIT6}/{@code BIT7}. */
    public static List<String> names(int flags) {
        return BitFlag.names(flags, values());
    }

    /** Flags joined with {@code |}, or {@code -} when none is set. */
    public static String describe(int flags) {
        return BitFlag.describe(flags, values());
    }
}
