package io.omvcap.wire;

import java.util.Arrays;
import java.util.function.Consumer;

/** Copies borrowed bytes into {@link ValidPacket}, {@link InvalidPacket} and {@link Noise} records. */
final class WireEvents implements WireVisitor {
    private static final byte[] EMPTY = new byte[0];
    final Consumer<? super WireEvent> sink;

    WireEvents(Consumer<? super WireEvent> sink) {
        this.sink = sink;
    }

    @Override
    public void valid(long offset, byte[] buf, int off, int size) {
        int length = WireFormat.u16(buf, off + 6);
        byte[] payload = length == 0 ? EMPTY : Arrays.copyOfRange(buf, off + WireFormat.HEADER_SIZE,
                off + WireFormat.HEADER_SIZE + length);
        sink.accept(new ValidPacket(offset, new Packet(buf[off + 2] & 0xFF, buf[off + 3] & 0xFF,
                buf[off + 4] & 0xFF, buf[off + 5] & 0xFF, payload)));
    }

    @Override
    public void invalid(long offset, InvalidReason reason, byte[] buf, int off, int rawLength, int consumed) {
        sink.accept(new InvalidPacket(offset, reason, Arrays.copyOfRange(buf, off, off + rawLength), consumed));
    }

    @Override
    public void noise(long offset, int length) {
        sink.accept(new Noise(offset, length));
    }
}
