package io.omvcap.wire;

import java.util.ArrayList;
import java.util.List;

/** Capability flags of a device channel, as listed by CHANNEL_LIST. */
public enum ChannelFlag {
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

    /** The bit of this flag. */
    public int mask() {
        return mask;
    }

    /** Whether this flag is set in {@code flags}. */
    public boolean isSet(int flags) {
        return (flags & mask) != 0;
    }

    /** Names of the flags set in {@code flags}. */
    public static List<String> names(int flags) {
        List<String> out = new ArrayList<>(4);
        for (ChannelFlag f : values()) {
            if (f.isSet(flags)) {
                out.add(f.name());
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
