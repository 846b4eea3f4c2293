package io.omvcap.sim;

/** Copying reads out of a whole-buffer channel value, shared by the script's copy-read channels. */
final class BufferReads {
    private BufferReads() {
    }

    /**
     * Copies up to {@code length} bytes of {@code src} at {@code offset} to {@code dst}.
     *
     * @return bytes copied; 0 past the end (which fails the host's read)
     */
    static int copy(byte[] src, long offset, byte[] dst, int dstOff, int length) {
        if (offset >= src.length) {
            return 0;
        }
        int n = (int) Math.min(length, src.length - offset);
        System.arraycopy(src, (int) offset, dst, dstOff, n);
        return n;
    }
}
