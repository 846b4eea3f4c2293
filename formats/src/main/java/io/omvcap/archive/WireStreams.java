package io.omvcap.archive;

import io.omvcap.wire.Direction;
import io.omvcap.wire.InvalidReason;
import io.omvcap.wire.PacketDecoder;
import io.omvcap.wire.WireVisitor;

/**
 * The byte streams of a session as the writer follows them: the connection number, each
 * direction's stream offset, the framing in force, and a packet decoder per direction that finds
 * exactly the packets a reader will derive from the archived bytes (they feed the totals). One
 * instance lives for the whole session and passes from one segment's writer to the next
 * ({@link SessionWriter#streams()}), so a packet cut by a rotation is carried into the next file.
 */
public final class WireStreams {
    private final PacketView view = new PacketView();
    private int connection;
    private boolean connectionUsed;
    private boolean crc = true;
    private int maxPayload = PacketDecoder.DEFAULT_MAX_PAYLOAD;
    // after the framing fields: each stream's decoder is made with them
    private final Stream[] streams = {new Stream(Direction.HOST_TO_CAM), new Stream(Direction.CAM_TO_HOST)};
    private SessionTotals totals;
    private WireBatchWriter batch;
    private long feedTime;

    /** Streams of a new session: connection 0, default framing. */
    public WireStreams() {
    }

    /** One direction. */
    private final class Stream implements WireVisitor {
        final Direction dir;
        long offset;
        PacketDecoder decoder = new PacketDecoder(maxPayload, crc);
        /** Whether the next batch of this direction is the first of a segment (and carries held-back bytes). */
        boolean firstInSegment = true;

        Stream(Direction dir) {
            this.dir = dir;
        }

        @Override
        public void valid(long off, byte[] buf, int from, int size) {
            view.setValid(dir, feedTime, off, buf, from, size);
            totals.packet(view);
            batch.elide(off, size);
        }

        @Override
        public void invalid(long off, InvalidReason reason, byte[] buf, int from, int rawLength, int consumed) {
            view.setInvalid(dir, feedTime, off, reason, buf, from, rawLength, consumed);
            totals.packet(view);
        }

        @Override
        public void noise(long off, int length) {
            // noise is what is left of the wire bytes once packets are counted
        }
    }

    int connection() {
        return connection;
    }

    boolean crc() {
        return crc;
    }

    int maxPayload() {
        return maxPayload;
    }

    long offset(Direction dir) {
        return streams[dir.ordinal()].offset;
    }

    /** A new segment starts: the next batch of each direction carries what its decoder holds back. */
    void newSegment() {
        for (Stream s : streams) {
            s.firstInSegment = true;
        }
    }

    /**
     * The bytes to carry into the first batch of this segment for {@code dir} (null when none),
     * once; later calls return null.
     */
    byte[] takeCarry(Direction dir) {
        Stream s = streams[dir.ordinal()];
        if (!s.firstInSegment) {
            return null;
        }
        s.firstInSegment = false;
        return s.decoder.buffered() > 0 ? s.decoder.heldBack() : null;
    }

    /**
     * A new connection (a new link to the cam): both streams restart at offset 0 with fresh
     * decoders. Does nothing while the current connection has carried no byte.
     */
    boolean newConnection() {
        if (!connectionUsed) {
            return false;
        }
        connection++;
        connectionUsed = false;
        for (Stream s : streams) {
            s.offset = 0;
            s.decoder = new PacketDecoder(maxPayload, crc);
            s.firstInSegment = false;
        }
        return true;
    }

    /** Framing for the bytes from here on; returns whether it changed. */
    boolean setFraming(boolean crcOn, int maxPayloadBytes) {
        if (crcOn == crc && maxPayloadBytes == maxPayload) {
            return false;
        }
        crc = crcOn;
        maxPayload = maxPayloadBytes;
        for (Stream s : streams) {
            s.decoder.setCrcEnabled(crcOn);
            s.decoder.setMaxPayload(maxPayloadBytes);
        }
        return true;
    }

    /**
     * Follows {@code len} bytes of {@code dir} read or written at {@code time} (already added to
     * {@code batch}): packets found are counted in {@code into} and their CRCs elided from the batch.
     */
    void feed(Direction dir, long time, byte[] buf, int off, int len, SessionTotals into, WireBatchWriter batch) {
        Stream s = streams[dir.ordinal()];
        connectionUsed = true;
        totals = into;
        this.batch = batch;
        feedTime = time;
        s.decoder.feed(buf, off, len, s);
        s.offset += len;
    }
}
