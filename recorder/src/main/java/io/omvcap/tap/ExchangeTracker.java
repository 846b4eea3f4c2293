package io.omvcap.tap;

import io.omvcap.archive.ChannelData;
import io.omvcap.archive.DeviceFacts;
import io.omvcap.archive.EventRecord;
import io.omvcap.archive.LifecycleEvent;
import io.omvcap.archive.LifecycleKind;
import io.omvcap.payload.BuiltinChannel;
import io.omvcap.payload.Caps;
import io.omvcap.payload.ChannelEntry;
import io.omvcap.payload.Event;
import io.omvcap.payload.ReadRequest;
import io.omvcap.payload.SysInfo;
import io.omvcap.payload.SystemEvent;
import io.omvcap.payload.VersionInfo;
import io.omvcap.payload.WriteRequest;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.Status;
import io.omvcap.wire.WireFormat;
import io.omvcap.wire.WireFormatException;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows a host's conversation with a cam from the valid packets of both directions, as the
 * tap sees them, and turns it into what a host-mode recording holds: channel reads (a CHANNEL_READ
 * request paired with the cam's answer, fragments joined), host writes (acknowledged chunks of one
 * transfer joined), events, and the device facts from the host's own CHANNEL_LIST, VERSION, SYS_INFO
 * and SET_CAPS exchanges. Pairing follows the host rules of the protocol: an answer matches the
 * outstanding request's channel and opcode and, with sequence checking on, the expected sequence;
 * retransmitted duplicates are dropped. Whatever cannot be paired is reported as unpaired; the
 * packets stay in the archive either way.
 *
 * <p>It also says when the framing both peers apply changes (the host's PROTO_SYNC, an
 * acknowledged SET_CAPS), so the archive's decoders apply exactly that. Pure logic; not thread-safe.
 */
final class ExchangeTracker {
    /** Most bytes one joined answer may have, so a cam that never ends a fragment run cannot exhaust memory. */
    static final int MAX_ANSWER = 64 << 20;
    private static final Set<Integer> FACT_REQUESTS = Set.of(Opcode.PROTO_SYNC.code(), Opcode.PROTO_GET_CAPS.code(),
            Opcode.PROTO_SET_CAPS.code(), Opcode.CHANNEL_LIST.code(), Opcode.PROTO_VERSION.code(), Opcode.SYS_INFO.code());

    /** What the conversation produced; times are {@link System#nanoTime()} readings. */
    interface Output {
        void read(long nanoTime, ChannelData read);

        void write(long nanoTime, ChannelData written);

        void event(long nanoTime, EventRecord event);

        void device(long nanoTime, DeviceFacts facts);

        void lifecycle(long nanoTime, LifecycleEvent event);

        /** A cam packet that answers nothing outstanding (its request was lost, or the host moved on). */
        void unpaired(long nanoTime, String what);

        /** A request the cam never answered before the host sent the next one. */
        void unanswered(long nanoTime, String what);

        /**
         * A cam packet that answers the request the host gave up on (after its timeout, a resync, or
         * leaving): the host drops it as stale; it is no fault of the conversation.
         */
        default void late(long nanoTime, String what) {
        }
    }

    private record Request(int opcode, int channel, int sequence, byte[] payload) {
        String describe() {
            return Opcode.nameOf(opcode) + " ch " + channel + " seq " + sequence;
        }
    }

    private final Output out;
    private final WriteJoiner writes = new WriteJoiner();
    private final ByteArrayOutputStream fragments = new ByteArrayOutputStream();
    private final Map<Integer, String> names = new HashMap<>();
    private Request pending;
    /** The last request the host gave up on unanswered: a late answer to it is not unpaired. */
    private Request givenUp;
    private int expected;
    /** Caps in force (null: the defaults after a resync, reboot or new link). */
    private Caps caps;
    private boolean hostSynced;
    private VersionInfo version;
    private SysInfo sysInfo;
    private Caps factsCaps;
    private List<ChannelEntry> channels = List.of();
    private boolean factsDirty;
    private long factsTime;
    private DeviceFacts lastFacts;

    ExchangeTracker(Output out) {
        this.out = out;
    }

