package io.omvcap.mcap;

import java.util.Arrays;
import java.util.Map;

/**
 * The writer's open chunk: serialised records plus, per channel, the (log time, offset) pairs
 * for its MessageIndex records. Buffers are kept across chunks, so steady-state writing does not
 * allocate; memory is bounded by the chunk size.
 */
final class ChunkBuilder {
    private final ByteSink records;
    private long[][] indexByChannel = new long[16][];
    private int[] indexSize = new int[16];
    private int[] touched = new int[16];
    private int touchedCount;
    private long startTime;
    private long endTime;
    private boolean hasMessages;
    private long openedAtNanos;

    /** Starts small; the buffer grows to the chunk size (plus one message) on first use. */
    ChunkBuilder(int initialCapacity) {
        records = new ByteSink(initialCapacity);
    }

    boolean isEmpty() {
        return records.size() == 0;
    }

    int size() {
        return records.size();
    }

    ByteSink records() {
        return records;
    }

    long startTime() {
        return hasMessages ? startTime : 0;
    }

    long endTime() {
        return hasMessages ? endTime : 0;
    }

    long openedAtNanos() {
        return openedAtNanos;
    }

    /** Adds a Schema or Channel record. */
    void addRecord(McapRecord record, long nowNanos) {
        opening(nowNanos);
        RecordEncoder.encode(record, records);
    }

    void addMessage(int channelId, long sequence, long logTime, long publishTime, byte[] data, int off, int len,
                    long nowNanos) {
        opening(nowNanos);
        int offset = records.size();
        records.ensure(Mcap.RECORD_HEADER_LENGTH + Message.FIXED_LENGTH + (long) len);
        records.putU8(Opcode.MESSAGE.code());
        records.putU64(Message.FIXED_LENGTH + (long) len);
        records.putU16(channelId);
        records.putU32(sequence);
        records.putU64(logTime);
        records.putU64(publishTime);
        records.putBytes(data, off, len);
        index(channelId, logTime, offset);
        if (!hasMessages || Long.compareUnsigned(logTime, startTime) < 0) {
            startTime = logTime;
        }
        if (!hasMessages || Long.compareUnsigned(logTime, endTime) > 0) {
            endTime = logTime;
        }
        hasMessages = true;
    }

    private void opening(long nowNanos) {
        if (records.size() == 0) {
            openedAtNanos = nowNanos;
        }
    }

    private void index(int channelId, long logTime, long offset) {
        if (channelId >= indexByChannel.length) {
            int n = Math.max(channelId + 1, indexByChannel.length * 2);
            indexByChannel = Arrays.copyOf(indexByChannel, n);
            indexSize = Arrays.copyOf(indexSize, n);
        }
        long[] entries = indexByChannel[channelId];
        int size = indexSize[channelId];
        if (size == 0) {
            if (touchedCount == touched.length) {
                touched = Arrays.copyOf(touched, touchedCount * 2);
            }
            touched[touchedCount++] = channelId;
        }
        if (entries == null || 2 * size + 2 > entries.length) {
            entries = entries == null ? new long[64] : Arrays.copyOf(entries, entries.length * 2);
            indexByChannel[channelId] = entries;
        }
        entries[2 * size] = logTime;
        entries[2 * size + 1] = offset;
        indexSize[channelId] = size + 1;
    }

    /**
     * Appends one MessageIndex record per channel with messages, by channel id, to {@code out};
     * {@code fileOffsetOfOut0} is the file offset {@code out}'s byte 0 will land at. Fills
     * {@code offsets} with each record's file offset.
     */
    void writeIndexes(ByteSink out, long fileOffsetOfOut0, Map<Integer, Long> offsets) {
        int[] ids = Arrays.copyOf(touched, touchedCount);
        Arrays.sort(ids);
        for (int id : ids) {
            int n = indexSize[id];
            long[] entries = indexByChannel[id];
            offsets.put(id, fileOffsetOfOut0 + out.size());
            out.ensure(Mcap.RECORD_HEADER_LENGTH + 6 + (long) n * MessageIndex.ENTRY_LENGTH);
            out.putU8(Opcode.MESSAGE_INDEX.code());
            out.putU64(6 + (long) n * MessageIndex.ENTRY_LENGTH);
            out.putU16(id);
            out.putU32((long) n * MessageIndex.ENTRY_LENGTH);
            for (int i = 0; i < 2 * n; i++) {
                out.putU64(entries[i]);
            }
        }
    }

    void reset() {
        records.reset();
        for (int i = 0; i < touchedCount; i++) {
            indexSize[touched[i]] = 0;
        }
        touchedCount = 0;
        hasMessages = false;
        startTime = 0;
        endTime = 0;
    }
}
