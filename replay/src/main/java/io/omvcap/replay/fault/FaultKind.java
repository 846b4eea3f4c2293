package io.omvcap.replay.fault;

import java.util.Locale;

/** What a fault does. */
public enum FaultKind {
    /** A cam packet is not sent. */
    DROP,
    /** A cam packet is sent with one byte flipped, so its CRC is wrong. */
    CORRUPT,
    /** A cam packet is sent twice. */
    DUPLICATE,
    /** A cam packet is sent late (later packets wait behind it). */
    DELAY,
    /** The cam sends nothing for a while. */
    STALL,
    /** A host request is answered with a NAK carrying a status instead of being processed. */
    NAK,
    /** The link hangs up. */
    DISCONNECT;

    /** The name used in specs, e.g. {@code drop}. */
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether it acts on host requests rather than on cam packets. */
    public boolean onRequests() {
        return this == NAK;
    }
}
