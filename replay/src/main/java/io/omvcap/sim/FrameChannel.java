package io.omvcap.sim;

import io.omvcap.device.ByteSlice;
import io.omvcap.device.ChannelBackend;

/**
 * The {@code frame} channel: one latched frame read zero-copy ({@code readp}). Poll stays true
 * until the host requests the last byte; only then does the script latch the next frame.
 */
final class FrameChannel implements ChannelBackend {
    private byte[] frame;
    private boolean readToEnd = true;

    /** Whether the script may latch a new frame (nothing latched yet, or the last one was read). */
    boolean wantsFrame() {
        return readToEnd;
    }

    void latch(byte[] data) {
        frame = data;
        readToEnd = false;
    }

    @Override
    public boolean poll() {
        return frame != null && !readToEnd;
    }

    @Override
    public long size() {
        return frame == null ? 0 : frame.length;
    }

    @Override
    public ByteSlice readp(long offset, long length) {
        if (frame == null || offset + length > frame.length) {
            return null;
        }
        if (offset + length == frame.length) {
            readToEnd = true;
        }
        return new ByteSlice(frame, (int) offset, (int) length);
    }
}
