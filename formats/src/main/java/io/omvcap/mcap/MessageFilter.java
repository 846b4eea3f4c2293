package io.omvcap.mcap;

import java.util.Set;

/**
 * Which messages {@link McapIndexedReader#readMessages} returns: log times in
 * {@code [startTime, endTime]} (both inclusive, compared unsigned) on the given topics or channel
 * ids ({@code null} = all).
 *
 * @param startTime  earliest log time, inclusive
 * @param endTime    latest log time, inclusive ({@code -1L} = the largest uint64)
 * @param topics     topics to include, or {@code null} for all
 * @param channelIds channel ids to include, or {@code null} for all; combined with {@code topics}
 *                   a channel must match both
 */
public record MessageFilter(long startTime, long endTime, Set<String> topics, Set<Integer> channelIds) {
    /** Every message. */
    public static final MessageFilter ALL = new MessageFilter(0, -1L, null, null);

    public MessageFilter {
        topics = topics == null ? null : Set.copyOf(topics);
        channelIds = channelIds == null ? null : Set.copyOf(channelIds);
    }

    /** Every message with {@code start <= logTime <= end}. */
    public static MessageFilter timeRange(long start, long end) {
        return new MessageFilter(start, end, null, null);
    }

    /** A copy limited to {@code topics}. */
    public MessageFilter withTopics(Set<String> newTopics) {
        return new MessageFilter(startTime, endTime, newTopics, channelIds);
    }

    /** A copy limited to {@code ids}. */
    public MessageFilter withChannelIds(Set<Integer> ids) {
        return new MessageFilter(startTime, endTime, topics, ids);
    }

    /** A copy with another time range. */
    public MessageFilter withTimeRange(long start, long end) {
        return new MessageFilter(start, end, topics, channelIds);
    }

    /** Whether {@code logTime} is in range. */
    public boolean includesTime(long logTime) {
        return Long.compareUnsigned(logTime, startTime) >= 0 && Long.compareUnsigned(logTime, endTime) <= 0;
    }

    /** Whether the time range {@code [start, end]} overlaps this filter's range. */
    public boolean overlaps(long start, long end) {
        return Long.compareUnsigned(start, endTime) <= 0 && Long.compareUnsigned(end, startTime) >= 0;
    }

    /** Whether messages on {@code channel} are included. */
    public boolean includes(Channel channel) {
        return (topics == null || topics.contains(channel.topic()))
                && (channelIds == null || channelIds.contains(channel.id()));
    }
}
