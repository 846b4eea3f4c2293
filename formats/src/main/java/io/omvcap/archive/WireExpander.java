package io.omvcap.archive;

import io.omvcap.wire.Direction;
import io.omvcap.wire.PacketDecoder;

/**
 * Expands the layout-2 {@code /wire} messages of one direction, in order, into their transport
 * chunks and the packets a decoder finds in them, each with the time of the chunk that completed
 * it. The decoder runs on across messages of the same connection and restarts at a new
 * connection, at a jump in the stream offset (a lost chunk), or from a segment's carried bytes.
 */
final class WireExpander {
    private final Direction dir;
    private final boolean packets;
    private final WireBatch batch = new WireBatch();
    private final PacketQueue queue = new PacketQueue();
    private PacketDecoder decoder;
    private int connection = -1;
    private long expectedOffset = -1;
    private long baseTime;
    private int index;
    private int count;
    private int chunkStart;
    private long streamOffset;
    private long chunkTime;

    WireExpander(Direction dir, boolean packets) {
        this.dir = dir;
        this.packets = packets;
    }

    /** Whether items of the current message are left. */
    boolean hasItems() {
        return !queue.isEmpty() || index < count;
    }

    /** Time of the next item, or {@link Long#MAX_VALUE} when none is left. */
    long nextTime() {
        if (!queue.isEmpty()) {
            return chunkTime;
        }
        return index < count ? baseTime + batch.times[index] : Long.MAX_VALUE;
    }

    /**
     * Takes a message (the previous one must be exhausted).
     *
     * @throws ArchiveFormatException when the message is malformed; the decoder then restarts
     */
    void load(byte[] data, long logTime) {
        count = 0;
        index = 0;
        try {
            batch.parse(data);
            batch.restoreListed();
        } catch (ArchiveFormatException e) {
            decoder = null;
            throw e;
        }
        baseTime = logTime;
        count = batch.count;
        chunkStart = batch.dataOff;
        streamOffset = batch.offset;
        queue.reset(batch.bytes);
        if (!packets) {
            return;
        }
        boolean continues = decoder != null && batch.connection == connection && batch.offset == expectedOffset;
        if (batch.carryLen > 0 || !continues) {
            decoder = new PacketDecoder(batch.maxPayload, batch.crc);
            decoder.continueAt(Math.max(0, batch.offset - batch.carryLen));
            if (batch.carryLen > 0) {
                chunkTime = logTime;
                decoder.feed(batch.bytes, batch.carryOff, batch.carryLen, queue);
            }
        } else {
            decoder.setCrcEnabled(batch.crc);
            decoder.setMaxPayload(batch.maxPayload);
        }
        for (int i = 0; i < batch.listedCount; i++) {
            decoder.trust(batch.offset + batch.listedAt[i]); // their CRCs were just recomputed: no need to check them
        }
        connection = batch.connection;
        expectedOffset = batch.offset + batch.dataLen;
    }

    /**
     * Moves to the next item: returns {@code true} and fills {@code wire} for a transport chunk,
     * or returns {@code false} after filling {@code packet} from the queue. Call only while
     * {@link #hasItems()}.
     */
    boolean advance(WireChunk wire, PacketView packet) {
        if (!queue.isEmpty()) {
            queue.pop(packet, dir, chunkTime);
            packet.connection(connection);
            return false;
        }
        int size = batch.sizes[index];
        chunkTime = baseTime + batch.times[index];
        wire.set(dir, chunkTime, batch.connection, streamOffset, batch.bytes, chunkStart, size);
        if (packets) {
            queue.reset(batch.bytes);
            decoder.feed(batch.bytes, chunkStart, size, queue);
        }
        chunkStart += size;
        streamOffset += size;
        index++;
        return true;
    }
}
