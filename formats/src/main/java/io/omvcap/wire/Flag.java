package io.omvcap.wire;

import java.util.ArrayList;
import java.util.List;

/** Packet header flags. Bits 6–7 are reserved and kept as they arrive. */
public enum Flag {
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

    /** The bit of this flag. */
    public int mask() {
        return mask;
    }

    /** Whether this flag is set in {@code flags}. */
    public boolean isSet(int flags) {
        return (flags & mask) != 0;
    }

    /** Names of the flags set in {@code flags}; unknown bits appear as {@code BIT6}/{@code BIT7}. */
    public static List<String> names(int flags) {
        List<String> out = new ArrayList<>(3);
        for (Flag f : values()) {
            if (f.isSet(flags)) {
                out.add(f.name());
            }
        }
        for (int bit = 6; bit < 8; bit++) {
            if ((flags & (1 << bit)) != 0) {
                out.add("BIT" + bit);
            }
        }
        return out;
    }

    /** Flags joined with {@code |}, or {@code -} when none is set. */
    public static String describe(int flags) {
        List<String> n = names(flags);
        return n.isEmpty() ? "-" : String.join("|", n);
    }
}
