package io.omvcap.wire;

import java.util.ArrayList;
import java.util.List;

/** A flag that is one bit of a byte-wide field; {@link Flag} and {@link ChannelFlag} are the two. */
public interface BitFlag {
    /** The bit of this flag. */
    int mask();

    /** Whether this flag is set in {@code flags}. */
    default boolean isSet(int flags) {
        return (flags & mask()) != 0;
    }

    /** The names of {@code known} flags set in {@code flags}, then unknown bits as {@code BITn}. */
    static List<String> names(int flags, BitFlag[] known) {
        List<String> out = new ArrayList<>(4);
        int unknown = flags & 0xFF;
        for (BitFlag f : known) {
            if (f.isSet(flags)) {
                out.add(((Enum<?>) f).name());
            }
            unknown &= ~f.mask();
        }
        for (int bit = 0; bit < 8; bit++) {
            if ((unknown & (1 << bit)) != 0) {
                out.add("BIT" + bit);
            }
        }
        return out;
    }

    /** Flag names joined with {@code |}, or {@code -} when none is set. */
    static String describe(int flags, BitFlag[] known) {
        List<String> n = names(flags, known);
        return n.isEmpty() ? "-" : String.join("|", n);
    }
}
