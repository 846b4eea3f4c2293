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
    /** Messages of closed chunks. */
    private final Counts closed = new Counts();
    /** Messages of the open chunk: they count only once their chunk reaches the file. */
    private final Counts open = new Counts();

    /** Message counts and the log-time range they span. */
    private static final class Counts {
        long[] perChannel = new long[16];
        long messages;
        long startTime;
        long endTime;

        void add(int channelId, long count, long start, long end) {
            if (channelId >= perChannel.length) {
                perChannel = Arrays.copyOf(perChannel, Math.max(channelId + 1, perChannel.length * 2));
            }
            perChannel[channelId] += count;
            if (messages == 0 || Long.compareUnsigned(start, startTime) < 0) {
                startTime = start;
            }
            if (messages == 0 || Long.compareUnsigned(end, endTime) > 0) {
                endTime = end;
            }
            messages += count;
        }

        void addAll(Counts other) {
            if (other.messages == 0) {
                return;
            }
            for (int id = 0; id < other.perChannel.length; id++) {
                if (other.perChannel[id] > 0) {
                    add(id, other.perChannel[id], other.startTime, other.endTime);
                }
            }
        }

        void clear() {
            Arrays.fill(perChannel, 0);
            messages = 0;
        }
    }

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

    /** Counts a message written into the open chunk. */
    void countMessage(int channelId, long logTime) {
        open.add(channelId, 1, logTime, logTime);
    }

    /** The open chunk reached the file: its messages count. */
    void commitChunk() {
        closed.addAll(open);
        open.clear();
    }

    /** The open chunk was lost (a failed write): its messages are not in the file. */
    void dropOpenChunk() {
        open.clear();
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

    /** The statistics, open chunk included (it is written before the summary unless lost). */
    Statistics statistics() {
        Counts all = new Counts();
        all.addAll(closed);
        all.addAll(open);
        Map<Integer, Long> perChannel = new TreeMap<>();
        for (int id = 0; id < all.perChannel.length; id++) {
            if (all.perChannel[id] > 0) {
                perChannel.put(id, all.perChannel[id]);
            }
        }
        return new Statistics(all.messages, schemas.size(), channels.size(), attachmentIndexes.size(),
                metadataIndexes.size(), chunkIndexes.size(), all.messages == 0 ? 0 : all.startTime,
                all.messages == 0 ? 0 : all.endTime, perChannel);
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
