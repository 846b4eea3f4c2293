package io.omvcap.device;

import io.omvcap.payload.Nak;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Status;

/**
 * One send of the firmware ({@code omv_protocol_send_packet}, or the copy-read loop): produces its
 * packets one at a time, so a copying read asks its backend for the next chunk only after the
 * previous fragment was acknowledged.
 */
abstract class Outbound {
    final int opcode;
    final int channel;

    Outbound(int opcode, int channel) {
        this.opcode = opcode;
        this.channel = channel;
    }

    /**
     * Fills {@code slot} with the next packet (flags before ACK_REQ rules, payload reference).
     *
     * @return false when this send has nothing more to send
     */
    abstract boolean next(Slot slot, int maxPayload);

    /** Whether this send was a NAK (or ended in one). */
    abstract boolean nak();

    /** Whether its last packet was handed out: once that is acknowledged, the send is delivered. */
    abstract boolean exhausted();

    /** Whether this send was an event (events are not answers). */
    boolean event() {
        return false;
    }

    /** The next packet to put on the wire. */
    static final class Slot {
        int opcode;
        int channel;
        int flags;
        byte[] data;
        int offset;
        int length;

        void set(int op, int ch, int fl, byte[] d, int off, int len) {
            opcode = op;
            channel = ch;
            flags = fl;
            data = d;
            offset = off;
            length = len;
        }
    }

    /** A payload sent in fragments of max payload (FRAGMENT on all but the last). */
    static Outbound of(int opcode, int channel, int flags, byte[] data) {
        return new Fixed(opcode, channel, flags, data, 0, data.length);
    }

    /** A zero-copy payload sent in fragments of max payload. */
    static Outbound of(int opcode, int channel, ByteSlice slice) {
        return new Fixed(opcode, channel, 0, slice.array(), slice.offset(), slice.length());
    }

    /** A bare ACK or a NAK with {@code status}. */
    static Outbound status(int opcode, int channel, Status status) {
        return status == Status.SUCCESS ? new Fixed(opcode, channel, Flag.ACK.mask(), new byte[0], 0, 0)
                : new Fixed(opcode, channel, Flag.NAK.mask(), Nak.encode(status), 0, Nak.SIZE);
    }

    private static final class Fixed extends Outbound {
        private final int flags;
        private final byte[] data;
        private int offset;
        private int remaining;
        private boolean started;

        Fixed(int opcode, int channel, int flags, byte[] data, int offset, int length) {
            super(opcode, channel);
            this.flags = flags;
            this.data = data;
            this.offset = offset;
            this.remaining = length;
        }

        @Override
        boolean nak() {
            return (flags & Flag.NAK.mask()) != 0;
        }

        @Override
        boolean event() {
            return (flags & Flag.EVENT.mask()) != 0;
        }

        @Override
        boolean exhausted() {
            return started && remaining == 0;
        }

        @Override
        boolean next(Slot slot, int maxPayload) {
            if (started && remaining == 0) {
                return false;
            }
            started = true;
            int n = Math.min(remaining, maxPayload);
            int fl = remaining > maxPayload ? flags | Flag.FRAGMENT.mask() : flags;
            slot.set(opcode, channel, fl, data, offset, n);
            offset += n;
            remaining -= n;
            return true;
        }
    }

    /** The copy-read loop: one backend read per fragment of at most {@code chunk} bytes. */
    static final class CopyRead extends Outbound {
        private final Channel source;
        private final byte[] buffer;
        private long offset;
        private long remaining;
        private boolean done;

        CopyRead(int opcode, Channel source, long offset, long length, int chunk) {
            super(opcode, source.id());
            this.source = source;
            this.buffer = new byte[chunk];
            this.offset = offset;
            this.remaining = length;
        }

        @Override
        boolean nak() {
            return done;
        }

        @Override
        boolean exhausted() {
            return done || remaining == 0;
        }

        @Override
        boolean next(Slot slot, int maxPayload) {
            if (done || remaining == 0) {
                return false;
            }
            int want = (int) Math.min(remaining, buffer.length);
            int got = source.read(offset, buffer, 0, want);
            if (got <= 0) {
                done = true;
                byte[] nak = Nak.encode(Status.FAILED);
                slot.set(opcode, channel, Flag.NAK.mask(), nak, 0, nak.length);
                return true;
            }
            remaining -= got;
            offset += got;
            slot.set(opcode, channel, remaining == 0 ? 0 : Flag.FRAGMENT.mask(), buffer, 0, got);
            return true;
        }
    }
}
