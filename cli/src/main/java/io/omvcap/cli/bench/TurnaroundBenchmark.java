package io.omvcap.cli.bench;

import io.omvcap.link.ByteLink;
import io.omvcap.pty.PtyLink;
import io.omvcap.serve.ServeTarget;
import io.omvcap.serve.SimCamServer;
import io.omvcap.serve.StatusListener;
import io.omvcap.sim.SimConfig;
import io.omvcap.wire.Flag;
import io.omvcap.wire.Opcode;
import io.omvcap.wire.Packet;
import io.omvcap.wire.PacketEncoder;
import io.omvcap.wire.WireFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Request→response turnaround of the simulated cam: a host sends CHANNEL_SIZE for the
 * {@code ticks} channel, waits for the answer, ACKs it, repeats. Measured in-process (pipe) and
 * over a real pseudo-terminal; reports p50 and p99. Targets: p99 ≤ 100 µs in-process, ≤ 1 ms pty.
 */
public final class TurnaroundBenchmark implements Benchmark {
    private static final int TICKS = 4;
    private static final double IN_PROCESS_P99_US = 100;
    private static final double PTY_P99_US = 1000;

    @Override
    public String name() {
        return "turnaround";
    }

    @Override
    public String description() {
        return "sim cam request->response turnaround p50/p99 (targets: p99 <= 100 us in-process, <= 1 ms pty)";
    }

    @Override
    public List<BenchResult> run(boolean quick, PrintStream log) throws Exception {
        int warmup = quick ? 2_000 : 20_000;
        int rounds = quick ? 5_000 : 50_000;
        SimConfig config = SimConfig.reference().build();
        List<BenchResult> results = new ArrayList<>();
        try (SimCamServer cam = SimCamServer.inProcess(config)) {
            log.println("turnaround: in-process, " + rounds + " requests");
            results.addAll(measure("in-process", cam.hostLink(), warmup, rounds, IN_PROCESS_P99_US));
        }
        try (SimCamServer cam = SimCamServer.start(config, new ServeTarget.Pty(null), StatusListener.NONE, 0);
                PtyLink host = PtyLink.attach(cam.slavePath())) {
            log.println("turnaround: pty " + cam.slavePath() + ", " + rounds + " requests");
            results.addAll(measure("pty", host, warmup, rounds, PTY_P99_US));
        }
        return results;
    }

    private static List<BenchResult> measure(String where, ByteLink link, int warmup, int rounds, double p99Target)
            throws IOException, InterruptedException {
        Host host = new Host(link);
        host.connect();
        host.waitForChannel(TICKS);
        for (int i = 0; i < warmup; i++) {
            host.roundTrip();
        }
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            nanos[i] = host.roundTrip();
        }
        Arrays.sort(nanos);
        double p50 = nanos[rounds / 2] / 1_000.0;
        double p99 = nanos[(int) (rounds * 0.99)] / 1_000.0;
        return List.of(new BenchResult(where + " turnaround p50", p50, "µs", "", true),
                new BenchResult(where + " turnaround p99", p99, "µs", "<= " + (int) p99Target + " µs", p99 <= p99Target));
    }

    /** A minimal allocation-free host: pre-encoded requests and ACKs for every sequence number. */
    private static final class Host {
        private final ByteLink link;
        private final byte[][] sizeRequests = new byte[256][];
        private final byte[][] sizeAcks = new byte[256][];
        private final byte[] in = new byte[64 * 1024];
        private int have;
        private int seq;

        Host(ByteLink link) {
            this.link = link;
            for (int s = 0; s < 256; s++) {
                sizeRequests[s] = PacketEncoder.encode(Packet.of(s, TICKS, 0, Opcode.CHANNEL_SIZE));
                sizeAcks[s] = PacketEncoder.encode(Packet.of(s, TICKS, Flag.ACK.mask(), Opcode.CHANNEL_SIZE));
            }
        }

        void connect() throws IOException {
            link.write(PacketEncoder.encode(Packet.of(0, 0, 0, Opcode.PROTO_SYNC)));
            await(Opcode.PROTO_SYNC.code());
            seq = 0;
        }

        void waitForChannel(int id) throws IOException, InterruptedException {
            for (int i = 0; i < 500; i++) {
                byte[] req = PacketEncoder.encode(Packet.of(seq, id, 0, Opcode.CHANNEL_SIZE));
                link.write(req);
                int flags = await(Opcode.CHANNEL_SIZE.code());
                ack(flags, Opcode.CHANNEL_SIZE.code(), id);
                if ((flags & Flag.NAK.mask()) == 0) {
                    return;
                }
                Thread.sleep(10);
            }
            throw new IOException("channel " + id + " never appeared");
        }

        long roundTrip() throws IOException {
            int s = seq;
            long t0 = System.nanoTime();
            link.write(sizeRequests[s]);
            int flags = await(Opcode.CHANNEL_SIZE.code());
            long dt = System.nanoTime() - t0;
            if ((flags & Flag.ACK_REQ.mask()) != 0) {
                link.write(sizeAcks[s]);
            }
            return dt;
        }

        private void ack(int flags, int opcode, int channel) throws IOException {
            if ((flags & Flag.ACK_REQ.mask()) != 0) {
                link.write(PacketEncoder.encode(new Packet((seq - 1) & 0xFF, channel, Flag.ACK.mask(), opcode,
                        new byte[0])));
            }
        }

        /** Reads until the answer (opcode, our sequence, not an event) is complete; returns its flags. */
        private int await(int opcode) throws IOException {
            long deadline = System.nanoTime() + 2_000_000_000L;
            long spinUntil = System.nanoTime() + 2_000_000L;
            while (true) {
                int at = 0;
                while (have - at >= WireFormat.HEADER_SIZE) {
                    if (in[at] != WireFormat.SYNC_BYTE_0 || in[at + 1] != WireFormat.SYNC_BYTE_1) {
                        at++;
                        continue;
                    }
                    int size = WireFormat.packetSize(WireFormat.u16(in, at + 6));
                    if (have - at < size) {
                        break;
                    }
                    int flags = in[at + 4] & 0xFF;
                    int op = in[at + 5] & 0xFF;
                    int s = in[at + 2] & 0xFF;
                    at += size;
                    if ((flags & Flag.EVENT.mask()) == 0 && op == opcode && s == seq) {
                        System.arraycopy(in, at, in, 0, have - at);
                        have -= at;
                        seq = (seq + 1) & 0xFF;
                        return flags;
                    }
                }
                System.arraycopy(in, at, in, 0, have - at);
                have -= at;
                long now = System.nanoTime();
                if (now > deadline) {
                    throw new IOException("no answer from the cam");
                }
                int n = link.read(in, have, in.length - have, now < spinUntil ? 0 : 1);
                if (n < 0) {
                    throw new IOException("link ended");
                }
                if (n == 0) {
                    Thread.onSpinWait();
                }
                have += n;
            }
        }
    }
}
