package io.omvcap.archive;

import java.nio.charset.StandardCharsets;

/**
 * A small CBOR decoder over a byte array for the archive's fixed-shape records (the wire batches
 * of layout 2): definite-length maps, arrays, integers, booleans, null, text and byte strings.
 * Byte strings are borrowed, not copied. Every length is checked against the bytes that are
 * left before it is used; malformed input is an {@link ArchiveFormatException}.
 */
final class CborReader {
    static final int MAJOR_UINT = 0;
    static final int MAJOR_NINT = 1;
    static final int MAJOR_BYTES = 2;
    static final int MAJOR_TEXT = 3;
    static final int MAJOR_ARRAY = 4;
    static final int MAJOR_MAP = 5;
    static final int MAJOR_SIMPLE = 7;
    private static final int MAX_DEPTH = 16;

    private final byte[] buf;
    private final int end;
    private int pos;

    CborReader(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    /** Current position in the array. */
    int position() {
        return pos;
    }

    /** Whether every byte was read. */
    boolean atEnd() {
        return pos == end;
    }

    /** The major type of the next item, without consuming it. */
    int peekMajor() {
        need(1);
        return (buf[pos] & 0xFF) >>> 5;
    }

    /** Entries of a definite-length map. */
    int map() {
        return (int) headOf(MAJOR_MAP, Integer.MAX_VALUE);
    }

    /** Elements of a definite-length array. */
    int array() {
        return (int) headOf(MAJOR_ARRAY, Integer.MAX_VALUE);
    }

    /** A text string. */
    String text() {
        int n = (int) headOf(MAJOR_TEXT, Integer.MAX_VALUE);
        need(n);
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** A byte string's length; its bytes start at {@link #position()} and are skipped by {@link #skipBytes}. */
    int bytes() {
        int n = (int) headOf(MAJOR_BYTES, Integer.MAX_VALUE);
        need(n);
        return n;
    }

    /** Skips {@code n} bytes of a byte string whose head was read. */
    void skipBytes(int n) {
        need(n);
        pos += n;
    }

    /** A non-negative integer no larger than {@code max}. */
    long unsigned(long max) {
        return headOf(MAJOR_UINT, max);
    }

    /** A boolean. */
    boolean bool() {
        need(1);
        int b = buf[pos] & 0xFF;
        if (b != 0xF4 && b != 0xF5) {
            throw malformed("expected a boolean");
        }
        pos++;
        return b == 0xF5;
    }

    /** Skips one item of any type. */
    void skip() {
        skip(0);
    }

    private void skip(int depth) {
        if (depth > MAX_DEPTH) {
            throw malformed("nesting deeper than " + MAX_DEPTH);
        }
        int major = peekMajor();
        int info = buf[pos] & 0x1F;
        if (major == MAJOR_SIMPLE) {
            pos++;
            int extra = info == 24 ? 1 : info == 25 ? 2 : info == 26 ? 4 : info == 27 ? 8 : info < 24 ? 0 : -1;
            if (extra < 0) {
                throw malformed("unsupported simple value");
            }
            need(extra);
            pos += extra;
            return;
        }
        long n = headOf(major, Long.MAX_VALUE);
        switch (major) {
            case MAJOR_BYTES, MAJOR_TEXT -> {
                if (n > end - pos) {
                    throw malformed("string runs past the end");
                }
                pos += (int) n;
            }
            case MAJOR_ARRAY, MAJOR_MAP -> {
                long items = major == MAJOR_MAP ? 2 * n : n;
                if (items > end - pos) {
                    throw malformed("container larger than the record");
                }
                for (long i = 0; i < items; i++) {
                    skip(depth + 1);
                }
            }
            default -> {
            }
        }
    }

    private long headOf(int major, long max) {
        need(1);
        int b = buf[pos] & 0xFF;
        if (b >>> 5 != major) {
            throw malformed("expected major type " + major + ", found " + (b >>> 5));
        }
        pos++;
        int info = b & 0x1F;
        long v;
        if (info < 24) {
            v = info;
        } else if (info <= 27) {
            int n = 1 << (info - 24);
            need(n);
            v = 0;
            for (int i = 0; i < n; i++) {
                v = v << 8 | (buf[pos++] & 0xFF);
            }
            if (v < 0) {
                throw malformed("integer beyond 63 bits");
            }
        } else {
            throw malformed("indefinite or reserved length");
        }
        if (v > max) {
            throw malformed("value " + v + " exceeds " + max);
        }
        return v;
    }

    private void need(int n) {
        if (n < 0 || n > end - pos) {
            throw malformed("record ends early");
        }
    }

    private ArchiveFormatException malformed(String why) {
        return new ArchiveFormatException("malformed CBOR at byte " + pos + ": " + why);
    }
}
