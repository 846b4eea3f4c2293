package io.omvcap.wire;

import java.util.List;

/** Capability flags of a device channel, as listed by CHANNEL_LIST. */
public enum ChannelFlag implements BitFlag {
    READ(0x01),
    WRITE(0x02),
    EXEC(0x04),
    LOCK(0x08),
    STREAM(0x10),
    DYNAMIC(0x20),
    PHYSICAL(0x40);

    private final int mask;

    ChannelFlag(int mask) {
        this.mask = mask;
    }

    @Override
    public int mask() {
        return mask;
    }

    /** Names of the flags set in {@code flags}; an unknown bit appears as {@code BIT7}. */
    public static List<String> names(int flags) {
        return BitFlag.names(flags, values());
    }

    /** Flags joined with {@code |}, or {@code -} when none is set. */
    public static String describe(int flags) {
        return BitFlag.describe(flags, values());
    }
}
