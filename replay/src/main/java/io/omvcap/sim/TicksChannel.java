package io.omvcap.sim;

import io.omvcap.device.CamClock;
import io.omvcap.device.ChannelBackend;
import java.nio.charset.StandardCharsets;

/** The {@code ticks} channel: always ready, ten ASCII digits of the cam's millisecond ticks. */
final class TicksChannel implements ChannelBackend {
    static final int SIZE = 10;
    private final CamClock clock;

    TicksChannel(CamClock clock) {
        this.clock = clock;
    }

    @Override
    public boolean poll() {
        return true;
    }

    @Override
    public long size() {
        return SIZE;
    }

    @Override
    public int read(long offset, byte[] dst, int dstOff, int length) {
        byte[] digits = String.format("%010d", clock.millis() % 10_000_000_000L).getBytes(StandardCharsets.US_ASCII);
        return BufferReads.copy(digits, offset, dst, dstOff, length);
    }
}
