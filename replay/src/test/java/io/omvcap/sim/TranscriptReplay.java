package io.omvcap.sim;

import io.omvcap.device.CamOutput;
import io.omvcap.device.ManualClock;
import io.omvcap.testing.Transcript;
import io.omvcap.wire.Crc32;
import io.omvcap.wire.Direction;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.PacketDecoder;
import io.omvcap.wire.ValidPacket;
import io.omvcap.wire.WireFormat;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds a transcript's host-to-cam bytes into a simulated cam at their recorded times on a manual
 * clock (1 ms steps) and collects what the cam sends. The cam boots {@code bootOffsetMs} before
 * the scenario starts; the host attaches at scenario time 0. Stream-channel reads are adapted to
 * the size this cam reported (its JPEG encoder differs from the harness's PIL), with CRCs redone.
 */
final class TranscriptReplay {
    /** A packet the cam sent, with the scenario time (ms) when it went out. */
    record Sent(double tMs, Packet packet) {
    }

    private final ManualClock clock = new ManualClock(0);
    private final List<Sent> sent = new ArrayList<>();
    private final PacketDecoder decoder = new PacketDecoder();
    private final long bootOffsetMs;
    private final SimCam cam;
    private long lastStreamSize = -1;

    TranscriptReplay(SimConfig config, long bootOffsetMs) {
        this.bootOffsetMs = bootOffsetMs;
        CamOutput out = (buf, off, len) -> {
            decoder.feed(buf, off, len, e -> {
                if (e instanceof ValidPacket v) {
                    onSent(v.packet());
                }
            });
            return true;
        };
        cam = new SimCam(config, clock, out);
    }

    SimCam cam() {
        return cam;
    }

    /** Replays {@code t}; returns every packet the cam sent. */
    List<Sent> run(Transcript t) {
        advanceTo(bootOffsetMs);
        cam.engine().setTransportActive(true);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<int[]> chunks = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (Transcript.Chunk c : t.chunks()) {
            if (c.dir() == Direction.HOST_TO_CAM) {
                chunks.add(new int[] {all.size(), c.bytes().length});
                times.add(c.tNs());
                all.writeBytes(c.bytes());
            }
        }
        byte[] h2c = all.toByteArray();
        List<Integer> streamReads = streamReadOffsets(h2c);
        for (int i = 0; i < chunks.size(); i++) {
            advanceTo(bootOffsetMs + (long) Math.ceil(times.get(i) / 1e6));
            int start = chunks.get(i)[0];
            int len = chunks.get(i)[1];
            for (int at : streamReads) {
                if (at >= start && at < start + len) {
                    patchReadLength(h2c, at);
                }
            }
            feed(h2c, start, len);
        }
        long end = t.chunks().stream().mapToLong(Transcript.Chunk::tNs).max().orElse(0);
        advanceTo(Math.max(clock.millis(), bootOffsetMs + (long) Math.ceil(end / 1e6)) + 5);
        return sent;
    }

    private void onSent(Packet p) {
        sent.add(new Sent(clock.millis() - bootOffsetMs, p));
        if (p.channel() == 3 && p.opcode() == Opcode.CHANNEL_SIZE.code() && p.length() == 4) {
            lastStreamSize = WireFormat.u32(p.payload(), 0);
        }
    }

    private void feed(byte[] buf, int off, int len) {
        while (len > 0) {
            int n = cam.engine().receive(buf, off, len);
            off += n;
            len -= n;
            if (len > 0) {
                step();
            }
        }
        cam.engine().tick();
    }

    private void advanceTo(long ms) {
        while (clock.millis() < ms) {
            step();
        }
    }

    private void step() {
        clock.advance(1);
        cam.engine().tick();
    }

    private void patchReadLength(byte[] h2c, int at) {
        if (lastStreamSize < 0) {
            return;
        }
        int payload = at + WireFormat.HEADER_SIZE;
        WireFormat.putU32(h2c, payload + 4, lastStreamSize);
        WireFormat.putU32(h2c, payload + 8, Crc32.compute(h2c, payload, 8));
    }

    private static List<Integer> streamReadOffsets(byte[] h2c) {
        List<Integer> out = new ArrayList<>();
        PacketDecoder d = new PacketDecoder();
        d.feed(h2c, e -> {
            if (e instanceof ValidPacket v && v.packet().channel() == 3
                    && v.packet().opcode() == Opcode.CHANNEL_READ.code() && v.packet().length() == 8) {
                out.add((int) v.offset());
            }
        });
        return out;
    }
}
