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
    /** Pairs (bytes since the previous elided packet's end, wire size) of packets whose CRCs were zeroed. */
    private long[] elided = new long[256];
    private int elidedCount;
    private int elidedEnd;
    private int lastSeq;

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

    /**
     * A valid packet was found at stream offset {@code packetOffset}: when all of it lies in this
     * batch and CRCs are checked, it is listed and stored in a more compressible form the reader
     * reverses exactly: its CRC fields are zeroed (they are derived data, and the most random
     * bytes of a packet) and its sequence number becomes the difference from the previous listed
     * packet's (mostly 0 or 1, so poll after poll stores as the same bytes).
     */
    void elide(long packetOffset, int wireSize) {
        long pos = packetOffset - offset;
        if (!crc || pos < elidedEnd || pos + wireSize > size) {
            return;
        }
        if (elidedCount + 2 > elided.length) {
            elided = Arrays.copyOf(elided, elided.length * 2);
        }
        int at = (int) pos;
        elided[elidedCount++] = at - elidedEnd;
        elided[elidedCount++] = wireSize;
        elidedEnd = at + wireSize;
        int seq = data[at + 2] & 0xFF;
        if (elidedCount > 2) {
            data[at + 2] = (byte) (seq - lastSeq);
        }
        lastSeq = seq;
        WireBatch.zeroCrcs(data, at, wireSize);
    }

    /**
     * The gaps between consecutive reads (the first from the log time, so 0) as 4-byte big-endian
     * numbers split into byte planes: all most significant bytes, then all second bytes, and so
     * on. The high planes of regular traffic are nearly constant and compress to almost nothing.
     */
    private byte[] timePlanes() {
        if (planes.length < 4 * count) {
            planes = new byte[Math.max(4 * count, 2 * planes.length)];
        }
        long previous = 0;
        for (int i = 0; i < count; i++) {
            long gap = times[i] - previous;
            previous = times[i];
            for (int b = 0; b < 4; b++) {
                planes[b * count + i] = (byte) (gap >>> (24 - 8 * b));
            }
        }
        return planes;
    }

    private byte[] planes = new byte[1024];

    /** The message bytes (valid until the next call); empties the batch. */
    CborWriter encode() {
        boolean hasCarry = carry != null && carry.length > 0;
        int entries = 5 + (elidedCount > 0 ? 1 : 0) + (hasCarry ? 1 : 0) + (crc ? 0 : 1) + (maxPayload != PacketDecoder.DEFAULT_MAX_PAYLOAD ? 1 : 0);
        cbor.reset().map(entries).put(WireBatch.CONNECTION, connection).put(WireBatch.OFFSET, offset)
                .put(WireBatch.TIMES, timePlanes(), 0, 4 * count).putArray(WireBatch.SIZES, sizes, count)
                .put(WireBatch.DATA, data, 0, size);
        if (elidedCount > 0) {
            cbor.putArray(WireBatch.ELIDED, elided, elidedCount);
        }
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
        elidedCount = 0;
        elidedEnd = 0;
        if (data.length > 4 * FLUSH_BYTES) {
            data = new byte[FLUSH_BYTES + 4096]; // one huge read does not pin its buffer for the session
        }
        return cbor;
    }
}