    /**
     * One valid packet in stream order. Returns the framing to apply to the bytes after it when
     * this packet changes it, else null.
     */
    Framing packet(Direction dir, long nanoTime, Packet p) {
        return dir == Direction.HOST_TO_CAM ? fromHost(nanoTime, p) : fromCam(nanoTime, p);
    }

    /** A host opened the link: its first PROTO_SYNC is its connect, not a resync. */
    void hostOpened() {
        hostSynced = false;
    }

    /** The host closed the link (or was hung up): a joined write ends, an outstanding request is dropped. */
    void hostClosed(long nanoTime) {
        settle(nanoTime);
        if (pending != null) {
            out.unanswered(nanoTime, pending.describe() + " (the host left)");
            givenUp = pending;
        }
        abandon();
    }

    /** A new link to the cam: its protocol starts over with default caps. */
    void camReset(long nanoTime) {
        hostClosed(nanoTime);
        givenUp = null;
        caps = null;
    }

    /** The end of the tap: whatever is complete is written. */
    void finish(long nanoTime) {
        settle(nanoTime);
    }

    private Framing fromHost(long t, Packet p) {
        if (p.has(Flag.ACK) || p.has(Flag.NAK) || p.isEvent()) {
            return null; // the host acknowledging a cam packet
        }
        if (!(p.opcode() == Opcode.CHANNEL_WRITE.code() && continuesWrite(p))) {
            writes.flush(out);
        }
        if (factsDirty && !FACT_REQUESTS.contains(p.opcode())) {
            emitFacts();
        }
        if (pending != null) {
            out.unanswered(t, pending.describe());
            givenUp = pending;
        }
        abandon();
        pending = new Request(p.opcode(), p.channel(), p.sequence(), p.payload());
        expected = p.sequence();
        if (p.opcode() == Opcode.PROTO_SYNC.code()) {
            if (hostSynced) {
                out.lifecycle(t, LifecycleEvent.of(LifecycleKind.RESYNC, "host resynced"));
            }
            hostSynced = true;
            caps = null;
            return Framing.DEFAULT; // the cam resets its protocol on it; so does the host before sending it
        }
        return null;
    }

    private boolean continuesWrite(Packet p) {
        return p.length() >= WriteRequest.PREFIX_SIZE && writes.continues(p.channel(), WireFormat.u32(p.payload(), 0));
    }

    private Framing fromCam(long t, Packet p) {
        if (Event.isEvent(p)) {
            return event(t, p);
        }
        if (p.has(Flag.RTX) && p.sequence() != expected) {
            return null; // a retransmitted copy of a packet already taken
        }
        if (pending == null) {
            unpaired(t, p, " with no request outstanding");
            return null;
        }
        if (p.channel() != pending.channel || p.opcode() != pending.opcode) {
            unpaired(t, p, " does not answer " + pending.describe());
            return null;
        }
        int status = p.has(Flag.NAK) ? nakStatus(p) : -1;
        boolean sync = pending.opcode == Opcode.PROTO_SYNC.code();
        boolean seqOn = caps == null || caps.sequence();
        if (seqOn && !sync && p.sequence() != expected && status != Status.SEQUENCE.code()) {
            unpaired(t, p, " out of sequence for " + pending.describe());
            return null;
        }
        givenUp = null; // the cam has moved on to the host's current request
        if (sync) {
            abandon();
            return null;
        }
        expected = (expected + 1) & 0xFF;
        if (status >= 0) {
            if (pending.opcode == Opcode.CHANNEL_WRITE.code()) {
                writes.discard(); // a failed chunk fails the whole transfer, as it does for the host
            }
            abandon();
            return null;
        }
        if (fragments.size() > MAX_ANSWER - p.length()) {
            out.unpaired(t, "answer to " + pending.describe() + " exceeds " + MAX_ANSWER + " bytes");
            abandon();
            return null;
        }
        if (p.has(Flag.FRAGMENT)) {
            fragments.write(p.payload(), 0, p.length());
            return null;
        }
        byte[] answer = p.payload();
        if (fragments.size() > 0) {
            fragments.write(p.payload(), 0, p.length());
            answer = fragments.toByteArray();
        }
        Request done = pending;
        abandon();
        try {
            return complete(t, done, answer);
        } catch (WireFormatException e) {
            out.unpaired(t, "malformed answer to " + done.describe() + ": " + e.getMessage());
            return null;
        }
    }

