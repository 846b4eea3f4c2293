package io.omvcap.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Reads hex text (as sniffers and {@code xxd -p} print it) as bytes: pairs of hex digits,
 * whitespace, {@code :} and {@code ,} separators ignored, an optional {@code 0x} before a pair.
 */
public final class HexTextInput extends InputStream {
    private final Reader reader;
    private final String name;
    private long charOffset;
    private int pushback = -1;

    /** Reads hex text from {@code reader}; {@code name} is used in error messages. */
    public HexTextInput(Reader reader, String name) {
        this.reader = reader;
        this.name = name;
    }

    @Override
    public int read() throws IOException {
        int hi = nextDigit(true);
        if (hi < 0) {
            return -1;
        }
        int lo = nextDigit(false);
        if (lo < 0) {
            throw new IOException(name + ": odd number of hex digits (last digit at character " + charOffset + ")");
        }
        return hi << 4 | lo;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int v = read();
            if (v < 0) {
                return n == 0 ? -1 : n;
            }
            b[off + n++] = (byte) v;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private int nextChar() throws IOException {
        if (pushback >= 0) {
            int c = pushback;
            pushback = -1;
            return c;
        }
        int c = reader.read();
        if (c >= 0) {
            charOffset++;
        }
        return c;
    }

    private int nextDigit(boolean allowSeparators) throws IOException {
        while (true) {
            int c = nextChar();
            if (c < 0) {
                return -1;
            }
            int v = Character.digit(c, 16);
            if (c == '0' && allowSeparators) {
                int x = nextChar();
                if (x == 'x' || x == 'X') {
                    continue;
                }
                pushback = x;
                return 0;
            }
            if (v >= 0) {
                return v;
            }
            if (allowSeparators && (Character.isWhitespace(c) || c == ':' || c == ',')) {
                continue;
            }
            throw new IOException(name + ": invalid hex character '" + printable(c) + "' at character " + charOffset);
        }
    }

    private static String printable(int c) {
        return c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\u%04x", c);
    }
}
