package io.omvcap.sim;

import io.omvcap.device.ChannelBackend;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code echo} channel: a write stores {@code "echo: " + data} with the data at 6 + offset
 * (offset 0 starts a new reply); poll is true until the reply was read to its end.
 */
final class EchoChannel implements ChannelBackend {
    private static final byte[] PREFIX = "echo: ".getBytes(StandardCharsets.US_ASCII);
    /** Longest reply kept; larger writes fail. */
    static final int MAX_REPLY = 1 << 20;

    private byte[] reply = new byte[0];
    private boolean readToEnd = true;

    @Override
    public boolean poll() {
        return !readToEnd;
    }

    @Override
    public long size() {
        return reply.length;
    }

    @Override
    public int read(long offset, byte[] dst, int dstOff, int length) {
        int n = BufferReads.copy(reply, offset, dst, dstOff, length);
        if (n > 0 && offset + n >= reply.length) {
            readToEnd = true;
        }
        return n;
    }

    @Override
    public int write(long offset, byte[] src, int srcOff, int length) {
        long end = PREFIX.length + offset + length;
        if (end > MAX_REPLY) {
            return 0;
        }
        if (offset == 0) {
            reply = Arrays.copyOf(PREFIX, (int) end);
        } else if (end > reply.length) {
            reply = Arrays.copyOf(reply, (int) end);
        }
        System.arraycopy(src, srcOff, reply, PREFIX.length + (int) offset, length);
        readToEnd = false;
        return length;
    }
}
