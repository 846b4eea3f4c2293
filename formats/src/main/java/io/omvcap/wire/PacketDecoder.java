package io.omvcap.wire;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Streaming packet decoder: feed byte chunks of any size, receive {@link WireEvent}s in stream
 * order. It hunts for the sync word, checks the header CRC16 (bad: drop one byte and rescan, as
 * the firmware does), bounds the length by the configured max payload (larger: drop one byte),
 * then checks the payload CRC32. A torn packet — one whose claimed payload is overtaken by a
 * complete valid packet — is reported as {@link InvalidReason#TRUNCATED} so it cannot swallow the
 * packets behind it. Memory is bounded: only an unfinished packet is held back between feeds (at most one maximum
 * packet, whatever the length fields say); complete packets are parsed in place.
 *
 * <p>Not thread-safe; one decoder per direction of a stream.
 */
public final class PacketDecoder {
    /** Default max payload: the largest of any known board. */
    public static final int DEFAULT_MAX_PAYLOAD = WireFormat.LARGEST_BOARD_MAX_PAYLOAD;
    private static final int MIN_BUFFER = 64 * 1024;
    private static final int MAX_NOISE_RUN = 1 << 30;

    private int maxPayload;
    private boolean crcEnabled;
    /** The decoder's own buffer, holding a partial packet between feeds. */
    private byte[] buf;
    /** The array being parsed: {@link #buf}, or the caller's chunk while it is parsed in place. */
    private byte[] cur;
    private int start;
    private int end;
    /** Stream offset of {@code buf[start]}. */
    private long position;
    /** Bytes after {@code start} already searched for an embedded packet while the head waits. */
    private int lookahead = WireFormat.HEADER_SIZE;
    /** Stream offsets of packets known to be valid (see {@link #trust}). */
    private final OffsetQueue trusted = new OffsetQueue();
    private long noiseOffset;
    private int noiseLength;
    /** Inside {@link #finish}: no more bytes will come, so nothing is waited for. */
    private boolean finishing;

    /** A decoder with CRC checking on and {@link #DEFAULT_MAX_PAYLOAD}. */
    public PacketDecoder() {
        this(DEFAULT_MAX_PAYLOAD, true);
    }

    /** A decoder that rejects payloads longer than {@code maxPayload} (0–65535). */
    public PacketDecoder(int maxPayload, boolean crcEnabled) {
        this.crcEnabled = crcEnabled;
        this.buf = new byte[0];
        this.cur = buf;
        setMaxPayload(maxPayload);
    }

    /** The current max payload. */
    public int maxPayload() {
        return maxPayload;
    }

    /** Changes the max payload (for example after caps negotiation); takes effect for the next header. */
    public void setMaxPayload(int maxPayload) {
        if (maxPayload < 0 || maxPayload > WireFormat.MAX_LENGTH_FIELD) {
            throw new IllegalArgumentException("max payload out of range 0..65535: " + maxPayload);
        }
        this.maxPayload = maxPayload;
        int capacity = Math.max(MIN_BUFFER, 2 * WireFormat.packetSize(maxPayload));
        if (buf.length < capacity) {
            byte[] grown = new byte[capacity];
            System.arraycopy(buf, start, grown, 0, end - start);
            end -= start;
            start = 0;
            buf = grown;
            cur = buf;
        }
    }

    /** Whether CRCs are checked. */
    public boolean crcEnabled() {
        return crcEnabled;
    }

    /** Switches CRC checking, as negotiated caps do; CRC fields are then ignored. */
    public void setCrcEnabled(boolean crcEnabled) {
        this.crcEnabled = crcEnabled;
    }

    /** Stream offset of the next byte that has not been accounted for by an event. */
    public long position() {
        return position;
    }

    /** Bytes held back waiting for the rest of a packet (or a pending noise run). */
    public int buffered() {
        return end - start;
    }

    /**
     * The bytes held back waiting for the rest of a packet (a copy), which start at stream offset
     * {@link #position()}. A decoder fed these at that position continues exactly where this one
     * is (see {@link #continueAt}).
     */
    public byte[] heldBack() {
        return Arrays.copyOfRange(buf, start, end);
    }

    /**
     * Declares that the next byte fed is at stream offset {@code position} (a stream that is read
     * from its middle, such as a later segment of a recording). Only while nothing is buffered.
     */
    public void continueAt(long position) {
        if (end != start || noiseLength != 0) {
            throw new IllegalStateException("continueAt with " + (end - start) + " bytes buffered");
        }
        if (position < 0) {
            throw new IllegalArgumentException("negative stream position " + position);
        }
        this.position = position;
    }

    /**
     * Declares that a packet starting at stream offset {@code offset} (not yet fed) is valid: its
     * CRC fields were just computed from its own bytes, so checking them again could only agree.
     * The decoder then parses it without that work; every other decision is unchanged. Offsets
     * must be declared in ascending order.
     */
    public void trust(long offset) {
        trusted.add(offset);
    }

    /** Feeds all of {@code data}. */
    public void feed(byte[] data, Consumer<? super WireEvent> sink) {
        feed(data, 0, data.length, sink);
    }

    /** Feeds {@code len} bytes of {@code data} from {@code off}; events go to {@code sink} in order. */
    public void feed(byte[] data, int off, int len, Consumer<? super WireEvent> sink) {
        feed(data, off, len, events(sink));
    }

    /**
     * Feeds {@code len} bytes of {@code data} from {@code off}; what is found goes to
     * {@code visitor} in order, borrowed rather than copied (the allocation-free path).
     */
    public void feed(byte[] data, int off, int len, WireVisitor sink) {
        Objects.checkFromIndexSize(off, len, data.length);
        Objects.requireNonNull(sink, "sink");
        while (len > 0) {
            if (end == start) {
                // nothing held back: parse the caller's bytes in place, keep only the unfinished tail
                cur = data;
                start = off;
                end = off + len;
                parse(sink);
                int rest = end - start;
                int from = start;
                cur = buf;
                start = 0;
                end = 0;
                System.arraycopy(data, from, buf, 0, rest);
                end = rest;
                return;
            }
            if (end == buf.length) {
                compact();
            }
            int n = Math.min(len, Math.min(buf.length - end, bytesWanted()));
            System.arraycopy(data, off, buf, end, n);
            end += n;
            off += n;
            len -= n;
            parse(sink);
        }
    }

    /** How many more bytes the held-back head needs before parsing can make progress. */
    private int bytesWanted() {
        int avail = end - start;
        if (avail >= WireFormat.HEADER_SIZE && isSyncAt(start) && headerAcceptable(start)) {
            return Math.max(1, WireFormat.packetSize(WireFormat.u16(buf, start + 6)) - avail);
        }
        return WireFormat.HEADER_SIZE;
    }

    /** Emits a pending noise run now (for live streams, where the next packet may be long in coming). */
    public void flushNoise(Consumer<? super WireEvent> sink) {
        flushNoise(events(sink));
    }

    /** {@link #flushNoise(Consumer)} for a {@link WireVisitor}. */
    public void flushNoise(WireVisitor sink) {
        if (noiseLength > 0) {
            int n = noiseLength;
            noiseLength = 0;
            sink.noise(noiseOffset, n);
        }
    }

    /**
     * Ends the stream: whatever is still buffered becomes truncated packets, packets behind them,
     * and noise. The decoder can be fed again afterwards as a continuation of the same stream.
     */
    public void finish(Consumer<? super WireEvent> sink) {
        finish(events(sink));
    }

    /** {@link #finish(Consumer)} for a {@link WireVisitor}. */
    public void finish(WireVisitor sink) {
        finishing = true;
        parse(sink);
        while (end > start) {
            int avail = end - start;
            boolean sync = avail >= 2 && isSyncAt(start);
            if (sync && avail >= WireFormat.HEADER_SIZE && headerAcceptable(start)) {
                int cut = findHeader(start + WireFormat.HEADER_SIZE, end);
                int tornLength = cut >= 0 ? cut - start : avail;
                emitInvalid(sink, InvalidReason.TRUNCATED, tornLength, tornLength);
                parse(sink);
            } else if (sync && avail < WireFormat.HEADER_SIZE) {
                emitInvalid(sink, InvalidReason.TRUNCATED, avail, avail);
            } else {
                addNoise(sink, avail);
            }
        }
        flushNoise(sink);
        start = 0;
        end = 0;
        lookahead = WireFormat.HEADER_SIZE;
        finishing = false;
    }

    private void parse(WireVisitor sink) {
        while (true) {
            int avail = end - start;
            if (avail < 2) {
                if (avail == 1 && cur[start] != WireFormat.SYNC_BYTE_0) {
                    addNoise(sink, 1);
                }
                return;
            }
            if (!isSyncAt(start)) {
                int limit = end - 1;
                int i = SyncScan.next(cur, start + 1, limit);
                if (i >= limit) {
                    addNoise(sink, cur[end - 1] == WireFormat.SYNC_BYTE_0 ? end - 1 - start : avail);
                    return;
                }
                addNoise(sink, i - start);
                continue;
            }
            if (avail < WireFormat.HEADER_SIZE) {
                return;
            }
            boolean known = trusted.reached(position);
            if (crcEnabled && !known && !headerCrcOk(start)) {
                emitInvalid(sink, InvalidReason.BAD_HEADER_CRC, WireFormat.HEADER_SIZE, 1);
                continue;
            }
            int length = WireFormat.u16(cur, start + 6);
            if (length > maxPayload) {
                emitInvalid(sink, InvalidReason.OVERSIZE, WireFormat.HEADER_SIZE, 1);
                continue;
            }
            int total = WireFormat.packetSize(length);
            if (avail < total) {
                int embedded = crcEnabled ? findEmbeddedPacket() : -1;
                if (embedded < 0) {
                    return;
                }
                emitInvalid(sink, InvalidReason.TRUNCATED, embedded - start, embedded - start);
                continue;
            }
            if (length > 0 && crcEnabled && !known && !payloadCrcOk(start, length)) {
                int cut = findTornAt(start + WireFormat.HEADER_SIZE, start + total);
                if (cut == WAIT) {
                    // what may prove this packet torn has not fully arrived: wait for it, so the
                    // outcome does not depend on where the stream was cut into reads
                    return;
                }
                if (cut >= 0) {
                    emitInvalid(sink, InvalidReason.TRUNCATED, cut - start, cut - start);
                } else {
                    emitInvalid(sink, InvalidReason.BAD_PAYLOAD_CRC, total, total);
                }
                continue;
            }
            flushNoise(sink);
            sink.valid(position, cur, start, total);
            advance(total);
        }
    }

    /** {@link #findTornAt}: more bytes are needed to decide. */
    private static final int WAIT = -2;

    private boolean isSyncAt(int i) {
        return SyncScan.isSyncAt(cur, i);
    }

    private boolean headerCrcOk(int at) {
        return Crc16.compute(cur, at, WireFormat.HEADER_CRC_COVERED) == WireFormat.u16(cur, at + 8);
    }

    private boolean payloadCrcOk(int at, int length) {
        int payloadStart = at + WireFormat.HEADER_SIZE;
        int crc = Crc32.update(Crc32.INITIAL, cur, payloadStart, length);
        return crc == (int) WireFormat.u32(cur, payloadStart + length);
    }

    private boolean headerAcceptable(int at) {
        return (!crcEnabled || headerCrcOk(at)) && WireFormat.u16(cur, at + 6) <= maxPayload;
    }

    /**
     * Where a packet whose payload CRC failed was torn: the first complete valid packet starting
     * in [from, to), the same one {@link #findEmbeddedPacket} finds while the packet waits for its
     * payload; -1 when there is none; {@link #WAIT} when a header or packet there has not fully
     * arrived yet. When finishing nothing more arrives: the first acceptable header whose packet
     * is cut off by the end of the stream is where it was torn.
     */
    private int findTornAt(int from, int to) {
        int limit = Math.min(to, end - 1); // a sync pair needs its second byte inside the data
        for (int i = SyncScan.next(cur, from, Math.max(from, limit)); i < limit; i = SyncScan.next(cur, i + 1, limit)) {
            if (i + WireFormat.HEADER_SIZE > end) {
                if (!finishing) {
                    return WAIT;
                }
                continue;
            }
            if (!headerAcceptable(i)) {
                continue;
            }
            int length = WireFormat.u16(cur, i + 6);
            if (i + WireFormat.packetSize(length) > end) {
                return finishing ? i : WAIT;
            }
            if (length == 0 || payloadCrcOk(i, length)) {
                return i;
            }
        }
        // a first sync byte as the very last byte may start a header
        return !finishing && end <= to && end > from && cur[end - 1] == WireFormat.SYNC_BYTE_0 ? WAIT : -1;
    }

    /** First position in [from, to) where a valid header starts (CRC16 checked), or -1. */
    private int findHeader(int from, int to) {
        int limit = Math.min(to, end - WireFormat.HEADER_SIZE + 1);
        for (int i = SyncScan.next(cur, from, limit); i < limit; i = SyncScan.next(cur, i + 1, limit)) {
            if (headerAcceptable(i)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * While the head packet waits for its payload, looks for a complete valid packet starting
     * inside it; finding one proves the head packet was torn. Resumes where it left off.
     */
    private int findEmbeddedPacket() {
        int limit = end - WireFormat.HEADER_SIZE + 1;
        int i = start + lookahead;
        for (; (i = SyncScan.next(cur, i, Math.max(i, limit))) < limit; i++) {
            if (!headerAcceptable(i)) {
                continue;
            }
            int length = WireFormat.u16(cur, i + 6);
            if (i + WireFormat.packetSize(length) > end) {
                lookahead = i - start;
                return -1;
            }
            if (length == 0 || payloadCrcOk(i, length)) {
                return i;
            }
        }
        lookahead = i - start;
        return -1;
    }

    private void emitInvalid(WireVisitor sink, InvalidReason reason, int rawLength, int consumed) {
        flushNoise(sink);
        sink.invalid(position, reason, cur, start, Math.min(rawLength, end - start), consumed);
        advance(consumed);
    }

    private void addNoise(WireVisitor sink, int n) {
        if (n <= 0) {
            return;
        }
        if (noiseLength > MAX_NOISE_RUN - n) {
            flushNoise(sink);
        }
        if (noiseLength == 0) {
            noiseOffset = position;
        }
        noiseLength += n;
        advance(n);
    }

    private void advance(int n) {
        start += n;
        position += n;
        lookahead = WireFormat.HEADER_SIZE;
        if (start == end && cur == buf) {
            start = 0;
            end = 0;
        }
    }

    /** The adapter that turns borrowed events into {@link WireEvent}s, reused between calls. */
    private WireEvents events(Consumer<? super WireEvent> sink) {
        Objects.requireNonNull(sink, "sink");
        if (events == null || events.sink != sink) {
            events = new WireEvents(sink);
        }
        return events;
    }

    private WireEvents events;

    private void compact() {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
    }
}
