package io.omvcap.mcap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the writer remembers for the summary section: schemas, channels, counts and the small
 * index records. Message contents are never kept.
 */
final class SummaryCollector {
    private final Map<Integer, Schema> schemas = new TreeMap<>();
    private final Map<Integer, Channel> channels = new TreeMap<>();
    private final List<ChunkIndex> chunkIndexes = new ArrayList<>();
    private final List<AttachmentIndex> attachmentIndexes = new ArrayList<>();
    private final List<MetadataIndex> metadataIndexes = new ArrayList<>();
    private long[] channelCounts = new long[16];
    private long messageCount;
    private long startTime;
    private long endTime;

    Schema schema(int id) {
        return schemas.get(id);
    }

    Channel channel(int id) {
        return channels.get(id);
    }

    Map<Integer, Schema> schemas() {
        return schemas;
    }

    Map<Integer, Channel> channels() {
        return channels;
    }

    void addSchema(Schema s) {
        schemas.put(s.id(), s);
    }

    void addChannel(Channel c) {
        channels.put(c.id(), c);
    }

    void countMessage(int channelId, long logTime) {
        if (channelId >= channelCounts.length) {
            channelCounts = Arrays.copyOf(channelCounts, Math.max(channelId + 1, channelCounts.length * 2));
        }
        channelCounts[channelId]++;
        if (messageCount == 0 || Long.compareUnsigned(logTime, startTime) < 0) {
            startTime = logTime;
        }
        if (messageCount == 0 || Long.compareUnsigned(logTime, endTime) > 0) {
            endTime = logTime;
        }
        messageCount++;
    }

    void addChunkIndex(ChunkIndex ci) {
        chunkIndexes.add(ci);
    }

    void addAttachmentIndex(AttachmentIndex ai) {
        attachmentIndexes.add(ai);
    }

    void addMetadataIndex(MetadataIndex mi) {
        metadataIndexes.add(mi);
    }

    List<ChunkIndex> chunkIndexes() {
        return chunkIndexes;
    }

    Statistics statistics() {
        Map<Integer, Long> perChannel = new TreeMap<>();
        for (int id = 0; id < channelCounts.length; id++) {
            if (channelCounts[id] > 0) {
                perChannel.put(id, channelCounts[id]);
            }
        }
        return new Statistics(messageCount, schemas.size(), channels.size(), attachmentIndexes.size(),
                metadataIndexes.size(), chunkIndexes.size(), startTime, endTime, perChannel);
    }

    /**
     * Writes the summary section grouped by opcode, then one SummaryOffset per non-empty group.
     * Returns the file offset of the first SummaryOffset record.
     */
    long write(WriterOutput out, ByteSink staging) throws IOException {
        List<SummaryOffset> offsets = new ArrayList<>();
        group(out, staging, Opcode.SCHEMA, schemas.values(), offsets);
        group(out, staging, Opcode.CHANNEL, channels.values(), offsets);
        group(out, staging, Opcode.STATISTICS, List.of(statistics()), offsets);
        group(out, staging, Opcode.CHUNK_INDEX, chunkIndexes, offsets);
        group(out, staging, Opcode.ATTACHMENT_INDEX, attachmentIndexes, offsets);
        group(out, staging, Opcode.METADATA_INDEX, metadataIndexes, offsets);
        long summaryOffsetStart = out.position();
        staging.reset();
        for (SummaryOffset so : offsets) {
            RecordEncoder.encode(so, staging);
        }
        out.write(staging);
        return summaryOffsetStart;
    }

    private static void group(WriterOutput out, ByteSink staging, Opcode opcode,
                              Iterable<? extends McapRecord> records, List<SummaryOffset> offsets)
            throws IOException {
        long start = out.position();
        long length = 0;
        staging.reset();
        for (McapRecord r : records) {
            RecordEncoder.encode(r, staging);
            if (staging.size() >= 1 << 20) {
                length += staging.size();
                out.write(staging);
                staging.reset();
            }
        }
        length += staging.size();
        out.write(staging);
        if (length > 0) {
            offsets.add(new SummaryOffset(opcode.code(), start, length));
        }
    }
}
