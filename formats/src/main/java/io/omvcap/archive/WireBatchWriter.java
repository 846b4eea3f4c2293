package io.omvcap.archive;

import io.omvcap.wire.PacketDecoder;
import java.util.Arrays;

/**
 * Collects the transport reads (or writes) of one direction into one layout-2 {@code /wire}
 * message ({@link WireBatch} is the reading side). Reused: {@link #encode} empties it.
 */
final class WireBatchWriter {
    /** A batch is written once it holds this many bytes (keeps copies of a frame close together). */
    static final int FLUSH_BYTES = 16 * 1024;

    private final CborWriter cbor = new CborWriter();
    private long firstTime;
    private int count;
    private long[] times = new long[256];
    private int[] sizes = new int[256];
    private byte[] data = new byte[FLUSH_BYTES + 4096];
    private int size;
    private int connection;
    private long offset;
    private byte[] carry;
    private boolean crc = true;
    private int maxPayload = PacketDecoder.DEFAULT_MAX_PAYLOAD;

    boolean isEmpty() {
        return count == 0;
    }

    /** Bytes collected. */
    int size() {
        return size;
    }

    /** Time of the first read (the message's log time). */
    long firstTime() {
        return firstTime;
    }

    /** Starts a batch: the stream position of its first byte and how to decode it. */
    void start(long time, int conn, long streamOffset, boolean crcOn, int maxPayloadBytes, byte[] carried) {
        firstTime = time;
        connection = conn;
        offset = streamOffset;
        crc = crcOn;
        maxPayload = maxPayloadBytes;
        carry = carried;
    }

    /** Whether a read at {@code time} still fits the batch's time span. */
    boolean spans(long time) {
        return time - firstTime <= WireBatch.MAX_SPAN_NANOS;
    }

    /** Adds one transport read or write. */
    void add(long time, byte[] buf, int off, int len) {
        if (count == times.length) {
            times = Arrays.copyOf(times, count * 2);
            sizes = Arrays.copyOf(sizes, count * 2);
        }
        if (size + len > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, size + len));
        }
        times[count] = time - firstTime;
        sizes[count++] = len;
        System.arraycopy(buf, off, data, size, len);
        size += len;
    }

    /** The message bytes (valid until the next call); empties the batch. */
    CborWriter encode() {
        boolean hasCarry = carry != null && carry.length > 0;
        int entries = 5 + (hasCarry ? 1 : 0) + (crc ? 0 : 1) + (maxPayload != PacketDecoder.DEFAULT_MAX_PAYLOAD ? 1 : 0);
        cbor.reset().map(entries).put(WireBatch.CONNECTION, connection).put(WireBatch.OFFSET, offset)
                .putArray(WireBatch.TIMES, times, count).putArray(WireBatch.SIZES, sizes, count)
                .put(WireBatch.DATA, data, 0, size);
        if (hasCarry) {
            cbor.put(WireBatch.CARRY, carry);
        }
        if (!crc) {
            cbor.put(WireBatch.CRC, false);
        }
        if (maxPayload != PacketDecoder.DEFAULT_MAX_PAYLOAD) {
            cbor.put(WireBatch.MAX_PAYLOAD, maxPayload);
        }
        count = 0;
        size = 0;
        carry = null;
        if (data.length > 4 * FLUSH_BYTES) {
            data = new byte[FLUSH_BYTES + 4096]; // one huge read does not pin its buffer for the session
        }
        return cbor;
    }
}
