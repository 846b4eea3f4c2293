package io.omvcap.mcap;

import java.util.Arrays;
import java.util.Objects;

/**
 * Message Index (op 0x07): where one channel's messages sit inside the preceding chunk. Entry
 * {@code i} is ({@code logTimes[i]}, {@code offsets[i]}), the offset counted from the start of the
 * decompressed chunk records.
 *
 * @param channelId the channel
 * @param logTimes  log time per entry (not copied)
 * @param offsets   record offset per entry (not copied), same length as {@code logTimes}
 */
public record MessageIndex(int channelId, long[] logTimes, long[] offsets) implements McapRecord {
    /** Bytes per entry on disk: log time and offset. */
    public static final int ENTRY_LENGTH = 16;

    public MessageIndex {
        Objects.requireNonNull(logTimes, "logTimes");
        Objects.requireNonNull(offsets, "offsets");
        if (logTimes.length != offsets.length) {
            throw new IllegalArgumentException("logTimes and offsets differ in length");
        }
    }

    /** Number of entries. */
    public int size() {
        return logTimes.length;
    }

    @Override
    public int opcode() {
        return Opcode.MESSAGE_INDEX.code();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageIndex m && m.channelId == channelId && Arrays.equals(m.logTimes, logTimes)
                && Arrays.equals(m.offsets, offsets);
    }

    @Override
    public int hashCode() {
        return (channelId * 31 + Arrays.hashCode(logTimes)) * 31 + Arrays.hashCode(offsets);
    }

    @Override
    public String toString() {
        return "MessageIndex[channelId=" + channelId + ", entries=" + logTimes.length + "]";
    }
}
