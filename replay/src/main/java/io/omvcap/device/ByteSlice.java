package io.omvcap.device;

import java.util.Objects;

/**
 * A view of bytes held by a channel backend, returned by zero-copy reads ({@code readp}). The
 * engine sends from it without copying, so the backend must not change these bytes until the
 * response has been sent.
 *
 * @param array  backing array
 * @param offset first byte
 * @param length number of bytes
 */
public record ByteSlice(byte[] array, int offset, int length) {
    /** Validates the bounds. */
    public ByteSlice {
        Objects.requireNonNull(array, "array");
        Objects.checkFromIndexSize(offset, length, array.length);
    }

    /** A slice of all of {@code array}. */
    public static ByteSlice of(byte[] array) {
        return new ByteSlice(array, 0, array.length);
    }

    /** The first {@code n} bytes of this slice. */
    public ByteSlice head(int n) {
        return new ByteSlice(array, offset, n);
    }
}
