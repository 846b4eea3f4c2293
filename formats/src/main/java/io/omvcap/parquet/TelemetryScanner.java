package io.omvcap.parquet;

import io.omvcap.telemetry.TelemetryCodec;
import io.omvcap.telemetry.TelemetryField;
import io.omvcap.telemetry.TelemetryKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes telemetry reads for the export at the rate of the long table: the common shape (an
 * array of maps with integer keys and scalar values) is read straight from the bytes, repeated
 * names and units reuse the strings of the previous read, and anything else (byte strings, arrays,
 * maps, tags, indefinite lengths, huge integers) goes to {@link TelemetryCodec#decode}, so the
 * result is always what the codec gives. Known keys are type-checked as the codec checks them.
 */
final class TelemetryScanner {
    private static final int MAX_FIELDS = 4096;
    /** Signals "not the common shape": the codec decodes this read. */
    private static final RuntimeException SLOW = new RuntimeException("slow path", null, false, false) {
    };

    private byte[] buf;
    private int pos;
    private int end;
    private byte[][] cacheBytes = new byte[64][];
    private String[] cacheStrings = new String[64];
    private int textIndex;

    /** The fields of one read. */
    List<TelemetryField> decode(byte[] cbor) {
        try {
            return fast(cbor);
        } catch (RuntimeException e) {
            if (e != SLOW && !(e instanceof ArrayIndexOutOfBoundsException)) {
                throw e;
            }
            return TelemetryCodec.decode(cbor);
        }
    }

    private List<TelemetryField> fast(byte[] cbor) {
        buf = cbor;
        pos = 0;
        end = cbor.length;
        textIndex = 0;
        int n = (int) head(4);
        if (n > MAX_FIELDS) {
            throw SLOW;
        }
        List<TelemetryField> fields = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int entries = (int) head(5);
            String name = null;
            String unit = null;
            String widget = null;
            Object value = null;
            boolean named = false;
            for (int e = 0; e < entries; e++) {
                int key = key();
                Object v = scalar();
                if (key == TelemetryKey.NAME.key()) {
                    name = v instanceof String s ? s : null;
                    named = true;
                } else if (key == TelemetryKey.VALUE.key()) {
                    value = v;
                } else if (key == TelemetryKey.UNIT.key()) {
                    unit = string(v);
                } else if (key == TelemetryKey.WIDGET.key()) {
                    widget = string(v);
                } else {
                    checkOther(key, v);
                }
            }
            if (!named || name == null) {
                throw SLOW; // the codec names the problem
            }
            fields.add(new TelemetryField(name, widget, value, unit, null, null, null, null, null, null, null, null,
                    null, null, null, null, null));
        }
        if (pos != end) {
            throw SLOW;
        }
        return fields;
    }

    /** Keys whose values the export does not use: checked like the codec, else the codec decides. */
    private static void checkOther(int key, Object v) {
        TelemetryKey k = TelemetryKey.of(key);
        if (k == null || v == null) {
            return;
        }
        boolean ok = switch (k) {
            case STRING_VALUE -> v instanceof String;
            case TIME, WIDTH, HEIGHT -> v instanceof Long;
            case UPDATE_TIME, MIN, MAX, SLIDER_MIN, SLIDER_MAX, STEP -> v instanceof Number;
            default -> false; // DATA, OPTIONS: byte strings and arrays, which the codec reads
        };
        if (!ok) {
            throw SLOW;
        }
    }

    private static String string(Object v) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw SLOW;
    }

    private int key() {
        int ib = buf[pos] & 0xFF;
        int major = ib >>> 5;
        if (major == 0) {
            long v = head(0);
            if (v > Integer.MAX_VALUE) {
                throw SLOW;
            }
            return (int) v;
        }
        if (major == 1) {
            long v = head(1);
            if (v > Integer.MAX_VALUE) {
                throw SLOW;
            }
            return (int) (-1 - v);
        }
        throw SLOW;
    }

    /** A scalar value as the codec returns it: Long, Double, Boolean, String or null. */
    private Object scalar() {
        int ib = buf[pos] & 0xFF;
        int major = ib >>> 5;
        int ai = ib & 0x1F;
        switch (major) {
            case 0 -> {
                long v = head(0);
                if (v < 0) {
                    throw SLOW;
                }
                return v;
            }
            case 1 -> {
                long v = head(1);
                if (v < 0) {
                    throw SLOW;
                }
                return -1 - v;
            }
            case 3 -> {
                int len = (int) Math.min(head(3), Integer.MAX_VALUE);
                if (len > end - pos) {
                    throw SLOW;
                }
                String s = text(pos, len);
                pos += len;
                return s;
            }
            case 7 -> {
                pos++;
                switch (ai) {
                    case 20:
                        return Boolean.FALSE;
                    case 21:
                        return Boolean.TRUE;
                    case 22:
                        return null;
                    case 25: {
                        int h = (int) be(2);
                        return (double) halfToFloat(h);
                    }
                    case 26:
                        return (double) Float.intBitsToFloat((int) be(4));
                    case 27:
                        return Double.longBitsToDouble(be(8));
                    default:
                        throw SLOW;
                }
            }
            default -> throw SLOW;
        }
    }

    /** Reads a head of {@code major}; returns its argument (indefinite lengths and others go slow). */
    private long head(int major) {
        int ib = buf[pos] & 0xFF;
        if (ib >>> 5 != major) {
            throw SLOW;
        }
        int ai = ib & 0x1F;
        pos++;
        if (ai < 24) {
            return ai;
        }
        return switch (ai) {
            case 24 -> be(1);
            case 25 -> be(2);
            case 26 -> be(4);
            case 27 -> be(8);
            default -> throw SLOW;
        };
    }

    private long be(int n) {
        if (end - pos < n) {
            throw SLOW;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = v << 8 | (buf[pos + i] & 0xFF);
        }
        pos += n;
        return v;
    }

    /** The string of {@code buf[off, off + len)}, the same instance as last read's at this place if equal. */
    private String text(int off, int len) {
        int slot = textIndex++;
        if (slot >= cacheBytes.length) {
            cacheBytes = Arrays.copyOf(cacheBytes, slot * 2);
            cacheStrings = Arrays.copyOf(cacheStrings, slot * 2);
        }
        byte[] cached = cacheBytes[slot];
        if (cached != null && Arrays.equals(cached, 0, cached.length, buf, off, off + len)) {
            return cacheStrings[slot];
        }
        for (int i = off; i < off + len; i++) {
            if (buf[i] < 0) {
                // non-ASCII: strict UTF-8 decoding is the codec's
                String s = new String(buf, off, len, StandardCharsets.UTF_8);
                if (s.indexOf('\uFFFD') >= 0) {
                    throw SLOW;
                }
                return remember(slot, off, len, s);
            }
        }
        return remember(slot, off, len, new String(buf, off, len, StandardCharsets.ISO_8859_1));
    }

    private String remember(int slot, int off, int len, String s) {
        if (len <= 64) {
            cacheBytes[slot] = Arrays.copyOfRange(buf, off, off + len);
            cacheStrings[slot] = s;
        }
        return s;
    }

    private static float halfToFloat(int h) {
        int sign = (h >>> 15) & 1;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        float v;
        if (exp == 0) {
            v = (float) (mant * Math.pow(2, -24));
        } else if (exp == 31) {
            v = mant == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            v = (float) ((1 + mant / 1024.0) * Math.pow(2, exp - 15));
        }
        return sign == 1 ? -v : v;
    }
}
