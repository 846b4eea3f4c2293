package io.omvcap.device;

import io.omvcap.payload.BuiltinChannel;
import io.omvcap.payload.FrameHeader;
import io.omvcap.payload.Ioctl;
import io.omvcap.payload.PixFormat;
import io.omvcap.wire.WireFormat;

/**
 * Channel 3, {@code stream}: the preview framebuffer. The script offers frames (a 32-byte frame
 * header + JPEG) while streaming is enabled and the host does not hold the lock; the host locks,
 * reads (zero-copy) and unlocks, which empties the buffer until the next frame. STREAM_CTRL
 * enables streaming and resets the buffer and lock.
 */
public final class StreamChannel implements ChannelBackend {
    private final int capacity;
    private byte[] buffer = new byte[0];
    private int length;
    private int imageSize;
    private boolean enabled;
    private boolean hostLocked;
    private boolean rawEnabled;
    private long rawWidth;
    private long rawHeight;
    private long source;

    StreamChannel(int capacity) {
        this.capacity = capacity;
    }

    /** Whether the host enabled streaming. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Whether the host asked for raw (uncompressed) frames; recorded only. */
    public boolean isRawEnabled() {
        return rawEnabled;
    }

    /** Raw frame size the host asked for, as {width, height}; recorded only. */
    public long[] rawSize() {
        return new long[] {rawWidth, rawHeight};
    }

    /** The stream source selected with STREAM_SOURCE (newer firmware); recorded only. */
    public long source() {
        return source;
    }

    /**
     * Offers a JPEG frame from the script.
     *
     * @return true when the buffer was updated (streaming on, not locked by the host, fits)
     */
    public boolean offerJpeg(int width, int height, byte[] jpeg, float fps) {
        int total = FrameHeader.SIZE + jpeg.length;
        if (!enabled || hostLocked || total > capacity) {
            return false;
        }
        if (buffer.length < total) {
            buffer = new byte[Math.max(total, buffer.length * 3 / 2)];
        }
        byte[] header = new FrameHeader(width, height, PixFormat.JPEG.code(), jpeg.length, FrameHeader.SIZE, fps).encode();
        System.arraycopy(header, 0, buffer, 0, FrameHeader.SIZE);
        System.arraycopy(jpeg, 0, buffer, FrameHeader.SIZE, jpeg.length);
        length = total;
        imageSize = jpeg.length;
        return true;
    }

    /**
     * Offers a frame exactly as the host will read it: frame header and image bytes, e.g. a
     * recorded stream read being replayed.
     *
     * @param frame     header + image
     * @param imageSize image bytes (the {@link #shape()} answer)
     * @return true when the buffer was updated (streaming on, not locked by the host, fits)
     */
    public boolean offerFrame(byte[] frame, int imageSize) {
        if (!enabled || hostLocked || frame.length > capacity) {
            return false;
        }
        if (buffer.length < frame.length) {
            buffer = new byte[Math.max(frame.length, buffer.length * 3 / 2)];
        }
        System.arraycopy(frame, 0, buffer, 0, frame.length);
        length = frame.length;
        this.imageSize = imageSize;
        return true;
    }

    /** Whether the host holds the lock. */
    public boolean isHostLocked() {
        return hostLocked;
    }

    /** Channel init on (re)boot: releases a host lock. */
    void reset() {
        unlock();
    }

    @Override
    public boolean poll() {
        return length != 0;
    }

    @Override
    public boolean lock() {
        if (length == 0 || hostLocked) {
            return false;
        }
        hostLocked = true;
        return true;
    }

    @Override
    public boolean unlock() {
        if (hostLocked) {
            length = 0;
            imageSize = 0;
            hostLocked = false;
        }
        return true;
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    public long[] shape() {
        return new long[] {imageSize};
    }

    @Override
    public ByteSlice readp(long offset, long size) {
        if (offset + size > length) {
            return null;
        }
        return new ByteSlice(buffer, (int) offset, (int) size);
    }

    @Override
    public int ioctl(long request, byte[] args) {
        Ioctl op = Ioctl.of(BuiltinChannel.STREAM.id(), request);
        if (op == null) {
            return -1;
        }
        switch (op) {
            case STREAM_CTRL -> {
                enabled = WireFormat.u32(args, 0) != 0;
                hostLocked = false;
                length = 0;
                imageSize = 0;
            }
            case STREAM_RAW_CTRL -> rawEnabled = WireFormat.u32(args, 0) != 0;
            case STREAM_RAW_CFG -> {
                rawWidth = WireFormat.u32(args, 0);
                rawHeight = WireFormat.u32(args, 4);
            }
            case STREAM_SOURCE -> source = WireFormat.u32(args, 0);
            default -> {
                return -1;
            }
        }
        return 0;
    }
}
