package io.omvcap.host;

import io.omvcap.payload.Event;
import io.omvcap.payload.SystemEvent;
import io.omvcap.testing.Transcript;
import io.omvcap.testing.Transcript.TracePacket;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.PacketEncoder;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a scripted cam expects from the host and sends back, as alternating byte runs. Built from
 * a golden transcript either chunk for chunk (byte-exact, noise and injected damage included) or
 * packet for packet (re-encoded, which allows edits: dropping the SDK's redundant exchanges and
 * renumbering what follows, the way the cam's counter would have run).
 */
record Script(List<Step> steps) {
    /** One run of bytes in one direction. */
    record Step(Direction dir, byte[] bytes) {
    }

    /** The transcript's chunks, consecutive chunks of one direction merged. */
    static Script fromTrace(Transcript t) {
        Builder b = new Builder();
        for (Transcript.Chunk c : t.chunks()) {
            b.add(c.dir(), c.bytes());
        }
        return b.build();
    }

    /** The given (valid) packets, re-encoded with CRCs, consecutive packets of one direction merged. */
    static Script fromPackets(List<TracePacket> packets) {
        Builder b = new Builder();
        for (TracePacket p : packets) {
            if (!p.valid()) {
                throw new IllegalArgumentException("packet scripts hold valid packets only");
            }
            b.add(p.dir(), PacketEncoder.encode(toPacket(p)));
        }
        return b.build();
    }

    /** The host sends these packets (encoded with CRCs). */
    static Script host(Packet... packets) {
        return of(Direction.HOST_TO_CAM, packets);
    }

    /** The cam sends these packets (encoded with CRCs). */
    static Script cam(Packet... packets) {
        return of(Direction.CAM_TO_HOST, packets);
    }

    private static Script of(Direction dir, Packet... packets) {
        Builder b = new Builder();
        for (Packet p : packets) {
            b.add(dir, PacketEncoder.encode(p));
        }
        return b.build();
    }

    /** This script followed by {@code next}. */
    Script then(Script next) {
        Builder b = new Builder();
        for (Step s : steps) {
            b.add(s.dir(), s.bytes());
        }
        for (Step s : next.steps) {
            b.add(s.dir(), s.bytes());
        }
        return b.build();
    }

    /** Index of the first host step that contains {@code bytes}. */
    int hostStepContaining(byte[] bytes) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).dir() == Direction.HOST_TO_CAM && indexOf(steps.get(i).bytes(), bytes) >= 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("no host step contains the given bytes");
    }

    /**
     * A copy in which the cam's answer to the host step containing {@code hostBytes} is sent only
     * after the host's next run of bytes: the cam's reply overtaken by the host's next request.
     */
    Script delayingCamAnswerTo(byte[] hostBytes) {
        int i = hostStepContaining(hostBytes);
        if (i + 2 >= steps.size() || steps.get(i + 1).dir() != Direction.CAM_TO_HOST) {
            throw new IllegalArgumentException("the step is not answered by the cam and followed by the host");
        }
        List<Step> reordered = new ArrayList<>(steps);
        reordered.set(i + 1, steps.get(i + 2));
        reordered.set(i + 2, steps.get(i + 1));
        Builder b = new Builder();
        for (Step s : reordered) {
            b.add(s.dir(), s.bytes());
        }
        return b.build();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Total bytes expected from the host. */
    long hostBytes() {
        return steps.stream().filter(s -> s.dir() == Direction.HOST_TO_CAM).mapToLong(s -> s.bytes().length).sum();
    }

    static Packet toPacket(TracePacket p) {
        return new Packet(p.seq(), p.chan(), p.flags(), p.opcode(), p.payload());
    }

    /**
     * Removes every exchange whose host request matches {@code request} (the request, the cam's
     * non-event answers and the host's ACKs up to the next host request; events in between stay)
     * and renumbers the packets after it, up to the end of the cam's counter epoch (a PROTO_SYNC
     * or a SOFT_REBOOT event, which is renumbered itself), by the number of cam packets removed.
     */
    static List<TracePacket> withoutExchanges(List<TracePacket> packets, Predicate<TracePacket> request) {
        List<TracePacket> out = new ArrayList<>(packets.size());
        int shift = 0;
        boolean removing = false;
        for (TracePacket p : packets) {
            boolean hostRequest = p.dir() == Direction.HOST_TO_CAM && !Flag.ACK.isSet(p.flags());
            boolean event = Flag.EVENT.isSet(p.flags());
            if (hostRequest) {
                if (p.opcode() == Opcode.PROTO_SYNC.code()) {
                    shift = 0;
                }
                removing = request.test(p);
            }
            if (removing && !event) {
                if (p.dir() == Direction.CAM_TO_HOST) {
                    shift++;
                }
                continue;
            }
            out.add(shift == 0 ? p : renumber(p, shift));
            if (event && isSoftReboot(p)) {
                shift = 0;
            }
        }
        return out;
    }

    private static boolean isSoftReboot(TracePacket p) {
        return p.opcode() == Opcode.SYS_EVENT.code()
                && Event.decode(toPacket(p)).systemEvent() == SystemEvent.SOFT_REBOOT;
    }

    private static TracePacket renumber(TracePacket p, int shift) {
        return new TracePacket(p.tNs(), p.dir(), (p.seq() - shift) & 0xFF, p.chan(), p.flags(), p.opcode(), p.length(),
                p.payload(), p.headerCrcOk(), p.payloadCrcOk());
    }

    /** Merges consecutive runs of one direction. */
    private static final class Builder {
        private final List<Step> steps = new ArrayList<>();
        private Direction dir;
        private final ByteArrayOutputStream run = new ByteArrayOutputStream();

        void add(Direction d, byte[] bytes) {
            if (d != dir) {
                flush();
                dir = d;
            }
            run.writeBytes(bytes);
        }

        Script build() {
            flush();
            return new Script(List.copyOf(steps));
        }

        private void flush() {
            if (run.size() > 0) {
                steps.add(new Step(dir, run.toByteArray()));
                run.reset();
            }
        }
    }
}
