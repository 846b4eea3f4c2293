package io.omvcap.mcap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Messages from an indexed file in log-time order, ties in file order. Chunks are merged through
 * a heap: a chunk's message index is read when its start time comes up, its data is decompressed
 * when its first message is due and dropped after its last, so only chunks whose time ranges
 * overlap are held at once. Obtain one from {@link McapIndexedReader#readMessages}.
 */
public final class MessageCursor {
    private static final Comparator<ChunkCursor> ORDER = (a, b) -> {
        int c = Long.compareUnsigned(a.keyTime(), b.keyTime());
        if (c != 0) {
            return c;
        }
        c = Long.compare(a.index.chunkStartOffset(), b.index.chunkStartOffset());
        return c != 0 ? c : Long.compare(a.keyOffset(), b.keyOffset());
    };

    private final McapIndexedReader reader;
    private final MessageFilter filter;
    private final Set<Integer> channels;
    private final PriorityQueue<ChunkCursor> heap = new PriorityQueue<>(ORDER);

    MessageCursor(McapIndexedReader reader, MessageFilter filter, Set<Integer> channels) {
        this.reader = reader;
        this.filter = filter;
        this.channels = channels;
        for (ChunkIndex ci : reader.chunkIndexes()) {
            if (filter.overlaps(ci.messageStartTime(), ci.messageEndTime()) && mayHold(ci)) {
                heap.add(new ChunkCursor(ci));
            }
        }
    }

    private boolean mayHold(ChunkIndex ci) {
        if (ci.messageIndexOffsets().isEmpty()) {
            return true;
        }
        for (Integer id : ci.messageIndexOffsets().keySet()) {
            if (channels.contains(id)) {
                return true;
            }
        }
        return false;
    }

    /** The next message, or {@code null} when there are no more. */
    public Message next() throws IOException {
        while (!heap.isEmpty()) {
            ChunkCursor c = heap.poll();
            if (c.logTimes == null) {
                c.loadIndex();
                if (c.count > 0) {
                    heap.add(c);
                }
                continue;
            }
            Message m = c.message();
            if (++c.pos < c.count) {
                heap.add(c);
            } else {
                c.records = null;
            }
            return m;
        }
        return null;
    }

    /** All remaining messages; for small queries and tests. */
    public List<Message> toList() throws IOException {
        List<Message> all = new ArrayList<>();
        for (Message m; (m = next()) != null; ) {
            all.add(m);
        }
        return all;
    }

    /** One chunk's selected entries, sorted by (log time, offset). */
    private final class ChunkCursor {
        final ChunkIndex index;
        long[] logTimes;
        long[] offsets;
        int[] order;
        int count;
        int pos;
        ChunkRecords records;

        ChunkCursor(ChunkIndex index) {
            this.index = index;
        }

        long keyTime() {
            return logTimes == null ? index.messageStartTime() : logTimes[order[pos]];
        }

        long keyOffset() {
            return logTimes == null ? -1 : offsets[order[pos]];
        }

        void loadIndex() throws IOException {
            List<MessageIndex> indexes = index.messageIndexOffsets().isEmpty() ? null : reader.readMessageIndexes(index);
            if (indexes == null || indexes.isEmpty()) {
                scanChunk();
                return;
            }
            int total = 0;
            for (MessageIndex mi : indexes) {
                if (channels.contains(mi.channelId())) {
                    total += mi.size();
                }
            }
            logTimes = new long[total];
            offsets = new long[total];
            for (MessageIndex mi : indexes) {
                if (!channels.contains(mi.channelId())) {
                    continue;
                }
                for (int i = 0; i < mi.size(); i++) {
                    if (filter.includesTime(mi.logTimes()[i])) {
                        logTimes[count] = mi.logTimes()[i];
                        offsets[count++] = mi.offsets()[i];
                    }
                }
            }
            sort();
        }

        /** No message index: decompress the chunk and find the messages by reading it. */
        private void scanChunk() throws IOException {
            records = reader.loadChunk(index);
            List<long[]> found = new ArrayList<>();
            for (McapRecord r; (r = records.next()) != null; ) {
                if (r instanceof Message m && channels.contains(m.channelId()) && filter.includesTime(m.logTime())) {
                    found.add(new long[] {m.logTime(), records.lastOffset()});
                }
            }
            logTimes = new long[found.size()];
            offsets = new long[found.size()];
            for (long[] e : found) {
                logTimes[count] = e[0];
                offsets[count++] = e[1];
            }
            sort();
        }

        private void sort() {
            order = new int[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            order = IndexSort.byTimeThenOffset(order, logTimes, offsets);
        }

        Message message() throws IOException {
            if (records == null) {
                records = reader.loadChunk(index);
            }
            int i = order[pos];
            McapRecord r = records.recordAt(offsets[i]);
            if (!(r instanceof Message m) || m.logTime() != logTimes[i]) {
                throw new McapFormatException("message index entry (log time " + Long.toUnsignedString(logTimes[i])
                        + ", offset " + offsets[i] + ") does not match the chunk's record", index.chunkStartOffset());
            }
            return m;
        }
    }
}
