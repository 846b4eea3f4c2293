package io.omvcap.archive;

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
                case MAX_PAYLOAD -> maxPayload = (int) r.unsigned(WireFormat.MAX_LENGTH_FIELD);
                default -> r.skip();
            }
        }
        check(count >= 0 && sizeCount == count && dataLen >= 0, "needs times, sizes and data of equal count");
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += sizes[i];
            check(times[i] >= (i == 0 ? 0 : times[i - 1]), "times go backwards");
        }
        check(sum == dataLen, "sizes add up to " + sum + ", data holds " + dataLen + " bytes");
        check(count == 0 || times[count - 1] <= MAX_SPAN_NANOS, "spans more than one second");
    }

    private int readTimes(CborReader r) {
        int n = r.array();
        check(n <= bytes.length, "more times than bytes");
        if (times.length < n) {
            times = new long[Math.max(n, times.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            times[i] = r.unsigned(Long.MAX_VALUE);
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