    private Framing complete(long t, Request r, byte[] answer) {
        Opcode op = Opcode.of(r.opcode);
        if (op == null) {
            return null;
        }
        switch (op) {
            case CHANNEL_READ -> out.read(t, new ChannelData(r.channel, name(r.channel),
                    ReadRequest.decode(r.payload).offset(), answer));
            case CHANNEL_WRITE -> {
                WriteRequest w = WriteRequest.decode(r.payload);
                writes.acknowledged(t, r.channel, name(r.channel), w.offset(), w.data(), chunkSize(), out);
            }
            case CHANNEL_LIST -> {
                channels = List.copyOf(ChannelEntry.decodeList(answer));
                names.clear();
                channels.forEach(c -> names.put(c.id(), c.name()));
                factsChanged(t);
            }
            case PROTO_VERSION -> {
                version = VersionInfo.decode(answer);
                factsChanged(t);
            }
            case SYS_INFO -> {
                sysInfo = SysInfo.decode(answer);
                factsChanged(t);
            }
            case PROTO_SET_CAPS -> {
                caps = Caps.decode(r.payload);
                factsCaps = caps;
                factsChanged(t);
                return new Framing(caps.crc(), caps.maxPayload());
            }
            default -> {
            }
        }
        return null;
    }

    private Framing event(long t, Packet p) {
        Event e;
        try {
            e = Event.decode(p);
        } catch (WireFormatException ex) {
            out.unpaired(t, "malformed event: " + ex.getMessage());
            return null;
        }
        out.event(t, EventRecord.of(e, e.isSystem() ? "system" : names.get(e.channel())));
        if (e.systemEvent() == SystemEvent.SOFT_REBOOT) {
            // The cam sends this before it restarts its protocol (the answer to the request that
            // caused it still follows under the old framing) and the restart itself is not on the
            // wire; hosts apply default framing again when they resync, so the framing changes at
            // the host's PROTO_SYNC, as in a host-mode recording.
            out.lifecycle(t, LifecycleEvent.of(LifecycleKind.SOFT_REBOOT, "cam protocol restarted with default caps"));
        }
        return null;
    }

    private void factsChanged(long t) {
        factsDirty = true;
        factsTime = t;
    }

    /** Writes the facts gathered so far when they differ from the last written. */
    private void emitFacts() {
        factsDirty = false;
        DeviceFacts f = new DeviceFacts(version, sysInfo, factsCaps, channels);
        if (!f.equals(lastFacts)) {
            lastFacts = f;
            out.device(factsTime, f);
        }
    }

    private void settle(long nanoTime) {
        writes.flush(out);
        if (factsDirty) {
            emitFacts();
        }
    }

    /**
     * A cam packet that answers nothing outstanding: late when it has the channel and opcode of the
     * request the host gave up on last (as a host drops it), else unpaired.
     */
    private void unpaired(long t, Packet p, String why) {
        if (givenUp != null && p.channel() == givenUp.channel && p.opcode() == givenUp.opcode) {
            out.late(t, describe(p) + " answers " + givenUp.describe() + ", which the host gave up on");
        } else {
            out.unpaired(t, describe(p) + why);
        }
    }

    private void abandon() {
        pending = null;
        fragments.reset();
    }

    private int chunkSize() {
        return caps == null ? -1 : caps.maxPayload() - WriteRequest.PREFIX_SIZE;
    }

    /**
     * The channel's name as last listed; before a list, the name of stdin, stdout or stream, or
     * {@code channel-N} (id 4 is a script's channel on most builds, the profiler on others).
     */
    private String name(int id) {
        String n = names.get(id);
        if (n != null) {
            return n;
        }
        for (BuiltinChannel b : List.of(BuiltinChannel.STDIN, BuiltinChannel.STDOUT, BuiltinChannel.STREAM)) {
            if (b.id() == id) {
                return b.wireName();
            }
        }
        return "channel-" + id;
    }

    private static int nakStatus(Packet p) {
        return p.length() >= 2 ? WireFormat.u16(p.payload(), 0) : Status.UNKNOWN.code();
    }

    private static String describe(Packet p) {
        return (p.has(Flag.NAK) ? "NAK " + Status.nameOf(nakStatus(p)) + " for " : "")
                + Opcode.nameOf(p.opcode()) + " ch " + p.channel() + " seq " + p.sequence();
    }
}
