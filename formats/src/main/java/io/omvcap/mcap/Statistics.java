package io.omvcap.mcap;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Statistics (op 0x0B, summary section): counts and time range of the whole file.
 *
 * @param messageCount         number of messages
 * @param schemaCount          distinct schema ids (uint16)
 * @param channelCount         distinct channel ids (uint32)
 * @param attachmentCount      attachments (uint32)
 * @param metadataCount        metadata records (uint32)
 * @param chunkCount           chunks (uint32)
 * @param messageStartTime     earliest message log time, 0 if none
 * @param messageEndTime       latest message log time, 0 if none
 * @param channelMessageCounts channel id to message count (copied, sorted by id)
 */
public record Statistics(long messageCount, int schemaCount, long channelCount, long attachmentCount,
                         long metadataCount, long chunkCount, long messageStartTime, long messageEndTime,
                         Map<Integer, Long> channelMessageCounts) implements McapRecord {
    public Statistics {
        channelMessageCounts = Collections.unmodifiableMap(new TreeMap<>(channelMessageCounts));
    }

    @Override
    public int opcode() {
        return Opcode.STATISTICS.code();
    }
}
