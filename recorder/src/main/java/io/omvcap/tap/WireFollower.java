package io.omvcap.tap;

import io.omvcap.record.SegmentedArchive;
import io.omvcap.wire.Direction;
import io.omvcap.wire.InvalidReason;
import io.omvcap.wire.Packet;
import io.omvcap.wire.PacketDecoder;
import io.omvcap.wire.WireFormat;
import io.omvcap.wire.WireVisitor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Archives the forwarded chunks and follows them with a packet decoder per direction, handing the
 * valid packets to the {@link ExchangeTracker}. Its decoders apply the same framing as the
 * archive's, switched at the same byte: when a packet changes the framing, the chunk is archived up
 * to the end of that packet, the new framing is declared ({@code SessionWriter.framing}), and the
 * rest of the chunk is decoded and archived under it, so the packets readers derive are exactly
 * those the peers exchanged.
 *
 * <p>What the tracker produces from a chunk is written after the chunk's bytes, as a host-mode
 * recording orders them. Runs on the tap's archive thread only.
 */
final class WireFollower implements WireVisitor {
    private final SegmentedArchive archive;
    private final ExchangeTracker tracker;
    private final List<Runnable> produced = new ArrayList<>();
    private final PacketDecoder[] decoders = new PacketDecoder[2];
    private final long[] offsets = new long[2];
    private Framing framing = Framing.DEFAULT;
    // the chunk being decoded
    private Direction dir;
    private long time;
    private Framing change;
    private long changeEnd;

    /** Follows the wire into {@code archive}; what the conversation produces goes to {@code out}. */
    WireFollower(SegmentedArchive archive, ExchangeTracker.Output out) {
        this.archive = archive;
        this.tracker = new ExchangeTracker(deferring(out));
        resetDecoders();
    }

    /** The tracker following the conversation. */
    ExchangeTracker tracker() {
        return tracker;
    }

    /** The tracker's output that defers everything it produces until the chunk's bytes are archived. */
    private ExchangeTracker.Output deferring(ExchangeTracker.Output out) {
        return new ExchangeTracker.Output() {
            @Override
            public void read(long t, io.omvcap.archive.ChannelData r) {
                produced.add(() -> out.read(t, r));
            }

            @Override
            public void write(long t, io.omvcap.archive.ChannelData w) {
                produced.add(() -> out.write(t, w));
            }

            @Override
            public void event(long t, io.omvcap.archive.EventRecord e) {
                produced.add(() -> out.event(t, e));
            }

            @Override
            public void device(long t, io.omvcap.archive.DeviceFacts f) {
                produced.add(() -> out.device(t, f));
            }

            @Override
            public void lifecycle(long t, io.omvcap.archive.LifecycleEvent e) {
                produced.add(() -> out.lifecycle(t, e));
            }

            @Override
            public void unpaired(long t, String what) {
                produced.add(() -> out.unpaired(t, what));
            }

            @Override
            public void unanswered(long t, String what) {
                produced.add(() -> out.unanswered(t, what));
            }
        };
    }

    /** A forwarded chunk: archived, decoded, tracked. */
    void chunk(Direction d, long nanoTime, byte[] buf, int off, int len) {
        int pos = off;
        int end = off + len;
        while (pos < end) {
            dir = d;
            time = nanoTime;
            change = null;
            long startOffset = offsets[d.ordinal()];
            decoders[d.ordinal()].feed(buf, pos, end - pos, this);
            int take = change == null ? end - pos : (int) (changeEnd - startOffset);
            archive.wire(d, nanoTime, buf, pos, take);
            offsets[d.ordinal()] += take;
            pos += take;
            if (change != null) {
                apply(change, d);
            }
            runProduced();
        }
    }

    /**
     * A new link to the cam: the archive's byte streams restart, the decoders start afresh, and the
     * framing returns to the defaults every cam starts with.
     */
    void newConnection() {
        archive.connection();
        resetDecoders();
        archive.framing(Framing.DEFAULT.crc(), Framing.DEFAULT.maxPayload());
        setFraming(Framing.DEFAULT);
    }

    /** Writes what the tracker produced outside a chunk (host left, cam lost, end). */
    void runProduced() {
        for (Runnable r : produced) {
            r.run();
        }
        produced.clear();
    }

    @Override
    public void valid(long offset, byte[] buf, int off, int size) {
        if (change != null) {
            return; // after a framing change: decoded again under the new framing
        }
        int length = WireFormat.u16(buf, off + 6);
        Packet p = new Packet(buf[off + 2] & 0xFF, buf[off + 3] & 0xFF, buf[off + 4] & 0xFF, buf[off + 5] & 0xFF,
                Arrays.copyOfRange(buf, off + WireFormat.HEADER_SIZE, off + WireFormat.HEADER_SIZE + length));
        archive.packet(dir, true, p.flags());
        Framing next = tracker.packet(dir, time, p);
        if (next != null && !next.equals(framing)) {
            change = next;
            changeEnd = offset + size;
        }
    }

    @Override
    public void invalid(long offset, InvalidReason reason, byte[] buf, int off, int rawLength, int consumed) {
        if (change == null) {
            archive.packet(dir, false, 0);
        }
    }

    @Override
    public void noise(long offset, int length) {
        // noise is archived with the wire bytes; readers count it from there
    }

    /**
     * Switches to {@code f} after a packet of {@code d}: that direction's decoder restarts at the
     * packet's end (it holds nothing back there), the other keeps its state, as the archive's do.
     */
    private void apply(Framing f, Direction d) {
        archive.framing(f.crc(), f.maxPayload());
        PacketDecoder fresh = new PacketDecoder(f.maxPayload(), f.crc());
        fresh.continueAt(offsets[d.ordinal()]);
        decoders[d.ordinal()] = fresh;
        setFraming(f);
    }

    private void setFraming(Framing f) {
        framing = f;
        for (PacketDecoder decoder : decoders) {
            decoder.setCrcEnabled(f.crc());
            decoder.setMaxPayload(f.maxPayload());
        }
    }

    private void resetDecoders() {
        for (int i = 0; i < 2; i++) {
            decoders[i] = new PacketDecoder(framing.maxPayload(), framing.crc());
            offsets[i] = 0;
        }
    }
}
