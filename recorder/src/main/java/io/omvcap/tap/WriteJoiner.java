package io.omvcap.tap;

import io.omvcap.archive.ChannelData;
import java.io.ByteArrayOutputStream;

/**
 * Joins the acknowledged CHANNEL_WRITE chunks of one transfer back into the write the host made,
 * as a host-mode recording stores it. Hosts split a write into chunks of max payload − 8 bytes,
 * each at its own offset; so a full-size chunk that continues the previous one at the next offset
 * belongs to the same write, and a shorter chunk (or anything else the host does next) ends it.
 * A chunk the cam refuses fails the whole transfer, as it does for the host.
 */
final class WriteJoiner {
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private int channel = -1;
    private String name;
    private long start;
    private long next;
    private boolean lastFull;
    private long time;

    /** Whether a chunk at {@code offset} on {@code channelId} continues the write being joined. */
    boolean continues(int channelId, long offset) {
        return channel >= 0 && channel == channelId && lastFull && offset == next;
    }

    /**
     * An acknowledged chunk. {@code chunkSize} is the hosts' full chunk size (-1 when unknown, so
     * every chunk is a write of its own).
     */
    void acknowledged(long nanoTime, int channelId, String channelName, long offset, byte[] chunk, int chunkSize,
            ExchangeTracker.Output out) {
        if (!continues(channelId, offset)) {
            flush(out);
            channel = channelId;
            name = channelName;
            start = offset;
            next = offset;
        }
        data.write(chunk, 0, chunk.length);
        next += chunk.length;
        time = nanoTime;
        lastFull = chunkSize > 0 && chunk.length == chunkSize;
        if (!lastFull) {
            flush(out);
        }
    }

    /** Writes the joined write, if any. */
    void flush(ExchangeTracker.Output out) {
        if (channel >= 0) {
            out.write(time, new ChannelData(channel, name, start, data.toByteArray()));
        }
        discard();
    }

    /** Drops the write being joined. */
    void discard() {
        channel = -1;
        data.reset();
    }
}
