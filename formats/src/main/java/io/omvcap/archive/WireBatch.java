package io.omvcap.archive;

import io.omvcap.wire.Crc16;
import io.omvcap.wire.Crc32;
import io.omvcap.wire.PacketDecoder;
import io.omvcap.wire.WireFormat;

/**
 * One {@code /wire/<dir>} message of layout 2, decoded: a run of consecutive transport reads (or
 * writes) of one direction with the time and size of each, their bytes concatenated, and what a
 * decoder needs to derive the packets (stream offset, connection, framing, carried bytes). The
 * field names are those of {@code docs/archive-format.md}. Parsing borrows the message bytes and
 * reuses this object's arrays, so one instance serves a whole read.
 */
final class WireBatch {
    static final String CONNECTION = "conn";
    static final String OFFSET = "offset";
    static final String TIMES = "times";
    static final String SIZES = "sizes";
    static final String DATA = "data";
    static final String CARRY = "carry";
    static final String ELIDED = "crc_elided";
    static final String CRC = "crc";
    static final String MAX_PAYLOAD = "max_payload";
    /** A batch spans at most this long (first to last read), so time-ranged reads know how far to look back. */
    static final long MAX_SPAN_NANOS = 1_000_000_000L;

    int connection;
    long offset;
    int count;
    long[] times = new long[64];
    int[] sizes = new int[64];
    byte[] bytes;
    int dataOff;
    int dataLen;
    int carryOff;
    int carryLen;
    boolean crc;
    int maxPayload;
    /** Pairs (gap, wire size) of the packets the writer stored transformed (see {@link #restoreListed}). */
    int[] elided = new int[64];
    int elidedCount;
    /** After {@link #restoreListed}: where each listed packet starts in the data. */
    int[] listedAt = new int[32];
    int listedCount;

    /** Zeroes the CRC fields of the packet whose wire bytes are {@code buf[at, at + size)}. */
    static void zeroCrcs(byte[] buf, int at, int size) {
        WireFormat.putU16(buf, at + WireFormat.HEADER_CRC_COVERED, 0);
        int length = size - WireFormat.packetSize(0) - (size > WireFormat.HEADER_SIZE ? WireFormat.PAYLOAD_CRC_SIZE : 0);
        if (length > 0) {
            WireFormat.putU32(buf, at + WireFormat.HEADER_SIZE + length, 0);
        }
    }

    /**
     * Undoes the writer's transform of the listed packets, in place (sequence numbers from their
     * differences, then both CRCs), so {@code bytes[dataOff, dataOff + dataLen)} holds exactly the
     * bytes that crossed the link.
     */
    void restoreListed() {
        int pos = 0;
        int seq = 0;
        listedCount = 0;
        if (listedAt.length < elidedCount / 2) {
            listedAt = new int[elidedCount / 2];
        }
        for (int i = 0; i < elidedCount; i += 2) {
            pos += elided[i];
            int size = elided[i + 1];
            check(size >= WireFormat.HEADER_SIZE && pos <= dataLen - size, "elided packet outside the data");
            int at = dataOff + pos;
            listedAt[listedCount++] = pos;
            seq = i == 0 ? bytes[at + 2] & 0xFF : (seq + bytes[at + 2]) & 0xFF;
            bytes[at + 2] = (byte) seq;
            int length = WireFormat.u16(bytes, at + 6);
            check(WireFormat.packetSize(length) == size, "elided packet size disagrees with its header");
            WireFormat.putU16(bytes, at + WireFormat.HEADER_CRC_COVERED,
                    Crc16.compute(bytes, at, WireFormat.HEADER_CRC_COVERED));
            if (length > 0) {
                WireFormat.putU32(bytes, at + WireFormat.HEADER_SIZE + length,
                        Crc32.compute(bytes, at + WireFormat.HEADER_SIZE, length));
            }
            pos += size;
        }
    }

    /** Parses {@code data} (a whole message) into this object. */
    void parse(byte[] data) {
        CborReader r = new CborReader(data, 0, data.length);
        bytes = data;
        connection = 0;
        offset = 0;
        count = -1;
        int sizeCount = -1;
        dataOff = 0;
        dataLen = -1;
        carryLen = 0;
        elidedCount = 0;
        crc = true;
        maxPayload = PacketDecoder.DEFAULT_MAX_PAYLOAD;
        int entries = r.map();
        for (int e = 0; e < entries; e++) {
            String key = r.text();
            switch (key) {
                case CONNECTION -> connection = (int) r.unsigned(Integer.MAX_VALUE);
                case OFFSET -> offset = r.unsigned(Long.MAX_VALUE);
                case TIMES -> count = readTimes(r);
                case SIZES -> sizeCount = readSizes(r);
                case DATA -> {
                    dataLen = r.bytes();
                    dataOff = r.position();
                    r.skipBytes(dataLen);
                }
                case CARRY -> {
                    carryLen = r.bytes();
                    carryOff = r.position();
                    r.skipBytes(carryLen);
                    if (carryLen > WireFormat.packetSize(WireFormat.MAX_LENGTH_FIELD)) {
                        throw new ArchiveFormatException("wire batch carries " + carryLen
                                + " bytes, more than one packet");
                    }
                }
                case CRC -> crc = r.bool();
                case ELIDED -> elidedCount = readElided(r);
                case MAX_PAYLOAD -> maxPayload = (int) r.unsigned(WireFormat.MAX_LENGTH_FIELD);
                default -> r.skip();
            }
        }
        check(count >= 0 && sizeCount == count && dataLen >= 0, "needs times, sizes and data of equal count");
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += sizes[i];
        }
        check(sum == dataLen, "sizes add up to " + sum + ", data holds " + dataLen + " bytes");
        check(count == 0 || times[count - 1] <= MAX_SPAN_NANOS, "spans more than one second");
    }

    /** The byte planes of 4-byte gaps (see {@code WireBatchWriter}) into times after the log time. */
    private int readTimes(CborReader r) {
        int len = r.bytes();
        int at = r.position();
        r.skipBytes(len);
        check(len % 4 == 0, "times are not whole 4-byte gaps");
        int n = len / 4;
        if (times.length < n) {
            times = new long[Math.max(n, times.length * 2)];
        }
        long t = 0;
        for (int i = 0; i < n; i++) {
            long gap = (bytes[at + i] & 0xFFL) << 24 | (bytes[at + n + i] & 0xFFL) << 16
                    | (bytes[at + 2 * n + i] & 0xFFL) << 8 | bytes[at + 3 * n + i] & 0xFFL;
            t += gap;
            times[i] = t;
        }
        return n;
    }

    private int readElided(CborReader r) {
        int n = r.array();
        check(n % 2 == 0 && n <= bytes.length, "elided list of odd or impossible length");
        if (elided.length < n) {
            elided = new int[Math.max(n, elided.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            elided[i] = (int) r.unsigned(Integer.MAX_VALUE);
        }
        return n;
    }

    private int readSizes(CborReader r) {
        int n = r.array();
        check(n <= bytes.length, "more sizes than bytes");
        if (sizes.length < n) {
            sizes = new int[Math.max(n, sizes.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            sizes[i] = (int) r.unsigned(Integer.MAX_VALUE);
            check(sizes[i] > 0, "empty transport chunk");
        }
        return n;
    }

    private static void check(boolean ok, String why) {
        if (!ok) {
            throw new ArchiveFormatException("malformed wire batch: " + why);
        }
    }
}
