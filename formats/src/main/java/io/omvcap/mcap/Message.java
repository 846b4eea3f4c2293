package io.omvcap.mcap;

import java.util.Arrays;
import java.util.Objects;

/**
 * Message (op 0x05): one timestamped message on a channel.
 *
 * @param channelId   the channel
 * @param sequence    publisher's counter (uint32)
 * @param logTime     when it was recorded, ns (uint64)
 * @param publishTime when it was published, ns (uint64); the log time when unknown
 * @param data        message bytes (not copied)
 */
public record Message(int channelId, long sequence, long logTime, long publishTime, byte[] data)
        implements McapRecord {
    /** Fixed part of a Message record before {@code data}. */
    public static final int FIXED_LENGTH = 2 + 4 + 8 + 8;

    public Message {
        Objects.requireNonNull(data, "data");
    }

    @Override
    public int opcode() {
        return Opcode.MESSAGE.code();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && m.channelId == channelId && m.sequence == sequence
                && m.logTime == logTime && m.publishTime == publishTime && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channelId, sequence, logTime, publishTime) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Message[channelId=" + channelId + ", sequence=" + sequence + ", logTime=" + Long.toUnsignedString(logTime)
                + ", publishTime=" + Long.toUnsignedString(publishTime) + ", data=" + data.length + " bytes]";
    }
}
