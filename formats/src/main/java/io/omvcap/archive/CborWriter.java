package io.omvcap.archive;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small, allocation-light CBOR encoder for the archive's hot records (packets, channel data,
 * frames): definite-length maps with text keys and integer, boolean, null, text or byte-string
 * values. Any CBOR decoder reads the result; it exists because a packet record is written for
 * every packet and a general-purpose mapper costs several times more.
 */
final class CborWriter {
    private static final int MAJOR_UINT = 0;
    private static final int MAJOR_NINT = 1;
    private static final int MAJOR_BYTES = 2;
    private static final int MAJOR_TEXT = 3;
    private static final int MAJOR_ARRAY = 4;
    private static final int MAJOR_MAP = 5;
    private static final byte FALSE = (byte) 0xF4;
    private static final byte TRUE = (byte) 0xF5;
    private static final byte NULL = (byte) 0xF6;

    private byte[] buf = new byte[256];
    private int size;

    /** Starts a map of {@code entries} key/value pairs. */
    CborWriter map(int entries) {
        head(MAJOR_MAP, entries);
        return this;
    }

    /** A text key followed by an integer value. */
    CborWriter put(String key, long value) {
        text(key);
        if (value >= 0) {
            head(MAJOR_UINT, value);
        } else {
            head(MAJOR_NINT, -1 - value);
        }
        return this;
    }

    /** A text key followed by a boolean, or null when {@code value} is null. */
    CborWriter put(String key, Boolean value) {
        text(key);
        ensure(1);
        buf[size++] = value == null ? NULL : value ? TRUE : FALSE;
        return this;
    }

    /** A text key followed by a text value, or null. */
    CborWriter put(String key, String value) {
        text(key);
        if (value == null) {
            ensure(1);
            buf[size++] = NULL;
        } else {
            text(value);
        }
        return this;
    }

    /** A text key followed by a byte string. */
    CborWriter put(String key, byte[] value) {
        return put(key, value, 0, value.length);
    }

    /** A text key followed by the byte string {@code value[off, off + len)}. */
    CborWriter put(String key, byte[] value, int off, int len) {
        text(key);
        head(MAJOR_BYTES, len);
        ensure(len);
        System.arraycopy(value, off, buf, size, len);
        size += len;
        return this;
    }

    /** A text key followed by an array of the first {@code n} non-negative integers of {@code values}. */
    CborWriter putArray(String key, long[] values, int n) {
        text(key);
        head(MAJOR_ARRAY, n);
        for (int i = 0; i < n; i++) {
            head(MAJOR_UINT, values[i]);
        }
        return this;
    }

    /** A text key followed by an array of the first {@code n} non-negative integers of {@code values}. */
    CborWriter putArray(String key, int[] values, int n) {
        text(key);
        head(MAJOR_ARRAY, n);
        for (int i = 0; i < n; i++) {
            head(MAJOR_UINT, values[i]);
        }
        return this;
    }

    /** Forgets what was written, keeping the buffer for the next record. */
    CborWriter reset() {
        size = 0;
        return this;
    }

    /** The array holding the encoded bytes (valid up to {@link #size()}, until the next write). */
    byte[] array() {
        return buf;
    }

    /** Number of encoded bytes. */
    int size() {
        return size;
    }

    /** The encoded bytes. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void text(String s) {
        int n = s.length();
        if (n < 24 && isAscii(s)) {
            // the common case (keys, names): one head byte and the chars, no intermediate array
            ensure(1 + n);
            buf[size++] = (byte) (MAJOR_TEXT << 5 | n);
            for (int i = 0; i < n; i++) {
                buf[size++] = (byte) s.charAt(i);
            }
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        head(MAJOR_TEXT, b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private void head(int major, long n) {
        ensure(9);
        int m = major << 5;
        if (n < 24) {
            buf[size++] = (byte) (m | n);
        } else if (n < 0x100) {
            buf[size++] = (byte) (m | 24);
            buf[size++] = (byte) n;
        } else if (n < 0x10000) {
            buf[size++] = (byte) (m | 25);
            buf[size++] = (byte) (n >>> 8);
            buf[size++] = (byte) n;
        } else if (n < 0x100000000L) {
            buf[size++] = (byte) (m | 26);
            for (int shift = 24; shift >= 0; shift -= 8) {
                buf[size++] = (byte) (n >>> shift);
            }
        } else {
            buf[size++] = (byte) (m | 27);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buf[size++] = (byte) (n >>> shift);
            }
        }
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
